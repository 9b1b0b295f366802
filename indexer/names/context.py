"""Reading the words around a name in a passage: headlines, sentence starts, first names.

A capitalised word may be a name or only a word that starts a sentence or a headline; a last
name may stand alone (Khazali) or after another person's first name (Cherie Blair, Howard
Baker). These helpers read that from the text and its name tokens (`indexer.names.tokens`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from indexer.names.fold import clitic_bases, fold_word, is_arabic
from indexer.names.people import NICKNAMES, is_calendar_word, is_title, names_a_body
from indexer.names.score import distance
from indexer.names.stopwords import word_list
from indexer.names.tokens import NameToken

SAME_FIRST_NAME = 0.8
"""Two first names this close (`score.distance`) are spellings of one (Ziyad, Ziad)."""

_CAPITALISED_SMALL_WORDS = frozenset(
    word_list("For And Against Of The In To With From On At By Over Into After About Is Are")
)
_SENTENCE_ENDS = frozenset(".!?:\n")
_OPENERS = " \t\"'“‘(«"
_CLOSERS = "\"'”’)»]"
_ARTICLE = re.compile(r"[AaEe][Ll][- ]|[Aa](?:dh|th|sh|[dtszrn])-")

NameWord = Callable[[str], bool]
"""Whether a folded Latin word is known to be a name's (mostly written with a capital)."""


def _unknown(term: str) -> bool:
    return False


def starts_sentence(text: str, start: int) -> bool:
    """True when the word at `start` opens a sentence, a line or a quotation."""
    before = text[:start].rstrip(_OPENERS)
    return not before or before[-1] in _SENTENCE_ENDS


def capitalised_anyway(
    text: str, start: int, end: int, headlines: Sequence[tuple[int, int]]
) -> bool:
    """Whether the word at text[start:end] would be capitalised whatever it is: opening a
    sentence, a line or a quotation, in a headline, or written in capitals ("Rice farmers
    protested", "BUSH FIRES SPREAD")."""
    return starts_sentence(text, start) or _in(headlines, start) or text[start:end].isupper()


def headline_spans(text: str, title: str = "") -> list[tuple[int, int]]:
    """Lines set in title case or capitals ("Pledges Support For Palestinian Struggle"), and
    the document's title when the text starts with it."""
    spans, offset = [], 0
    if title and text.startswith(title):
        spans.append((0, len(title)))
    for line in text.splitlines(keepends=True):
        words = line.split()
        shouting = line.isupper() and len(words) >= 4
        if shouting or _title_case(words):
            spans.append((offset, offset + len(line)))
        offset += len(line)
    return spans


def _title_case(words: list[str]) -> bool:
    """Two of the small words capitalised inside a sentence: "Pledges Support For Palestinian
    Struggle Against..." (a paragraph on one line has "The" and "In" opening its sentences)."""
    inside = {
        word
        for before, word in itertools.pairwise(words)
        if word in _CAPITALISED_SMALL_WORDS and before.rstrip(_CLOSERS)[-1:] not in _SENTENCE_ENDS
    }
    return len(inside) >= 2


def first_name_before(
    text: str,
    words: Sequence[NameToken],
    index: int,
    headlines: Sequence[tuple[int, int]],
    name_word: NameWord = _unknown,
) -> str | None:
    """The first name written just before `words[index]` (Cherie in "Cherie Blair"), or None:
    not a title, an initial, a day or a month, a nationality or an organisation's word, nor
    a word that may be capitalised only because it opens a sentence (unless `name_word` knows
    it: Qubad) or stands in a headline. Latin script only."""
    word = words[index]
    if index == 0 or is_arabic(word.term):
        return None
    before = words[index - 1]
    if not _next_to(text, before, word) or len(before.term) < 2:
        return None
    if is_title(before.term) or names_a_body(before.term) or is_calendar_word(before.term):
        return None
    if _in(headlines, before.start):
        return None
    if starts_sentence(text, before.start) and not name_word(before.term):
        return None
    return before.term


def name_after(
    text: str,
    words: Sequence[NameToken],
    index: int,
    headlines: Sequence[tuple[int, int]],
    name_word: NameWord = _unknown,
) -> str | None:
    """The name word that goes on from `words[index]` ("Amir" in "Amir Al-Ammari", "Baker" in
    "Baker Hughes"): written with an article, or known as a name's by `name_word`. None for a
    common word (the Baker Plan, the Reagan Administration) or in a headline."""
    if index + 1 >= len(words):
        return None
    word, after = words[index], words[index + 1]
    if not _next_to(text, word, after) or _in(headlines, word.start):
        return None
    if is_title(after.term) or names_a_body(after.term) or is_calendar_word(after.term):
        return None
    if _ARTICLE.match(text, after.start) or name_word(after.term):
        return after.term
    return None


def word_after(
    text: str,
    words: Sequence[NameToken],
    index: int,
    headlines: Sequence[tuple[int, int]],
    name_word: NameWord = _unknown,
) -> str | None:
    """The word of a name written just after `words[index]`: a name word (`name_after`: Lilly
    in "Eli Lilly") or a word naming a body (Industries in "Beker Industries"); None in a
    headline or when the next word is not one of these."""
    found = name_after(text, words, index, headlines, name_word)
    if found is not None or index + 1 >= len(words):
        return found
    word, after = words[index], words[index + 1]
    if _next_to(text, word, after) and not _in(headlines, word.start) and names_a_body(after.term):
        return after.term
    return None


# A person's name followed or preceded by these is a place's (Sadr City, Lake Nasser, Kennedy
# Airport) or a company's (Bond Corp, Turner Broadcasting, Trump Hotel), not the person; the
# Reagan Administration and the Baker Plan are the person's.
_PLACE_AFTER = frozenset(
    word_list(
        """city province county district governorate street square road avenue boulevard
        airport station stadium bridge lake river bay island valley dam camp park
        corp corporation inc incorporated ltd limited plc llc company companies group
        holdings industries enterprises media broadcasting communications hotel hotels
        casino casinos airways airlines motor motors foods properties securities
        university college institute foundation hospital"""
    )
)
_PLACE_BEFORE = frozenset(word_list("lake mount mt port fort cape camp"))
# Arabic writes the place's word first: مدينة الصدر is Sadr City, مطار رفيق الحريري an airport.
_ARABIC_PLACE_BEFORE = frozenset(
    fold_word(w) or w
    for w in word_list(
        "مدينة شارع ساحة ميدان مطار مخيم ملعب جسر بحيرة نهر جزيرة سد حي محافظة ميناء منطقة "
        "قاعدة مستشفى"
    )
)


def names_a_place(text: str, words: Sequence[NameToken], index: int) -> bool:
    """Whether `words[index]` is part of a place's or a company's name: Sadr City, Lake
    Nasser, مدينة الصدر, Bond Corp."""
    word = words[index]
    after = words[index + 1] if index + 1 < len(words) else None
    before = words[index - 1] if index > 0 else None
    return (after is not None and after.term in _PLACE_AFTER and _next_to(text, word, after)) or (
        before is not None and _place_before(text, before, word)
    )


def _place_before(text: str, before: NameToken, word: NameToken) -> bool:
    """Whether `before` is a place's word, right before `word` (Lake Nasser, مدينة الصدر)."""
    term = before.term
    if not is_arabic(term):
        return term in _PLACE_BEFORE and _next_to(text, before, word)
    if before.last != word.pos - 1 or text[before.end : word.start].strip(" \t"):
        return False
    return term in _ARABIC_PLACE_BEFORE or any(
        base in _ARABIC_PLACE_BEFORE for base in clitic_bases(term)
    )


_ARABIC_PEOPLES = frozenset(
    fold_word(w) or w
    for w in word_list(
        "العراقي السوري اللبناني المصري السوداني الأردني الفلسطيني الإيراني التركي السعودي "
        "الكويتي اليمني الليبي التونسي الجزائري المغربي القطري الإماراتي البحريني العماني "
        "الأمريكي الأميركي البريطاني الفرنسي الروسي الصيني الألماني الإسرائيلي الأفغاني "
        "الباكستاني الهندي الكردي العربي الشيعي السني الإسلامي"
    )
)
"""Arabic adjectives of a people or a faith, which are family names too (محمد شياع السوداني)."""
_ARABIC_ARTICLE = re.compile("[اأإ]ل")


def describes_a_noun(text: str, words: Sequence[NameToken], index: int) -> bool:
    """Whether `words[index]` is an Arabic adjective of a people after the noun it qualifies,
    not a family name: الرئيس السوداني ("the Sudanese president"), not al-Sudani."""
    word = words[index]
    if index == 0 or word.term not in _ARABIC_PEOPLES:
        return False
    before = words[index - 1]
    return (
        before.last == word.pos - 1
        and is_arabic(before.term)
        and _ARABIC_ARTICLE.match(text, before.start) is not None
    )


_BEFORE_A_DATE = re.compile(
    r"(?:(?<![^\W\d_])(?:in|on|since|by|last|next|until|till|early|late|mid|this)[ \t-]+"
    r"|(?<!\d)\d{1,2}(?:st|nd|rd|th)?[ \t]+)\Z",
    re.I,
)
_AFTER_A_DATE = re.compile(r"[ \t]+\d{1,4}(?!\d)")


def names_a_date(text: str, word: NameToken) -> bool:
    """Whether `word` is a month or a day written as a date, not a name: after in, on,
    since, by, last, next, until, early, late..., or next to a day number or a year ("take
    place in May", "on 5 May", "May 2005"), for Theresa May."""
    if not is_calendar_word(word.term):
        return False
    before = _BEFORE_A_DATE.search(text, max(0, word.start - 12), word.start)
    return before is not None or _AFTER_A_DATE.match(text, word.end) is not None


_INITIAL = re.compile(r"(?<![\w.’'])([A-Z])(\.?)[ \t]+\Z")


def initial_before(text: str, start: int) -> str | None:
    """The initial written just before the word at `start` (J in "J Robinson", "J. Robinson"),
    folded; None without one, and for A and I with no full stop (an article, a pronoun)."""
    found = _INITIAL.search(text, max(0, start - 4), start)
    if found is None or (found.group(1) in "AI" and not found.group(2)):
        return None
    return found.group(1).lower()


def _next_to(text: str, before: NameToken, word: NameToken) -> bool:
    """Two Latin words of one name: adjacent, a space between (not Blair-Brown), the first
    not a possessive (Labour's Brown)."""
    if before.last != word.pos - 1 or is_arabic(before.term) or is_arabic(word.term):
        return False
    if text[before.end - 2 : before.end] in ("'s", "’s"):
        return False
    return not text[before.end : word.start].strip(" \t\r\n")


def _in(spans: Sequence[tuple[int, int]], position: int) -> bool:
    return any(start <= position < end for start, end in spans)


def same_first_name(first: str, others: Sequence[str]) -> bool:
    """True when `first` is one of `others`, a spelling of one, or its nickname (Jim, James)."""
    return any(_same_first(first, other) for other in others)


@lru_cache(maxsize=4096)
def _same_first(a: str, b: str) -> bool:
    if a == b or (a, b) in NICKNAMES or (b, a) in NICKNAMES:
        return True
    return is_arabic(a) == is_arabic(b) and distance(a, b) <= SAME_FIRST_NAME
