"""Every place a name is mentioned in the passage index: `find_mentions`.

Whoosh finds the passages holding every word of the name (any spelling kept for it, see
`indexer.name_spellings`), then each passage's text is read again with the `names` analyzer
to find the words in sequence and their exact spans. Kinds of mention:
- `exact`: every word as the user wrote it, once folded (case, accents, al-, 's...);
- `short`: the last word alone (Khazali), in a document that names the person in full
  elsewhere, its span taking in the rest of the surname written before it (De Clercq,
  Leigh-Pemberton, Perez de Cuellar); a Chinese or Korean family name, written first
  (Zhao Ziyang → Zhao); only for a person's name (not 'Asaib Ahl al-Haq → Haq), and not where
  the word goes with another first name (Cherie Blair, Howard Baker) or follows such a name in
  the passage with no full mention of the person in between ("John Howard ... Mr Howard");
- `variant`: with `variants=True`, some word spelled otherwise (Hizballah → Hezbollah,
  Nujaba → النجباء), or a short mention so spelled. A one-word name's Latin variant that only
  ever follows first names the name itself never has (Regan: Donald; Reagan: Ronald) is
  another person's name and is left out.

Passage records have the fields of `indexer.store` (`doc`, `path`, `title`, `date`, `passage`,
`line_start`, `line_end`, `page`, `text`) and the name fields of `indexer.names.analysis`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from whoosh.query import And, Or, Query, Term
from whoosh.searching import Searcher

from indexer import store
from indexer.collector import collector_paused
from indexer.errors import IndexIncompatible
from indexer.models import Mention
from indexer.name_spellings import (
    Spellings,
    common_word_test,
    name_word_test,
    spellings_in_index,
)
from indexer.names.analysis import KEY_SEPARATOR, NAME_TOKENS, analyse_names, kept_tokens
from indexer.names.context import (
    NameWord,
    capitalised_anyway,
    describes_a_noun,
    first_name_before,
    headline_spans,
    initial_before,
    name_after,
    names_a_date,
    names_a_place,
    same_first_name,
    word_after,
)
from indexer.names.fold import clitic_bases, is_arabic
from indexer.names.keymap import KeyMap, cached_key_map, key_map_of
from indexer.names.people import is_title
from indexer.names.query import NameQuery, Pattern, is_acronym, parse_name
from indexer.names.tokens import NameToken, fold_name
from indexer.names.variants import KeyLookup
from indexer.postings import document_keys_of, one_query, stored_record
from indexer.query_plan import matching_docs
from indexer.ranked_postings import document_key

NAMES_FIELD = "names"
KEYS_FIELD = "namekeys"

NEVER_A_LAST_NAME = 5
"""A one-word name mentioned this often, never after a first name, is not a last name."""

Spans = list[tuple[int, int]]

# A given name written after a family name, hyphenated as Korean ones are (Kim Young-sam)
_GIVEN_NAME_AFTER = re.compile(r"[ \t]+[A-Z][a-z]+[-\u2010\u2011][A-Za-z]+")


@dataclass(frozen=True)
class _Found:
    """A mention found in one passage, before it becomes a Mention."""

    docnum: int
    start: int
    end: int
    kind: str
    distance: float
    term: str = ""
    first: str | None = None  # the first name written before a one-word mention
    after: str | None = None  # the word of a name written after it (see `word_after`)


def find_mentions(
    searcher: Searcher, name: str, *, variants: bool = False, key_map: KeyMap | None = None
) -> list[Mention]:
    """Every mention of `name` in the index, documents by date then path, passages in order.

    Variants are looked up in `key_map` when given, else in the `namekeys` field, else in a
    key map computed from the `names` lexicon (see `indexer.names.keymap`).
    Raises BadQuery when `name` holds no word that can be a name.
    """
    query = parse_name(name)
    with collector_paused(), one_query():
        lookup = index_lookup(searcher, key_map) if variants else None
        common: set[str] = set()  # variants that are common words: in full mentions only
        spellings = spellings_in_index(searcher, query, lookup, common)
        name_word = name_word_test(searcher)
        token = _READ_ONCE.set({})
        try:
            found = _full_mentions(searcher, query, spellings, name_word)
            if variants and len(query.words) == 1:
                found = _without_other_people(found)
            if common:
                spellings = {
                    word: {s: d for s, d in kept.items() if s not in common}
                    for word, kept in spellings.items()
                }
            words = common_word_test(searcher)
            found += _short_mentions(searcher, query, spellings, found, name_word, words)
            return _to_mentions(searcher, name, found)
        finally:
            _READ_ONCE.reset(token)


# Inside one find_mentions call, each passage's stored fields and name tokens (kept by the
# index, else found in its text) are read once, though the full, short and final steps each
# ask for them.
_READ_ONCE: ContextVar[dict[Any, Any] | None] = ContextVar("mentions_read_once", default=None)


def _stored(searcher: Searcher, docnum: int) -> dict[str, Any]:
    memo = _READ_ONCE.get()
    if memo is None:
        return stored_record(searcher.reader(), docnum)
    if docnum not in memo:
        fields = memo[docnum] = stored_record(searcher.reader(), docnum)
        kept = fields.get(NAME_TOKENS)  # the passage's name tokens, kept by the index
        if kept is not None:
            memo[("kept", fields["text"])] = kept
    found: dict[str, Any] = memo[docnum]
    return found


def _name_tokens(text: str) -> list[NameToken]:
    memo = _READ_ONCE.get()
    if memo is None:
        return analyse_names(text)
    key = ("tokens", text)
    if key not in memo:
        kept = memo.get(("kept", text))
        memo[key] = analyse_names(text) if kept is None else kept_tokens(kept)
    tokens: list[NameToken] = memo[key]
    return tokens


def mentions_at(location: Path, name: str, *, variants: bool = False) -> list[Mention]:
    """Open the index at `location` and find every mention of `name` (see find_mentions)."""
    ix, searcher = store.open_searcher(location)
    with searcher:
        key_map = names_key_map(searcher, location, ix.latest_generation(), variants=variants)
        return find_mentions(searcher, name, variants=variants, key_map=key_map)


def names_key_map(
    searcher: Searcher, location: Path, generation: int, *, variants: bool
) -> KeyMap | None:
    """What a name search on `searcher` needs first: IndexIncompatible raised when the index has
    no name fields, and with `variants`, the key map to look variants up in (see
    variant_key_map)."""
    require_name_fields(searcher, location)
    return variant_key_map(searcher, location, generation) if variants else None


def require_name_fields(searcher: Searcher, location: Path) -> None:
    """Raise IndexIncompatible when the index was built without the `names` field."""
    if NAMES_FIELD not in searcher.schema.names():
        raise IndexIncompatible(
            f"the index at {location} has no name fields",
            hint="run `passages index --rebuild PATH` to add them",
        )


def variant_key_map(searcher: Searcher, location: Path, generation: int) -> KeyMap | None:
    """None when the index has the `namekeys` field, else the key map cached beside it."""
    if KEYS_FIELD in searcher.schema.names():
        return None
    return cached_key_map(searcher.reader(), location, generation)


def index_lookup(searcher: Searcher, key_map: KeyMap | None = None) -> KeyLookup:
    """The name terms indexed under a skeleton key: from `key_map`, else the `namekeys`
    lexicon, else a key map computed now from the `names` lexicon."""
    if key_map is None and KEYS_FIELD not in searcher.schema.names():
        key_map = key_map_of(searcher.reader())
    if key_map is not None:
        return key_map.terms
    reader = searcher.reader()

    def lookup(key: str) -> Iterator[str]:
        prefix = key + KEY_SEPARATOR
        for keyed in reader.expand_prefix(KEYS_FIELD, prefix):
            text = keyed.decode("utf-8") if isinstance(keyed, bytes) else keyed
            yield text[len(prefix) :]

    return lookup


def _passages_with(searcher: Searcher, query: Query) -> list[int]:
    return sorted(matching_docs(query, searcher))


def _any_of(terms: Iterable[str]) -> Query:
    return Or([Term(NAMES_FIELD, term) for term in sorted(terms)])


def _full_mentions(
    searcher: Searcher, query: NameQuery, spellings: dict[str, Spellings], name_word: NameWord
) -> list[_Found]:
    """Mentions of the whole name, in every passage holding all of its words."""
    wanted = Or(
        [And([_any_of(spellings[slot.term]) for slot in pattern]) for pattern in query.patterns]
    )
    one_word = len(query.words) == 1
    found: list[_Found] = []
    for docnum in _passages_with(searcher, wanted):
        fields = _stored(searcher, docnum)
        text = fields["text"]
        tokens = _name_tokens(text)
        spans: dict[tuple[int, int], _Found] = {}
        for pattern in query.patterns:
            for first, last, distance in _matches(tokens, pattern, spellings):
                start, end = query.start_in(text, first.start), query.end_in(text, last.end)
                if start < 0 or end < 0:
                    continue  # Med-Pen, for Le Pen; Kim Dae-hyun, for Kim Dae-jung
                if distance > 0.0 and _acronym_for(query, text, start, end):
                    continue  # NZIER is not a spelling of Nazer
                kind = "exact" if distance == 0.0 else "variant"
                item = _Found(docnum, start, end, kind, distance, last.term)
                spans.setdefault((start, end), item)
        kept = _outermost(spans.values())
        if one_word:
            kept = _with_first_names(text, fields.get("title") or "", tokens, kept, name_word)
        found.extend(kept)
    return found


def match_pattern(
    tokens: list[NameToken], pattern: Pattern, spellings: dict[str, Spellings]
) -> Iterator[tuple[int, int, float]]:
    """(start, end, summed distance) of each place the pattern's words stand in sequence,
    each word in one of its spellings."""
    for first, last, distance in _matches(tokens, pattern, spellings):
        yield first.start, last.end, distance


def _matches(
    tokens: list[NameToken], pattern: Pattern, spellings: dict[str, Spellings]
) -> Iterator[tuple[NameToken, NameToken, float]]:
    """(first token, last token, summed distance) of each match of the pattern."""
    first = spellings[pattern[0].term]
    starts = [token for token in tokens if token.term in first]
    if not starts:
        return
    at: dict[int, list[NameToken]] = defaultdict(list)
    if len(pattern) > 1:
        for token in tokens:
            at[token.pos].append(token)
    for token in starts:
        distance, last = first[token.term], token
        for slot in pattern[1:]:
            kept = spellings[slot.term]
            place = last.last + slot.step
            if slot.names_between and any(p not in at for p in range(last.last + 1, place)):
                break
            nxt = next((t for t in at.get(place, ()) if t.term in kept), None)
            if nxt is None:
                break
            distance, last = distance + kept[nxt.term], nxt
        else:
            yield token, last, distance


def _outermost(found: Iterable[_Found]) -> list[_Found]:
    """Drop mentions lying inside a longer one of the same passage."""
    ordered = sorted(found, key=lambda f: (f.start, -f.end))
    kept: list[_Found] = []
    for item in ordered:
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return kept


def _acronym_for(query: NameQuery, text: str, start: int, end: int) -> bool:
    """True when a variant at text[start:end] is an acronym, not a spelling of the name typed
    in Latin script (NZIER for Nazer); a name typed in Arabic script, which has no capitals,
    may be an acronym written so (أوبك: OPEC, ناتو: NATO)."""
    return not query.in_arabic_script and _acronym_in_text(text, start, end)


_POSSESSIVE = re.compile(r"['’][sS]\Z")


def _acronym_in_text(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is an acronym (two to six capitals: NZIER, NZIER's) on a line
    that is not in capitals; a longer word in capitals is a name written so (QADDAFI,
    HIZBALLAH)."""
    written = text[start:end]
    if is_arabic(written) or not is_acronym(_POSSESSIVE.sub("", written)):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return not text[line_start : len(text) if line_end < 0 else line_end].isupper()


def _with_first_names(
    text: str, title: str, tokens: list[NameToken], found: list[_Found], name_word: NameWord
) -> list[_Found]:
    """One-word mentions with the first name written before each, if any."""
    words = [t for t in tokens if t.pos == t.last]
    index = {t.start: i for i, t in enumerate(words)}
    headlines = headline_spans(text, title)
    return [
        replace(
            item,
            first=first_name_before(text, words, index[i], headlines, name_word),
            after=word_after(text, words, index[i], headlines, name_word),
        )
        if (i := item.start) in index
        else item
        for item in found
    ]


def _without_other_people(found: list[_Found]) -> list[_Found]:
    """Drop the Latin variants of a one-word name that are other people's (or bodies') names.

    The names written next to a mention tell whose it is: the first name before it, the name
    after it (Eli Lilly, Hawkeye Bancorporation, Beker Industries). A variant is another's
    when it has such neighbours and shares none with the name as typed, which has its own:
    on the same side (Regan, after Donald, for Reagan), or on the other side once the name is
    seen often enough to know it (Gerhard, before Schroeder, for Steven Gerrard); or when the
    name is never a last name (al-Qaeda) and the variant mostly is (Dennis Quaid). A name
    mostly written as a first name (Mohammed Ali, Mohammed Hamza) is many people's: its
    variants are kept whatever follows them.
    """
    exact = [f for f in found if f.distance == 0.0]
    known = Neighbours.of(exact)
    if known.first_name:
        return found
    seen: dict[str, list[_Found]] = defaultdict(list)
    for item in found:
        if item.distance > 0.0 and not is_arabic(item.term):
            seen[item.term].append(item)
    often = len(exact) >= NEVER_A_LAST_NAME
    others = set()
    for term, items in seen.items():
        variant = Neighbours.of(items)
        if variant.shares(known):
            continue
        same_side = bool(variant.firsts and known.firsts) or bool(variant.afters and known.afters)
        other_side = often and variant.any and known.any
        after_first = sum(1 for item in items if item.first)  # mentions, not distinct names
        never_last = often and not known.firsts and after_first * 2 >= len(items)
        if same_side or other_side or never_last:
            others.add(term)
    return [f for f in found if f.term not in others]


@dataclass(frozen=True)
class Neighbours:
    """The names written next to some mentions: first names before, name words after, and
    whether the mentions are mostly a first name (a name after, mostly no first name)."""

    firsts: tuple[str, ...]
    afters: tuple[str, ...]
    first_name: bool

    @classmethod
    def of(cls, items: list[_Found]) -> Neighbours:
        firsts = [f.first for f in items if f.first]
        afters = [f.after for f in items if f.after]
        first_name = len(afters) * 2 >= len(items) > len(firsts) * 2
        return cls(tuple(dict.fromkeys(firsts)), tuple(dict.fromkeys(afters)), first_name)

    def shares(self, other: Neighbours) -> bool:
        """True when some first name or name after is one of the other's (or a spelling)."""
        return any(same_first_name(name, other.firsts) for name in self.firsts) or any(
            same_first_name(name, other.afters) for name in self.afters
        )

    @property
    def any(self) -> bool:
        """True when some mention has a neighbour."""
        return bool(self.firsts or self.afters)


def _short_mentions(
    searcher: Searcher,
    query: NameQuery,
    spellings: dict[str, Spellings],
    full: list[_Found],
    name_word: NameWord,
    common_word: NameWord,
) -> list[_Found]:
    """The last name alone, in documents that name the person in full somewhere; not a
    common word capitalised only where it stands (`common_word`: "Rice farmers...")."""
    last = query.last_name
    if last is None or not full:
        return []
    # the spellings of the last name each document's full mentions have: where all of them
    # are variants (Donald Regan, for Donald Reagan), the name as typed alone is another's
    spelled: dict[str, set[str] | None] = {}
    for f in full:
        doc = _stored(searcher, f.docnum)["doc"]
        terms = spelled.setdefault(doc, set())
        if terms is not None:
            spelled[doc] = None if f.distance == 0.0 else terms | {f.term}
    docs = set(spelled)
    # which document a passage is in, from the keys the index keeps: a passage of another
    # document is not read at all (most of a common last name's passages are elsewhere)
    key_of = document_keys_of(searcher.reader())
    theirs = {document_key(doc) for doc in docs}
    taken: dict[int, Spans] = defaultdict(list)
    for f in full:
        taken[f.docnum].append((f.start, f.end))
    kept = spellings[last]
    family_first = query.short_index == 0  # Kim Dae-jung → Kim
    firsts = tuple(term for word in query.first_names for term in spellings.get(word, {word: 0}))
    if not query.first_names:  # President Kaunda: the first names his full mentions write
        firsts = _first_names_written(searcher, query, full)
    short: list[tuple[str, _Found]] = []
    claimed: dict[str, set[str]] = defaultdict(set)  # spellings other people have, by document
    for docnum in _passages_with(searcher, _any_of(kept)):
        key = key_of(docnum)
        if key is not None and key not in theirs:
            continue
        fields = _stored(searcher, docnum)
        doc = fields["doc"]
        if doc not in docs:
            continue
        text, title = fields["text"], fields.get("title") or ""
        full_here = sorted(taken[docnum])
        reading = _Reading(
            text, title, name_word, common_word, full_here, claimed[doc], family_first
        )
        for words, i in _shorts_in_passage(reading, kept, firsts):
            token = words[i]
            known = spelled[doc]
            if known is not None and not _spelled_so(token.term, known):
                continue
            start, more = _surname_start(text, words, i, query, spellings)
            distance = kept[token.term] + more
            if distance > 0.0 and _acronym_for(query, text, start, token.end):
                continue
            kind = "short" if distance == 0.0 else "variant"
            short.append((doc, _Found(docnum, start, token.end, kind, distance, token.term)))
    # a variant spelling another person has in the document is theirs (Donald Regan)
    return [f for doc, f in short if f.distance == 0.0 or f.term not in claimed[doc]]


def _first_names_written(
    searcher: Searcher, query: NameQuery, full: list[_Found]
) -> tuple[str, ...]:
    """The words of full mentions that are neither the query's nor titles: the first names
    of a person looked for by title and surname ("Kenneth" of "President Kenneth Kaunda"),
    so that "Kenneth Kaunda" later is not another Kaunda."""
    written: set[str] = set()
    for f in full:
        words = fold_name(_stored(searcher, f.docnum)["text"][f.start : f.end]).split()
        written.update(word for word in words if word not in query.words and not is_title(word))
    return tuple(sorted(written))


def _spelled_so(term: str, spellings: set[str]) -> bool:
    """Whether `term` is one of `spellings`, or one with a clitic fused to it (والصدر)."""
    return term in spellings or any(base in spellings for base in clitic_bases(term))


@dataclass(frozen=True)
class _Reading:
    """One passage of a document naming the person in full, as the short rule reads it."""

    text: str
    title: str
    name_word: NameWord
    common_word: NameWord  # mostly written in lower case in the index
    full: Spans  # the full mentions in it
    claimed: set[str]  # where to note the spellings another person has in the document
    family_first: bool = False  # the short mention is a family name written first (Kim)


def _shorts_in_passage(
    reading: _Reading, kept: Spellings, firsts: tuple[str, ...]
) -> Iterator[tuple[list[NameToken], int]]:
    """The last name's tokens that stand alone and are not another person's: after another
    first name (Cherie Blair), or after such a name with no full mention in between, or
    before a last name (Amir Al-Ammari, Baker Hughes); nor a month written as a date ("in
    May", for Theresa May), nor a common word capitalised only by its place
    (`_word_capitalised_where_it_stands`). Each as (the passage's words, index)."""
    text, full = reading.text, reading.full
    words = [t for t in _name_tokens(text) if t.pos == t.last]
    headlines: Spans | None = None
    other_at = -1  # where another person of that last name was last named in full
    for i, token in enumerate(words):
        if token.term not in kept or _inside(full, token):
            continue
        if other_at >= 0 and any(other_at < start < token.start for start, _ in full):
            other_at = -1
        if headlines is None:
            headlines = headline_spans(text, reading.title)
        first = first_name_before(text, words, i, headlines, reading.name_word)
        if first is None and reading.family_first:  # Kim Young-sam, another Kim in full
            given = _GIVEN_NAME_AFTER.match(text, token.end)
            first = given.group().strip().lower() if given else None
        if first is None and firsts:  # another's initial: J Robinson, for Andy Robinson
            initial = initial_before(text, token.start)
            if initial is not None and not any(name.startswith(initial) for name in firsts):
                first = initial
        if first is not None and not same_first_name(first, firsts):
            other_at = token.start
            reading.claimed.add(token.term)
        elif (
            other_at < 0
            and name_after(text, words, i, headlines, reading.name_word) is None
            and not _son_of_after(words, i)
            and not names_a_place(text, words, i)
            and not names_a_date(text, token)
            and not describes_a_noun(text, words, i)
            and not _word_capitalised_where_it_stands(reading, token, headlines)
        ):
            yield words, i


def _word_capitalised_where_it_stands(
    reading: _Reading, token: NameToken, headlines: Spans
) -> bool:
    """Whether a lone last name is a common word that only its place capitalises: "Rice
    farmers protested" opening a sentence, "BUSH FIRES" in capitals, for Condoleezza Rice or
    George Bush, where the index mostly writes the word in lower case."""
    return capitalised_anyway(
        reading.text, token.start, token.end, headlines
    ) and reading.common_word(token.term)


_SON_OF = frozenset({"bin", "bint", "بن", "بنت"})


def _son_of_after(words: list[NameToken], i: int) -> bool:
    """Whether `words[i]` goes on with bin (ibn, bint, بن) and a name: someone's own name,
    not the short name of the person looked for (King Salman bin Abdulaziz, for Mohammed bin
    Salman)."""
    if i + 2 >= len(words):
        return False
    word, son_of, father = words[i], words[i + 1], words[i + 2]
    return son_of.term in _SON_OF and son_of.pos == word.last + 1 and father.pos == son_of.last + 1


def _surname_start(
    text: str,
    words: list[NameToken],
    i: int,
    query: NameQuery,
    spellings: dict[str, Spellings],
) -> tuple[int, float]:
    """Where a short mention ending with `words[i]` starts, and the distance of the words it
    gains: the particles and the words of the name before its last one (never the first
    name), as far as the text has them just before it: De Clercq, Leigh-Pemberton, Perez de
    Cuellar, bin Laden. A family name written first (Zhao) stands alone."""
    start, more = words[i].start, 0.0
    slots = query.patterns[0]
    if query.short_index != len(slots) - 1:
        return start, more
    for k in range(len(slots) - 1, 0, -1):
        start = _particles_before(text, start, query.gaps[k])
        if k == 1 or i == 0:
            break
        before, kept = words[i - 1], spellings[slots[k - 1].term]
        if before.term not in kept or before.last != words[i].pos - slots[k].step:
            break
        if text[before.end : start].strip(" \t\r\n-\u2010\u2011"):
            break
        start, more, i = before.start, more + kept[before.term], i - 1
    return start, more


def _particles_before(text: str, start: int, particles: tuple[str, ...]) -> int:
    """The start of `particles` (de; van der) written just before `start`, else `start`."""
    if not particles:
        return start
    written = r"[ \t]+".join(re.escape(word) for word in particles)
    found = re.search(rf"(?<!\w){written}[ \t]+\Z", text[max(0, start - 40) : start], re.I)
    return start if found is None else start - len(found.group())


def _inside(spans: Spans, token: NameToken) -> bool:
    return any(start <= token.start and token.end <= end for start, end in spans)


def _to_mentions(searcher: Searcher, name: str, found: list[_Found]) -> list[Mention]:
    """Mentions with their passage fields, highlights of every mention in the passage, sorted."""
    by_passage: dict[int, list[_Found]] = defaultdict(list)
    for item in found:
        by_passage[item.docnum].append(item)
    mentions = []
    for docnum, items in by_passage.items():
        fields = _stored(searcher, docnum)
        if len(items) > 1:
            items.sort(key=_start)
        highlights = [(f.start, f.end) for f in items]
        base = _passage_fields(fields, name, highlights)
        for item in items:
            mentions.append(
                Mention(
                    **base,
                    match=fields["text"][item.start : item.end],
                    span=(item.start, item.end),
                    kind=item.kind,
                    score=round(1.0 / (1.0 + item.distance), 3),
                )
            )
    first_line: dict[str, int] = {}  # where each document starts in its file
    for mention in mentions:
        first_line[mention.doc] = min(mention.line_start, first_line.get(mention.doc, 1 << 62))
    mentions.sort(key=lambda mention: _order(mention, first_line[mention.doc]))
    return mentions


def _start(item: _Found) -> int:
    return item.start


def _passage_fields(
    fields: dict[str, Any], name: str, highlights: list[tuple[int, int]]
) -> dict[str, Any]:
    """What every Mention in one passage has in common."""
    return {
        "doc": fields["doc"],
        "path": fields["path"],
        "title": fields.get("title") or "",
        "date": fields.get("date") or None,
        "passage": int(fields["passage"]),
        "line_start": int(fields["line_start"]),
        "line_end": int(fields["line_end"]),
        "text": fields["text"],
        "highlights": highlights,
        "query": name,
        "page": fields.get("page"),
        "char_start": fields.get("start") or 0,
        "char_end": fields.get("end") or 0,
    }


def _order(mention: Mention, first_line: int) -> tuple[bool, str, str, int, str, int, int]:
    """Documents by date (undated last), then path, then where they start in a file of many
    (records of a JSON Lines file); each document's passages and spans in order."""
    return (
        mention.date is None,
        mention.date or "",
        mention.path,
        first_line,
        mention.doc,
        mention.passage,
        mention.span[0],
    )
