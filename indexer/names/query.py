"""A name as the user typed it, read into patterns of folded words to look for.

"Qais al-Khazali" is the pattern qais · khazali (next word). A stop word or particle the index
does not keep still counts as a word ("Bank of England": bank, then england two words on).
A compound gives a second pattern: "Abdul Rahman" is also the one word abdulrahman.
A word typed in capitals (OPEC, UN) is an acronym: it has no spelling variants.
Titles before a person's name are not looked for ("Sir Clive Woodward" is Clive Woodward);
titles before one word find it after a first name too ("President Mubarak" finds "President
Hosni Mubarak").
Words typed before the first name word or after the last that are no tokens (a stop word, a
particle, a number: "Take That", "Le Pen", "7-Eleven", "Boeing 747") must be written there in
the text: without them the rest is another name ("Take", "Pen", "Eleven").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from indexer.errors import BadQuery
from indexer.names.fold import DEFAULT_FOLDING, Folding, is_arabic, is_particle
from indexer.names.people import (
    SURNAME_PARTICLES,
    family_name_first,
    is_person_name,
    is_title,
    names_a_body,
)
from indexer.names.tokens import NameToken, iter_name_tokens

ABBREVIATED_TITLE = 4
"""A title this short may be written with a full stop (Mr., Dr., Gen., Capt.)."""


@dataclass(frozen=True)
class Slot:
    """One word of a pattern: its folded term, and how many positions after the previous."""

    term: str
    step: int
    names_between: bool = False
    """The positions skipped before this word hold words of names: the first name of
    "President Hosni Mubarak" for "President Mubarak"."""


Pattern = tuple[Slot, ...]


# Last words that are no one's short name: generations (the word before is), regnal numbers
# (Louis XIV, Abdullah II, عبد الله الثاني) and God's name ending a name (نصر الله: a lone
# الله is not Nasrallah).
_GENERATIONS = frozenset({"jr", "jnr", "sr", "snr"})
_REGNAL = "ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi اول ثاني ثالث رابع خامس"
_NOT_SHORT = frozenset([*_REGNAL.split(), "allah", "ullah", "ollah", "له", "لہ"])


@dataclass(frozen=True)
class NameQuery:
    """The patterns of one name; `patterns[0]` is the plain sequence of its words.

    `gaps` holds, for each word of the plain pattern, the words typed before it that are not
    tokens (the particle of "Willy De Clercq"; "of" in "Bank of England"). `head` and `tail`
    are what was typed before the first word and after the last that the index holds no
    tokens of, so a mention must have them written there (`start_in`, `end_in`): words it
    drops ("Le " of "Le Pen", " That" of "Take That"), numbers ("7-" of "7-Eleven"), and the
    end of a last word whose part after a hyphen is in lower case ("-jung" of "Kim
    Dae-jung": the index keeps only capitalised words of a text).
    """

    name: str
    patterns: tuple[Pattern, ...]
    acronyms: frozenset[str] = frozenset()
    gaps: tuple[tuple[str, ...], ...] = ()
    tail: str = ""  # typed after the last word: "-jung" of "Kim Dae-jung", " That"
    head: str = ""  # typed before the first word: "Le " of "Le Pen", "7-" of "7-Eleven"

    @property
    def words(self) -> tuple[str, ...]:
        """The folded words of the plain pattern."""
        return tuple(slot.term for slot in self.patterns[0])

    @property
    def short_index(self) -> int | None:
        """Which word a later short mention uses: the last name (Khazali, De Clercq's
        Clercq), the family name of a Chinese or Korean name (Zhao Ziyang → Zhao); None for
        a one-word name, a name ending in a particle, one with other words between its own
        (Duke of Edinburgh), or one that is not a person's (Asaib Ahl al-Haq, Gulf Oil). A
        title and one word is a person (President Kaunda → Kaunda)."""
        words = self.words
        if len(words) < 2 or not (is_person_name(words) or _title_and_surname(words)):
            return None
        if any(word not in SURNAME_PARTICLES for gap in self.gaps for word in gap):
            return None
        if family_name_first(words, self.name):
            return 0
        last = len(words) - 1
        if words[last] in _GENERATIONS and last >= 2:  # Martin Luther King Jr. → King
            last -= 1
        if is_particle(words[last]) or words[last] in _NOT_SHORT:
            return None
        return last

    @property
    def in_arabic_script(self) -> bool:
        """Whether every word is in Arabic script, which has no capitals: nothing tells its
        acronyms (أوبك, ناتو) from its names."""
        return all(is_arabic(word) for word in self.words)

    def start_in(self, text: str, start: int) -> int:
        """Where a mention whose first word starts at `start` starts, taking in the `head`
        written just before it in any case ("le Pen"); -1 when the text has not got it there
        ("Med-Pen")."""
        if not self.head:
            return start
        lo = max(0, start - 3 * len(self.head) - 20)
        found = _as_written(self.head, before=True).search(text, lo, start)
        return -1 if found is None else found.start()

    def end_in(self, text: str, end: int) -> int:
        """Where a mention whose last word ends at `end` ends, taking in the `tail` written
        just after it in any case ("Take That", "Kim Dae-Jung"); -1 when the text has not got
        it there ("Take the", "Kim Dae-hyun")."""
        if not self.tail:
            return end
        found = _as_written(self.tail, before=False).match(text, end)
        return -1 if found is None else found.end()

    @property
    def last_name(self) -> str | None:
        """The word a later short mention would use (see `short_index`), or None."""
        index = self.short_index
        return None if index is None else self.words[index]

    @property
    def first_names(self) -> tuple[str, ...]:
        """The other words of the name (Qais; Mohammad, Kazem; Ziyang), not its titles
        (none for President Kaunda)."""
        index = self.short_index
        if index is None:
            return self.words[:-1]
        if _title_and_surname(self.words):
            return ()
        return self.words[:index] + self.words[index + 1 :]


def _pattern(tokens: list[NameToken]) -> Pattern:
    slots, last = [], None
    for token in tokens:
        slots.append(Slot(token.term, 0 if last is None else token.pos - last))
        last = token.last
    return tuple(slots)


def parse_name(name: str, folding: Folding = DEFAULT_FOLDING) -> NameQuery:
    """Read a name typed by a user. Raises BadQuery when nothing in it can be a name.

    A name written as a list writes it ("Al-Khazali, Qais") is read in its order ("Qais
    Al-Khazali"), and a note in brackets after it ("Qais al-Khazali (AAH)") is left out."""
    name = _as_written_in_text(name)
    tokens = [
        t
        for t in iter_name_tokens(name, query=True, folding=folding)
        if not _after_a_digit(name, t)
    ]
    words = [t for t in tokens if t.pos == t.last]
    if not words:
        raise BadQuery(
            f"no name to look for in {name!r}",
            hint="give a name: words such as 'the' or 'of' alone, and a word joined to a number"
            " (3M), are not indexed as names; `passages search` finds any word",
        )
    head = _typed_apart(name[: words[0].start], before=True)
    tail = _typed_apart(name[words[-1].end :], before=False)
    if all(word.term in _TITLES_ONLY for word in words) and not (head or tail).strip():
        raise BadQuery(
            f"{name!r} is a title, not a name",
            hint="give the name it goes with (President Mubarak); `passages search` finds the"
            " word itself",
        )
    if len(words) > 1 and head.strip().lower() == "the":
        head = ""  # The Rolling Stones: texts also write them without
    words = _without_titles(words)
    while len(words) > 1 and _lower_after_hyphen(name, words[-1]):
        tail = name[words[-2].end : words[-1].end].lower() + tail
        words = words[:-1]
    patterns = [_pattern(words)]
    last = words[-1].last
    joins = (t for t in tokens if t.pos != t.last and t.pos >= words[0].pos and t.last <= last)
    for joined in joins:
        rest = [t for t in words if t.pos < joined.pos or t.pos > joined.last]
        patterns.append(_pattern(sorted([*rest, joined], key=lambda t: t.pos)))
    patterns += [_after_abbreviation(pattern) for pattern in patterns]
    between = _first_name_between(words)
    if between is not None:
        patterns.append(between)
    patterns += _other_lengths(words, name, [t for t in tokens if t.pos != t.last])
    shouted = len(words) > 1 and name.isupper()  # QAIS AL-KHAZALI: a name typed in capitals
    acronyms = frozenset(t.term for t in words if not shouted and is_acronym(name[t.start : t.end]))
    gaps = tuple(
        () if i == 0 else _gap_words(name[words[i - 1].end : word.start])
        for i, word in enumerate(words)
    )
    return NameQuery(name, tuple(dict.fromkeys(patterns)), acronyms, gaps, tail, head)


def _after_a_digit(name: str, token: NameToken) -> bool:
    """Whether a Latin word is written right after a digit (the M of 3M): the index keeps no
    such word, as it keeps no capital inside a word (iPhone)."""
    start = token.start
    return start > 0 and name[start - 1].isdigit() and not is_arabic(token.term)


def _typed_apart(typed: str, *, before: bool) -> str:
    """What is typed before a name's first word (`before`) or after its last, without the
    quotes or marks around it: "Le " of "Le Pen", " That" of '"Take That"'; "" when it holds
    no letter or digit."""
    if not any(c.isalnum() for c in typed):
        return ""
    return re.sub(r"^[\W_]+", "", typed) if before else re.sub(r"[\W_]+$", "", typed)


_SEPARATOR = r"[\s.\-\u2010\u2011]+"
_TYPED_PART = re.compile(rf"[^\W_]+|{_SEPARATOR}|.", re.S)


@cache
def _as_written(typed: str, *, before: bool) -> re.Pattern[str]:
    """A pattern of text written as `typed`: its words and numbers in any case, whole, and
    any space, hyphen or full stop where it has one ("Le Pen", "LE PEN", "7-Eleven", "J.
    Robinson" for "J Robinson"). Before a name it ends where the name starts."""
    parts = [
        _SEPARATOR if re.fullmatch(_SEPARATOR, part) else re.escape(part)
        for part in _TYPED_PART.findall(typed)
    ]
    body = "".join(parts)
    return re.compile(rf"(?<!\w){body}\Z" if before else rf"{body}(?!\w)", re.I)


def _after_abbreviation(pattern: Pattern) -> Pattern:
    """`pattern` with the word after a title that may be abbreviated (Mr, Dr, Gen) one
    position further, or one nearer: the full stop of "Mr. Baker" takes a position."""
    slots = list(pattern)
    for i in range(1, len(slots)):
        before = slots[i - 1].term
        if len(before) <= ABBREVIATED_TITLE and is_title(before):
            step = slots[i].step
            slots[i] = Slot(slots[i].term, step + 1 if step == 1 else max(1, step - 1))
    return tuple(slots)


_NOTE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")
_LIST_ORDER = re.compile(r"\s*([^,،]*[^,،\s])\s*[,،]\s*([^,،\s][^,،]*?)\s*")
"""Family name, comma, given names: one comma, something on either side."""
_NOT_A_GIVEN_NAME = frozenset(
    ["inc", "ltd", "co", "corp", "llc", "plc", "ag", "sa", "nv", "gmbh", "jr", "jnr", "sr", "snr"]
    + ["ii", "iii", "iv"]
)


def _as_written_in_text(name: str) -> str:
    """`name` without notes in brackets, and "Surname, Given names" turned round."""
    bare = _NOTE.sub("", name).strip()
    name = bare or name
    turned = _LIST_ORDER.fullmatch(name)
    if turned is None:
        return name
    family, given = turned.groups()
    if given.rstrip(".").lower() in _NOT_A_GIVEN_NAME:  # Gulf Oil, Inc; King, Jr.
        return name
    article = re.search(r"\s((?:al|el|Al|El|AL|EL)-?)\Z", given)  # Nakhala, Ziyad al-
    if article is not None:
        return f"{given[: article.start()]} {article.group(1).rstrip('-')}-{family}"
    return f"{given} {family}"


def _lower_after_hyphen(name: str, word: NameToken) -> bool:
    """Whether `word` is the part of a word after a hyphen, typed in lower case (-jung)."""
    typed = name[word.start : word.end]
    after_article = re.split("[-\u2010\u2011]", typed)[-1]  # al-Khazali: Khazali
    return (
        word.start > 0 and name[word.start - 1] in "-\u2010\u2011" and after_article[:1].islower()
    )


def _without_titles(words: list[NameToken]) -> list[NameToken]:
    """The words after leading titles, when the rest is a person's name of two words or more
    (Major General Jibril Rajoub; not King Fahd, General Motors Corp)."""
    start = 0
    while start < len(words) and is_title(words[start].term):
        start += 1
    rest = words[start:]
    if start and len(rest) >= 2 and is_person_name([t.term for t in rest]):
        return rest
    return words


_TITLES_OF_BODIES = frozenset({"general", "premier", "crown", "st", "saint"})
# Titles that are no one's name alone: a name of these only is refused (`mentions Mr` had
# listed 3,005 mentions of anyone). King, Major or Bishop are family names too, and kept.
_TITLES_ONLY = frozenset(
    ("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "madam")
    + ("mme", "mlle", "herr", "frau", "president", "chancellor", "senator", "sen", "governor")
    + ("gov", "mayor", "minister", "ayatollah", "hojatoleslam", "rep", "congressman")
)
"""Titles that also open the names of companies and places (General Electric, Premier Oil,
Crown Zellerbach, St Helens): with one word after them, not surely a person."""


def _title_and_surname(words: tuple[str, ...]) -> bool:
    """Whether folded `words` are titles and one word of a name (President Kaunda, Ayatollah
    Khomeini, King Fahd): a person, though `is_person_name` reads the name without its
    titles; not General Electric, nor a title before a body's word (President Motors)."""
    *titles, last = words
    return (
        bool(titles)
        and all(is_title(title) and title not in _TITLES_OF_BODIES for title in titles)
        and len(last) >= 2
        and not is_title(last)
        and not names_a_body(last)
    )


def _first_name_between(words: list[NameToken]) -> Pattern | None:
    """For titles before one name word (President Mubarak, Ayatollah Khomeini, Chancellor
    Kohl), the pattern of the titles, a first name and that word (President Hosni Mubarak,
    Ayatollah Ruhollah Khomeini); None for any other name."""
    titles = 0
    while titles < len(words) and is_title(words[titles].term):
        titles += 1
    if not titles or len(words) - titles != 1:
        return None
    plain = _pattern(words)
    last = plain[titles]
    return (*plain[:titles], Slot(last.term, last.step + 1, names_between=True))


def _other_lengths(words: list[NameToken], name: str, joins: list[NameToken]) -> list[Pattern]:
    """For a person's name, the forms texts write it in with more or fewer of its words: a
    first and last name with a middle name between (Nouri al-Maliki: Nouri Kamil al-Maliki);
    of three words or more, the first and last alone (Recep Tayyip Erdogan: Recep Erdogan)
    and the last two (Ali Akbar Hashemi Rafsanjani: Hashemi Rafsanjani). When the last two
    are one name written apart (`joins`: عبد المهدي, نصر الله), they alone, apart or joined,
    and never the first with the last (عادل مهدي is not Adil Abdul-Mahdi). Only for words
    typed apart by spaces: not for a particle (bin, de), a hyphen or a title between them,
    nor for family names first (Deng Xiaoping)."""
    terms = [word.term for word in words]
    if len(words) < 2 or not is_person_name(terms) or family_name_first(terms, name):
        return []
    if any(is_particle(term) or is_title(term) or len(term) < 2 for term in terms):
        return []
    gaps = (name[before.end : after.start] for before, after in pairwise(words))
    if any(gap.strip() for gap in gaps):  # Leigh-Pemberton, Perez de Cuellar: one surname
        return []
    tail = [j for j in joins if j.pos == words[-2].pos and j.last == words[-1].last]
    if tail:
        return [_pattern(words[-2:]), (Slot(tail[0].term, 0),)] if len(words) > 2 else []
    if joins:  # a compound elsewhere (Abdul Rahman Arif): its words are not to be parted
        return []
    first, last = _pattern(words[:1])[0], _pattern(words[-1:])[0]
    if len(words) == 2:
        step = words[1].pos - words[0].last
        return [(first, Slot(last.term, step + 1, names_between=True))]
    return [(first, Slot(last.term, 1)), _pattern(words[-2:])]


def _gap_words(gap: str) -> tuple[str, ...]:
    """The words typed between two words of a name, lower-cased; not initials (George W Bush)."""
    return tuple(word.lower() for word in re.findall(r"[^\W\d_]{2,}", gap))


def is_acronym(written: str) -> bool:
    """OPEC, UN, KDP: two to six capitals, no lower-case letter (Arabic has no capitals)."""
    letters = [c for c in written if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)
