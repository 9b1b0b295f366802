"""The names most mentioned in a corpus, so a user can discover who and what is in it.

No model, only the shapes of names. In Latin script a name is a run of capitalised words with
their particles and articles (Qais Al-Khazali, Osama bin Laden, Bank of England). Titles
(President, Sheikh...) are not part of it; lines set in title case (headlines) and words only
ever seen starting a sentence are left out. Arabic script has no capitals: a name there is a
word after a word that announces one (حركة النجباء, الشيخ قيس), or a name written with
عبد / أبو / بن / الله. Inside a document that names a person in full, the last name alone
(Khazali) counts as a mention of the full name, as `passages mentions` counts it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from whoosh.searching import Searcher

from indexer import store
from indexer.name_spellings import is_common_word
from indexer.names.analysis import NAME_TOKENS, analyse_names, kept_tokens
from indexer.names.context import headline_spans, starts_sentence
from indexer.names.fold import fold_word, is_arabic, is_particle
from indexer.names.people import (
    TITLES,
    family_name_first,
    is_adjective_alone,
    is_calendar_word,
    is_person_name,
)
from indexer.names.stopwords import word_list
from indexer.names.tokens import NameToken

MAX_WORDS = 6
JOINERS = frozenset({"of", "de", "du", "van", "von", "der", "den", "la", "le", "da", "di"})
INSTITUTIONS = frozenset(
    word_list(
        "bank university ministry department council house church museum institute college "
        "school court office bureau board league union association federation organisation "
        "organization republic kingdom state states city province army party movement front "
        "committee commission agency authority company corporation society academy foundation "
        "centre center tower port gulf bay sea lake isle island islands order cathedral"
    )
)
"""Words that may stand before 'of' inside a name (Bank of England; not Khazali of Baghdad)."""
ARABIC_ANNOUNCERS = frozenset(
    fold_word(w) or w
    for w in word_list(
        "حركة حزب تنظيم جماعة الشيخ السيد الرئيس الزعيم القائد رئيس وزير الأمين "
        "الامين المتحدث النائب الوزير السفير العميد اللواء الفريق الدكتور مدينة"
    )
)
ARABIC_HEADS = frozenset({"عبد", "ابو", "بن", "ام", "بنت"})
LEGAL_FORMS = frozenset(word_list("co cos corp inc ltd plc llc ag sa nv bv gmbh spa"))
"""Words of a company's legal form: a name of these alone (Co, Co Inc) is no name."""
CLOSING_WORDS = LEGAL_FORMS | frozenset(word_list("company corporation commission"))
"""Words ending the name of a body that may hold "and" (Securities and Exchange Commission,
Eli Lilly and Co, Standard and Poor's Corp)."""
AND_WORDS = frozenset({"and", "&"})
OPENING_SHARE = 0.85
OPENING_MIN = 20
"""A name seen this often, opening a line or a sentence in this share of its mentions, is a
word capitalised by its place: a table's row label (Shr, Net, Revs, Avg) or a sign-off."""

Run = tuple[str, str, bool]
"""(folded name, form as written, starts a sentence)"""


@dataclass(frozen=True)
class NameCount:
    """One name of the corpus: how it is most often written, and how often it comes up."""

    name: str
    mentions: int
    documents: int
    forms: tuple[str, ...] = ()
    key: str = field(default="", compare=False)


@dataclass
class _Tally:
    mentions: int = 0
    documents: set[str] = field(default_factory=set)
    forms: Counter[str] = field(default_factory=Counter)
    short_forms: Counter[str] = field(default_factory=Counter)
    initial_only: bool = True
    openings: int = 0


def names_at(location: Path, *, limit: int = 50, min_mentions: int = 2) -> list[NameCount]:
    """Open the index at `location` and list the names most mentioned in it."""
    with store.open_searcher(location)[1] as searcher:
        return names_in_index(searcher, limit=limit, min_mentions=min_mentions)


def names_in_index(
    searcher: Searcher, *, limit: int = 50, min_mentions: int = 2
) -> list[NameCount]:
    """The names most mentioned in the passages of an index (reads every passage's text).
    A one-word name the index mostly holds in lower case is a common word (Analysts, Today)."""
    passages = (
        (str(fields["doc"]), fields["text"], fields.get(NAME_TOKENS))
        for _, fields in searcher.reader().iter_docs()
        if "text" in fields and "doc" in fields
    )
    return _count_names(
        passages,
        limit=limit,
        min_mentions=min_mentions,
        common=lambda word: is_common_word(searcher, word, stems=True),
    )


def count_names(
    passages: Iterable[tuple[str, str]],
    *,
    limit: int = 50,
    min_mentions: int = 2,
    common: Callable[[str], bool] | None = None,
) -> list[NameCount]:
    """The names most mentioned in (document, text) passages, most mentioned first; `common`
    tells a one-word name that is only a common word, when the caller can."""
    return _count_names(
        ((doc, text, None) for doc, text in passages),
        limit=limit,
        min_mentions=min_mentions,
        common=common,
    )


def _count_names(
    passages: Iterable[tuple[str, str, list[tuple[str, int, int, int, int]] | None]],
    *,
    limit: int,
    min_mentions: int,
    common: Callable[[str], bool] | None,
) -> list[NameCount]:
    """count_names over (document, text, name tokens kept by the index, or None) passages."""
    by_doc: dict[str, list[tuple[Run, tuple[Run, ...]]]] = defaultdict(list)
    for doc, text, kept in passages:
        tokens = analyse_names(text) if kept is None else kept_tokens(kept)
        by_doc[doc].extend(_name_runs(text, tokens))
    joined = _bodies_joined_by_and(run for runs in by_doc.values() for run in runs)
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    for doc, runs in by_doc.items():
        for key, form, initial, short in _with_short_forms(_resolve_and(runs, joined)):
            tally = tallies[key]
            tally.mentions += 1
            tally.documents.add(doc)
            (tally.short_forms if short else tally.forms)[form] += 1
            tally.initial_only = tally.initial_only and initial
            tally.openings += initial
    counts = [
        _name_count(key, tally)
        for key, tally in tallies.items()
        if tally.mentions >= min_mentions and not _only_a_word(key, tally, common)
    ]
    counts.sort(key=lambda c: (-c.mentions, -c.documents, c.name.lower()))
    return counts[:limit]


def _bodies_joined_by_and(runs: Iterable[tuple[Run, tuple[Run, ...]]]) -> dict[str, str]:
    """The names holding "and" that are a body's, each with the name it counts for: ending
    with a word such as Commission or Co, or, without their legal form, the words of one
    that does (Standard and Poor's, for Standard and Poor's Corp)."""
    found: dict[str, str] = {}
    for (key, _, _), parts in runs:
        words = key.split()
        if parts and words[-1] in CLOSING_WORDS:
            found[key] = key
            while words and words[-1] in LEGAL_FORMS:
                words.pop()
            found.setdefault(" ".join(words), key)
    return found


def _resolve_and(runs: list[tuple[Run, tuple[Run, ...]]], joined: dict[str, str]) -> list[Run]:
    """A run holding "and" is one name when it is a body's (see `_bodies_joined_by_and`),
    else its parts (Britain and France; Reagan and Gorbachev)."""
    resolved: list[Run] = []
    for (key, form, initial), parts in runs:
        if parts and key not in joined:
            resolved.extend(parts)
        else:
            resolved.append((joined.get(key, key), form, initial))
    return resolved


def _only_a_word(key: str, tally: _Tally, common: Callable[[str], bool] | None) -> bool:
    """A "name" that is not one: words of a legal form alone (Co, Co Inc), a word mostly
    opening a line or a sentence (Shr, Net: row labels of tables); of one word, also one only
    ever opening a sentence, one letter, a people's adjective (Palestinian, British), or a
    common word."""
    if all(word in LEGAL_FORMS for word in key.split()):
        return True
    if tally.mentions >= OPENING_MIN and tally.openings >= OPENING_SHARE * tally.mentions:
        return True
    if " " in key:
        return False
    if tally.initial_only or len(key) < 2 or is_adjective_alone(key):
        return True
    return common is not None and not is_arabic(key) and common(key)


def _name_count(key: str, tally: _Tally) -> NameCount:
    forms = [form for form, _ in (tally.forms + tally.short_forms).most_common()]
    name = tally.forms.most_common(1)[0][0] if tally.forms else forms[0]
    others = tuple(form for form in forms if form != name)[:5]
    return NameCount(name, tally.mentions, len(tally.documents), others, key)


def _with_short_forms(runs: list[Run]) -> Iterator[tuple[str, str, bool, bool]]:
    """Runs of one document, as (name, form, initial, short): a last name alone counts for
    the full name of a person the document gives (not for Gulf Oil or Bank of England), and
    so does a hyphenated last name (Kilroy-Silk for Robert Kilroy-Silk) or, for a Chinese or
    Korean name, the family name first (Zhao for Zhao Ziyang)."""
    full: dict[str, str] = {}
    for key, form, _ in runs:
        words = key.split()
        if is_particle(words[-1]) or not is_person_name(words) or " of " in form:
            continue
        full.setdefault(words[-1], key)
        joined = form.split()[-1].count("-") + 1  # the words of Kilroy-Silk
        if 1 < joined < len(words):
            full.setdefault(" ".join(words[-joined:]), key)
        if family_name_first(words, form):
            full.setdefault(words[0], key)
    for key, form, initial in runs:
        yield (full.get(key, key), form, initial, key in full)


def _name_runs(text: str, tokens: list[NameToken]) -> Iterator[tuple[Run, tuple[Run, ...]]]:
    """Each name of one passage (`tokens`: its name tokens), with its parts when "and" joins
    them (see `_flush`)."""
    skipped = headline_spans(text)
    run: list[NameToken] = []
    announced = 0
    closed = False  # the run ended with a possessive: only a legal form goes on (Poor's Corp)
    for token in tokens:
        if token.pos != token.last or any(s <= token.start < e for s, e in skipped):
            continue
        if closed and not (token.term in LEGAL_FORMS and token.pos == run[-1].last + 1):
            yield from _flush(text, run)
            run = []
        closed = False
        if is_arabic(token.term):
            extended, announced = _arabic_step(text, token, run, announced)
        elif token.term in TITLES or is_calendar_word(token.term):
            extended = []
        elif run and _joined(text, run[-1], token) and _room_in(text, run):
            extended = [*run, token]
        else:
            extended = [token]
        if extended[:-1] != run or not extended:
            yield from _flush(text, run)
        run = extended
        if text[token.end - 2 : token.end] in ("'s", "’s"):  # Rajoub's office: the name ends
            closed = bool(run)
    yield from _flush(text, run)


def _arabic_step(
    text: str, token: NameToken, run: list[NameToken], announced: int
) -> tuple[list[NameToken], int]:
    """Arabic words make a name only after a word announcing one, or as عبد X, X الله."""
    previous = run[-1] if run else None
    adjacent = previous is not None and token.pos == previous.last + 1
    adjacent = adjacent and previous is not None and is_arabic(previous.term)
    if token.term in _ORGANISATIONS:  # part of the body's name: حزب الله, not الله
        return [token], 1
    if token.term in ARABIC_ANNOUNCERS:
        return [], 2
    if announced and (not run or adjacent):
        return [*run, token] if adjacent else [token], announced - 1
    if previous is not None and adjacent and (previous.term in ARABIC_HEADS or token.term == "له"):
        return [*run, token], 0
    if adjacent and len(run) < MAX_WORDS and _goes_on(text, run, token):
        return [*run, token], 0
    if token.term in ARABIC_HEADS:
        return [token], 0
    return [], 0


_ORGANISATIONS = frozenset(fold_word(w) or w for w in word_list("حركة حزب تنظيم جماعة مدينة"))
_SONS = frozenset({"بن", "بنت"})
_ARTICLES = frozenset({"ال", "أل", "إل"})
_TIME_WORDS = frozenset(
    fold_word(w) or w
    for w in word_list(
        "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأسبوع الشهر العام "
        "الماضي الحالي الجاري المقبل القادم"
    )
)
"""Words with the article that follow a name without being part of it: أبو ظبي الجمعة."""


def _goes_on(text: str, run: list[NameToken], token: NameToken) -> bool:
    """Whether a name opened by عبد / أبو goes on past its second word: to its family name or
    epithet with the article (أبو بكر البغدادي, عبد الله الثاني), or to the father's name
    (عبد الله بن زايد, which بن then carries on)."""
    if len(run) < 2 or run[0].term not in ARABIC_HEADS or run[0].term in _SONS:
        return False
    if token.term in _SONS:
        return True
    written = text[token.start : token.end]
    if token.term in _TIME_WORDS or run[-2].term not in ARABIC_HEADS:
        return False
    return written[:2] in _ARTICLES and len(written) > 4


def _flush(text: str, run: list[NameToken]) -> Iterator[tuple[Run, tuple[Run, ...]]]:
    """The run as a name, with its parts when "and" stands inside it (Securities and Exchange
    Commission; Britain and France): `_resolve_and` decides which it is."""
    whole = _as_name(text, run)
    if whole is None:
        return
    cuts = [i for i in range(1, len(run)) if _and_between(text, run[i - 1], run[i])]
    if not cuts:
        yield whole, ()
        return
    pieces = [run[a:b] for a, b in zip([0, *cuts], [*cuts, len(run)], strict=True)]
    yield whole, tuple(name for piece in pieces if (name := _as_name(text, piece)) is not None)


def _as_name(text: str, run: list[NameToken]) -> Run | None:
    words = [t.term for t in run]
    if not words or all(is_particle(w) for w in words):
        return None
    if len(words) == 1 and (words[0] in ARABIC_HEADS or words[0] in _ORGANISATIONS):
        return None
    form = " ".join(text[run[0].start : run[-1].end].split())  # New\nYork is New York
    if form[-2:] in ("'s", "’s"):
        form = form[:-2]
    return " ".join(words), form, starts_sentence(text, run[0].start)


def _room_in(text: str, run: list[NameToken]) -> bool:
    """Whether a run may take one more word: MAX_WORDS in each of its parts around "and"."""
    since = next(
        (
            len(run) - i
            for i in range(len(run) - 1, 0, -1)
            if _and_between(text, run[i - 1], run[i])
        ),
        len(run),
    )
    return since < MAX_WORDS and len(run) < 3 * MAX_WORDS


def _and_between(text: str, previous: NameToken, token: NameToken) -> bool:
    return text[previous.end : token.start].strip() in AND_WORDS


def _joined(text: str, previous: NameToken, token: NameToken) -> bool:
    """Two name words of one name: next to each other, or around 'of' (Bank of England), or
    around "and" / "&" (kept when the name is a body's: `_resolve_and`)."""
    if token.pos == previous.last + 1:
        return not is_arabic(previous.term)
    between = text[previous.end : token.start].strip()
    if between == "of" and previous.term not in INSTITUTIONS:
        return False
    if text[previous.end - 2 : previous.end] in ("'s", "’s"):  # only Poor's Corp goes on
        return token.term in LEGAL_FORMS and token.pos == previous.last + 1
    return token.pos == previous.last + 2 and (between in JOINERS or between in AND_WORDS)
