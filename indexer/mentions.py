"""Every place a name is mentioned in the passage index: `find_mentions`.

Whoosh finds the passages holding every word of the name (any spelling kept for it), then each
passage's text is read again with the `names` analyzer to find the words in sequence and their
exact spans. Kinds of mention:
- `exact`: every word as the user wrote it, once folded (case, accents, al-, 's...);
- `short`: the last word alone (Khazali), in a document that names the person in full elsewhere;
- `variant`: with `variants=True`, some word spelled otherwise (Hizballah → Hezbollah,
  Nujaba → النجباء), or a short mention in such a spelling.

Passage records have the fields of `indexer.store` (`doc`, `path`, `title`, `date`, `passage`,
`line_start`, `line_end`, `page`, `text`) and the name fields of `indexer.names.analysis`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from whoosh.query import And, Or, Query, Term
from whoosh.searching import Searcher

from indexer import store
from indexer.errors import IndexIncompatible
from indexer.models import Mention
from indexer.names.analysis import KEY_SEPARATOR, analyse_names
from indexer.names.fold import same_word_forms
from indexer.names.keymap import KeyMap, cached_key_map, key_map_of
from indexer.names.query import NameQuery, Pattern, parse_name
from indexer.names.tokens import NameToken
from indexer.names.variants import KeyLookup, find_variants

NAMES_FIELD = "names"
KEYS_FIELD = "namekeys"

Spellings = dict[str, float]
"""The spellings kept for one word: folded term → distance (0.0 for the word as typed)."""


@dataclass(frozen=True)
class _Found:
    """A mention found in one passage, before it becomes a Mention."""

    docnum: int
    start: int
    end: int
    kind: str
    distance: float


def find_mentions(
    searcher: Searcher, name: str, *, variants: bool = False, key_map: KeyMap | None = None
) -> list[Mention]:
    """Every mention of `name` in the index, documents by date then path, passages in order.

    Variants are looked up in `key_map` when given, else in the `namekeys` field, else in a
    key map computed from the `names` lexicon (see `indexer.names.keymap`).
    Raises BadQuery when `name` holds no word that can be a name.
    """
    query = parse_name(name)
    lookup = index_lookup(searcher, key_map) if variants else None
    spellings = _spellings(query, lookup)
    found = _full_mentions(searcher, query, spellings)
    found += _short_mentions(searcher, query, spellings, found)
    return _to_mentions(searcher, name, found)


def mentions_at(location: Path, name: str, *, variants: bool = False) -> list[Mention]:
    """Open the index at `location` and find every mention of `name` (see find_mentions)."""
    ix = store.open_index(location)
    with ix.searcher() as searcher:
        require_name_fields(searcher, location)
        key_map = variant_key_map(searcher, location, ix.latest_generation()) if variants else None
        return find_mentions(searcher, name, variants=variants, key_map=key_map)


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
        found = key_map
        return lambda key: found.get(key, ())
    reader = searcher.reader()

    def lookup(key: str) -> Iterator[str]:
        prefix = key + KEY_SEPARATOR
        for keyed in reader.expand_prefix(KEYS_FIELD, prefix):
            text = keyed.decode("utf-8") if isinstance(keyed, bytes) else keyed
            yield text[len(prefix) :]

    return lookup


def _spellings(query: NameQuery, lookup: KeyLookup | None) -> dict[str, Spellings]:
    """For each word of every pattern, the spellings to look for."""
    words = {slot.term for pattern in query.patterns for slot in pattern}
    result: dict[str, Spellings] = {}
    for word in words:
        result[word] = dict.fromkeys(same_word_forms(word), 0.0)
        if lookup is not None:
            result[word].update(find_variants(word, lookup))
    return result


def _passages_with(searcher: Searcher, query: Query) -> list[int]:
    return sorted(searcher.docs_for_query(query))


def _any_of(terms: Iterable[str]) -> Query:
    return Or([Term(NAMES_FIELD, term) for term in sorted(terms)])


def _full_mentions(
    searcher: Searcher, query: NameQuery, spellings: dict[str, Spellings]
) -> list[_Found]:
    """Mentions of the whole name, in every passage holding all of its words."""
    wanted = Or(
        [And([_any_of(spellings[slot.term]) for slot in pattern]) for pattern in query.patterns]
    )
    found: list[_Found] = []
    for docnum in _passages_with(searcher, wanted):
        tokens = analyse_names(searcher.stored_fields(docnum)["text"])
        spans: dict[tuple[int, int], _Found] = {}
        for pattern in query.patterns:
            for start, end, distance in match_pattern(tokens, pattern, spellings):
                kind = "exact" if distance == 0.0 else "variant"
                spans.setdefault((start, end), _Found(docnum, start, end, kind, distance))
        found.extend(_outermost(spans.values()))
    return found


def match_pattern(
    tokens: list[NameToken], pattern: Pattern, spellings: dict[str, Spellings]
) -> Iterator[tuple[int, int, float]]:
    """(start, end, summed distance) of each place the pattern's words stand in sequence,
    each word in one of its spellings."""
    at: dict[int, list[NameToken]] = defaultdict(list)
    for token in tokens:
        at[token.pos].append(token)
    first = spellings[pattern[0].term]
    for token in tokens:
        if token.term not in first:
            continue
        distance, last = first[token.term], token
        for slot in pattern[1:]:
            kept = spellings[slot.term]
            nxt = next((t for t in at.get(last.last + slot.step, ()) if t.term in kept), None)
            if nxt is None:
                break
            distance, last = distance + kept[nxt.term], nxt
        else:
            yield token.start, last.end, distance


def _outermost(found: Iterable[_Found]) -> list[_Found]:
    """Drop mentions lying inside a longer one of the same passage."""
    ordered = sorted(found, key=lambda f: (f.start, -f.end))
    kept: list[_Found] = []
    for item in ordered:
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return kept


def _short_mentions(
    searcher: Searcher, query: NameQuery, spellings: dict[str, Spellings], full: list[_Found]
) -> list[_Found]:
    """The last name alone, in documents that name the person in full somewhere."""
    last = query.last_name
    if last is None or not full or any(s.step != 1 for s in query.patterns[0][1:]):
        return []
    docs = {searcher.stored_fields(f.docnum)["doc"] for f in full}
    taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for f in full:
        taken[f.docnum].append((f.start, f.end))
    kept = spellings[last]
    short: list[_Found] = []
    for docnum in _passages_with(searcher, _any_of(kept)):
        fields = searcher.stored_fields(docnum)
        if fields["doc"] not in docs:
            continue
        for token in analyse_names(fields["text"]):
            if token.term in kept and token.pos == token.last and not _inside(taken[docnum], token):
                kind = "short" if kept[token.term] == 0.0 else "variant"
                short.append(_Found(docnum, token.start, token.end, kind, kept[token.term]))
    return short


def _inside(spans: list[tuple[int, int]], token: NameToken) -> bool:
    return any(start <= token.start and token.end <= end for start, end in spans)


def _to_mentions(searcher: Searcher, name: str, found: list[_Found]) -> list[Mention]:
    """Mentions with their passage fields, highlights of every mention in the passage, sorted."""
    by_passage: dict[int, list[_Found]] = defaultdict(list)
    for item in found:
        by_passage[item.docnum].append(item)
    mentions = []
    for docnum, items in by_passage.items():
        fields = searcher.stored_fields(docnum)
        items.sort(key=lambda f: f.start)
        highlights = [(f.start, f.end) for f in items]
        base = _mention_base(fields, name, highlights)
        for item in items:
            mentions.append(
                replace(
                    base,
                    match=fields["text"][item.start : item.end],
                    span=(item.start, item.end),
                    kind=item.kind,
                    score=round(1.0 / (1.0 + item.distance), 3),
                )
            )
    mentions.sort(key=_order)
    return mentions


def _mention_base(fields: dict[str, Any], name: str, highlights: list[tuple[int, int]]) -> Mention:
    return Mention(
        doc=fields["doc"],
        path=fields["path"],
        title=fields.get("title") or "",
        date=fields.get("date") or None,
        passage=int(fields["passage"]),
        line_start=int(fields["line_start"]),
        line_end=int(fields["line_end"]),
        score=1.0,
        text=fields["text"],
        highlights=highlights,
        match="",
        span=(0, 0),
        kind="exact",
        query=name,
        page=fields.get("page"),
        char_start=fields.get("start") or 0,
        char_end=fields.get("end") or 0,
    )


def _order(mention: Mention) -> tuple[bool, str, str, int, int]:
    """Documents by date (undated last), then path; passages and spans in order."""
    return (
        mention.date is None,
        mention.date or "",
        mention.path,
        mention.passage,
        mention.span[0],
    )
