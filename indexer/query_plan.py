"""From a query's syntax tree to what Whoosh runs, in three parts (`QueryPlan`):

- `match` says exactly which passages the query selects. A plain word looks in the passage's
  own text (a title alone never brings back every passage of its document), `title:` in its
  document's title, `path:` at its document's path. Inside a group of words side by side, field
  filters are required and NOT excludes; the other words are any-word.
- `rank` orders the passages `match` selects: the positive words over text and title (a title
  holding the words lifts its passages), with the coordination bonus of any-word groups if one
  is set (`ranking.COORDINATION`). It is None when nothing positive is searched (`NOT x`,
  `path:*.md`): then passages come in index order.
- `whole`, for words side by side, selects the passages holding every one of them: they rank
  before the passages holding only some.
- `spans` finds the matched words inside a passage's text, for highlights.

(`match` and `rank` are separate because Whoosh's AndMaybe and Require, which would say "rank by
title and text, select by text" in one query, loop or fail when Whoosh skips blocks by score.
And NOT uses `AndNot` below: Whoosh's own lets through the first match of its positive side.)
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from whoosh import query as whoosh_query
from whoosh.matching import AndNotMatcher, Matcher
from whoosh.query import (
    And,
    Every,
    FuzzyTerm,
    NullQuery,
    Or,
    Phrase,
    Prefix,
    Query,
    Term,
)
from whoosh.query.spans import SpanNear2
from whoosh.query.terms import MultiTerm
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.support.levenshtein import distance as levenshtein

from indexer import query_syntax as syntax
from indexer.analysis import (
    STOP_MARK,
    WORD_PATTERN,
    arabic_base,
    compound_terms,
    fold,
    holds_phrase,
    keyword_terms,
    phrase_words,
    stem_word,
)
from indexer.highlight import MatchSpans
from indexer.postings import once_per_query, stored_record, term_docs, term_positions

TEXT, TITLE, PATH, HEADLINE = "text", "title", "path", "headline"
# A prefix or fuzzy word ranks passages by at most this many of the words it expands to.
RANKED_EXPANSIONS = 50
# The index holds stems, so a prefix also matches the stems its own stem begins (`pledging*`
# → pledg), and the stems it begins with that a word it begins has (`governm*` → govern, the
# stem of government; not `carbon*` → car), down to this many characters shorter than the
# prefix, and never shorter than 3.
PREFIX_STEM_SLACK = 3

# English endings a word begun by a prefix may have, to find the stems shorter than the prefix
# that such words have (`governm` + ent → govern; `experim` + ent → experi).
_ENDINGS = (
    "s", "es", "e", "ed", "ing", "er", "ers", "y", "ies", "ly", "ment", "ments", "ness",
    "ation", "ations", "ion", "ions", "al", "ally", "ity", "ities", "ive", "ize", "ise", "ism",
    "ist", "ence", "ance", "ent", "ant", "able", "ible", "ful", "less", "ous", "ic", "ical",
)  # fmt: skip


@dataclass(frozen=True)
class QueryPlan:
    """What to run for one query; see the module docstring."""

    match: Query
    rank: Query | None
    spans: MatchSpans
    whole: Query | None = None  # the passages holding every plain word: they rank first


def plan_query(
    node: syntax.Node, reader: IndexReader, coordination: float | None
) -> QueryPlan | None:
    """The plan for `node` over the index `reader` reads; None when it holds no word to search."""
    compiler = _Compiler(reader, coordination)
    match = compiler.match(node)
    if match is None:
        return None
    return QueryPlan(match, compiler.rank(node), compiler.match_spans(node), compiler.whole(node))


def is_filter(node: syntax.Node) -> bool:
    """Whether `node` only restricts where to look (title: and path:), never a NOT."""
    if isinstance(node, syntax.Not):
        return False
    found = syntax.leaves(node)
    return bool(found) and all(
        isinstance(leaf, syntax.PathGlob) or leaf.field is not None for leaf, _ in found
    )


def has_words(node: syntax.Node) -> bool:
    """Whether `node` holds anything to search for: a path glob, or a word or phrase with a
    word the index keeps (not only stop words and signs: `the`, `*`, `""`)."""
    for leaf, _ in syntax.leaves(node):
        if isinstance(leaf, syntax.PathGlob):
            return True
        if isinstance(leaf, syntax.Word) and leaf.mode == "prefix":
            if WORD_PATTERN.search(leaf.text):
                return True
        elif next(keyword_terms(leaf.text), None) is not None:
            return True
    return False


class _Compiler:
    def __init__(self, reader: IndexReader, coordination: float | None) -> None:
        self.reader = reader
        self.coordination = coordination

    # -- which passages ------------------------------------------------------------------
    def match(self, node: syntax.Node) -> Query | None:
        if isinstance(node, syntax.Word | syntax.Phrase):
            if node.field:
                return self.leaf(node, node.field)
            # A word of a document's title finds its first passage, if no passage holds it
            # (a record whose body leaves out its headline's words)
            in_title = self.leaf(node, HEADLINE) if HEADLINE in self.reader.schema else None
            return _or([q for q in (self.leaf(node, TEXT), in_title) if q is not None])
        if isinstance(node, syntax.PathGlob):
            return path_query(self.reader, node.pattern)
        if isinstance(node, syntax.Not):
            return _combine([], [], [self.match(node.node)])
        children = [self.match(child) for child in node.nodes]
        if isinstance(node, syntax.AnyOf):
            return _or([c for c in children if c is not None])
        if isinstance(node, syntax.AllOf):
            return self._group(node.nodes, required_all=True)
        return self._group(node.nodes, required_all=False)

    def _group(self, nodes: tuple[syntax.Node, ...], *, required_all: bool) -> Query | None:
        required: list[Query | None] = []
        optional: list[Query | None] = []
        negatives: list[Query | None] = []
        for child in nodes:
            if isinstance(child, syntax.Not):
                negatives.append(self.match(child.node))
            elif required_all or is_filter(child):
                required.append(self.match(child))
            else:
                optional.append(self.match(child))
        return _combine(required, optional, negatives)

    def leaf(self, node: syntax.Word | syntax.Phrase, field: str) -> Query | None:
        """The passages holding the word or phrase in `field`. A word typed as one that the
        index holds as several (Al-Khazali's, e-mail, pic.twitter.com/x) is a phrase of
        them; fuzzy, each of them is looked for; with a prefix, the words before it too."""
        terms = [term for term, _, _ in keyword_terms(node.text)]
        words = phrase_words(node.text)
        if isinstance(node, syntax.Phrase):
            if terms and node.slop is None and any(w.startswith(STOP_MARK) for w in words):
                return WrittenPhrase(field, terms, tuple(words))
            if node.slop is not None:  # within N words, stop words not counted
                return _phrase(field, terms, node.slop + _stops_between(words))
            return _phrase(field, terms, node.slop)
        if node.mode == "prefix":
            whole, alternatives = self._prefix_queries(field, node.text)
            return _and([*whole, _or(alternatives)]) if alternatives else None
        if node.mode == "fuzzy":
            return _and([_fuzzy(field, term, node.edits) for term in terms])
        joined = [Term(field, term) for term, _, _ in compound_terms(node.text)]
        if _written_word(words):  # end-of-the-year, out-of-court: as a phrase
            return WrittenPhrase(field, terms, _trailing_stops_dropped(words))
        in_order = _in_order(field, terms, stop_gap(words))
        if len(terms) == 2 and len(joined) == 1:  # e-mail: also email (one word in the index)
            return _or([in_order, *joined])
        return in_order

    def _ranked_leaf(self, node: syntax.Word | syntax.Phrase, field: str) -> Query | None:
        """`leaf`, but a prefix or fuzzy word ranks by its commonest few expansions only: a
        short prefix may stand for thousands of words, and scoring them all takes minutes.
        (The passages it selects still come from every expansion.)"""
        query = self.leaf(node, field)
        if query is None or not isinstance(node, syntax.Word) or node.mode == "word":
            return query
        expanded = self._existing_terms(query)
        commonest = sorted(expanded, key=lambda t: (-self.reader.doc_frequency(field, t), t))
        kept = commonest[:RANKED_EXPANSIONS]
        if not kept:
            return None
        # Every expansion weighs as the commonest does: rare words (electrodes for elect*, a
        # misspelling for blair~2) would outrank the word meant for being rare. A fuzzy word's
        # expansions weigh half as much for each edit more than the nearest one has.
        scales = dict.fromkeys(kept, 1.0)
        if node.mode == "fuzzy":
            typed = [term for term, _, _ in keyword_terms(node.text)]
            edits = {t: min(levenshtein(t, w) for w in typed) if typed else 0 for t in kept}
            nearest = min(edits.values())
            scales = {t: 0.5 ** (edits[t] - nearest) for t in kept}
        return _preloaded_or(
            [ExpansionTerm(field, term, idf_of=kept[0], scale=scales[term]) for term in kept]
        )

    def _prefix_queries(self, field: str, text: str) -> tuple[list[Query], list[Query]]:
        """Term queries for the whole words before the last word of `text` (al in al-nakh*),
        and the queries any of which the last word, a prefix, may match; ([], []) without
        a word."""
        words = [fold(found.group()) for found in WORD_PATTERN.finditer(text)]
        if not words:
            return [], []
        if len(words) == 2 and len(list(compound_terms(text.rstrip("*")))) == 1:
            words = ["".join(words)]  # e-mail*: the joined word, as the index holds e-mail too
        *before, prefix = words
        whole: list[Query] = [Term(field, term) for w in before for term, _, _ in keyword_terms(w)]
        alternatives: list[Query] = [Prefix(field, prefix)]
        stemmed = stem_word(prefix) if prefix.isascii() else arabic_base(prefix, prefix=True)
        if stemmed != prefix:
            alternatives.append(Prefix(field, stemmed))
        shorter = _shorter_stems(prefix) if prefix.isascii() else set()
        for length in range(max(3, len(prefix) - PREFIX_STEM_SLACK), len(prefix)):
            if prefix[:length] in shorter and (field, prefix[:length]) in self.reader:
                alternatives.append(Term(field, prefix[:length]))
        return whole, alternatives

    # -- in which order ------------------------------------------------------------------
    def whole(self, node: syntax.Node) -> Query | None:
        """For words side by side (`militia meeting`, `"qais khazali" baghdad -iraq`): the
        passages holding every one of them, which rank before those holding only some. None
        when the query is not such a group of two or more words (OR, AND, one word)."""
        if not isinstance(node, syntax.Group):
            return None
        wanted = [
            self.match(child)
            for child in node.nodes
            if not isinstance(child, syntax.Not) and not is_filter(child)
        ]
        parts = [query for query in wanted if query is not None]
        return And(parts) if len(parts) > 1 else None

    def rank(self, node: syntax.Node) -> Query | None:
        if isinstance(node, syntax.Word | syntax.Phrase):
            fields = (node.field,) if node.field else (TITLE, TEXT)
            ranked = [self._ranked_leaf(node, field) for field in fields]
            return _or([query for query in ranked if query is not None])
        if isinstance(node, syntax.PathGlob | syntax.Not):
            return None
        children = [self.rank(child) for child in node.nodes]
        ranked = [child for child in children if child is not None]
        if isinstance(node, syntax.Group) and len(ranked) > 1:
            return Or(ranked, scale=self.coordination)
        return _or(ranked)

    # -- where, inside a passage ---------------------------------------------------------
    def match_spans(self, node: syntax.Node) -> MatchSpans:
        words: set[str] = set()
        phrases: list[tuple[tuple[str, ...], int | None]] = []
        for leaf, negated in syntax.leaves(node):
            if negated or isinstance(leaf, syntax.PathGlob) or leaf.field is not None:
                continue
            if isinstance(leaf, syntax.Phrase) and leaf.slop is None:
                written = tuple(phrase_words(leaf.text))
                if any(word.startswith(STOP_MARK) for word in written) and len(written) > 1:
                    phrases.append((written, None))  # as `leaf` selects it: WrittenPhrase
                    continue
            if isinstance(leaf, syntax.Word) and leaf.mode == "word":
                written_word = phrase_words(leaf.text)
                if _written_word(written_word):
                    phrases.append((_trailing_stops_dropped(written_word), None))
                    continue
            if isinstance(leaf, syntax.Phrase) or leaf.mode == "word":
                terms = tuple(term for term, _, _ in keyword_terms(leaf.text))
                if len(terms) > 1:
                    phrases.append((terms, getattr(leaf, "slop", None)))
                    if isinstance(leaf, syntax.Word):  # e-mail also finds email
                        words.update(term for term, _, _ in compound_terms(leaf.text))
                    continue
            query = self.leaf(leaf, TEXT)
            if query is not None:
                words.update(self._existing_terms(query))
        return MatchSpans(frozenset(words), tuple(phrases))

    def _existing_terms(self, query: Query) -> set[str]:
        found = set()
        for leaf in query.leaves():
            for fieldname, term in leaf.expanded_terms(self.reader):
                word = term.decode("utf-8") if isinstance(term, bytes) else term
                if (fieldname, word) in self.reader:
                    found.add(word)
        return found


class AndNot(whoosh_query.AndNot):
    """`a` without the documents that match `b`. Whoosh 2.7.5's AndNotMatcher checks its first
    document against `b` only when `b` starts on that very document, so when `b` starts earlier
    the first match of `a` gets through even if `b` holds it; this one checks in every case."""

    def matcher(self, searcher: Any, context: Any = None) -> Matcher:
        positive = self.a.matcher(searcher, context)
        negative = self.b.matcher(searcher, searcher.boolean_context())
        return _AndNotMatcher(positive, negative)


class _AndNotMatcher(AndNotMatcher):
    def _find_first(self) -> None:
        if self.a.is_active() and self.b.is_active():
            self._find_next()


def _or(queries: list[Query]) -> Query | None:
    if not queries:
        return None
    return queries[0] if len(queries) == 1 else Or(queries)


def _and(queries: list[Query | None]) -> Query | None:
    """All of `queries` (None parts dropped); None when nothing is left."""
    parts = [query for query in queries if query is not None]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


class ExpansionTerm(Term):
    """One word a prefix or fuzzy word stands for, as it ranks: with the idf of `idf_of`, its
    score times `scale` (`ranking.ScoredTerm`)."""

    def __init__(self, fieldname: str, text: str, *, idf_of: str, scale: float = 1.0) -> None:
        super().__init__(fieldname, text)
        self.idf_of = idf_of
        self.scale = scale


def _preloaded_or(queries: list[Query]) -> Query | None:
    """Any of many term queries, scored by Whoosh's preloading Or: on a large index Whoosh
    picks a tree of union matchers, several times slower for dozens of common terms."""
    query = _or(queries)
    if isinstance(query, Or):
        query.matcher_type = Or.ARRAY_MATCHER
    return query


def _combine(
    required: list[Query | None], optional: list[Query | None], negatives: list[Query | None]
) -> Query | None:
    """required AND (any of optional) AND NOT (any of negatives); None parts are dropped."""
    parts = [q for q in required if q is not None]
    any_of = _or([q for q in optional if q is not None])
    if any_of is not None:
        parts.append(any_of)
    excluded = _or([q for q in negatives if q is not None])
    if not parts and excluded is None:
        return None
    positive = parts[0] if len(parts) == 1 else And(parts) if parts else Every()
    return positive if excluded is None else AndNot(positive, excluded)


class WrittenPhrase(Phrase):
    """A phrase with stop words in it ("pleaded not guilty", "The Who"): the index leaves
    stop words out, so the passages holding its other words side by side are read, and those
    holding the phrase as written, stop words included, are kept (`matching_docs`)."""

    def __init__(self, fieldname: str, terms: list[str], words: tuple[str, ...]) -> None:
        super().__init__(fieldname, terms, slop=stop_gap(words) or 1)
        self.written = words

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, WrittenPhrase)
            and super().__eq__(other)
            and self.written == other.written
        )

    def __hash__(self) -> int:
        return hash((super().__hash__(), self.written))

    def __repr__(self) -> str:
        return f"WrittenPhrase({self.fieldname!r}, {self.written!r})"


def written_docs(query: WrittenPhrase, reader: IndexReader) -> set[int]:
    """The passages holding `query` as written (see WrittenPhrase)."""
    if len(query.words) == 1:
        candidates = term_docs(reader, query.fieldname, query.words[0])
    else:
        candidates = near_docs(Phrase(query.fieldname, list(query.words), query.slop), reader)
    words = query.written
    stored = TITLE if query.fieldname == HEADLINE else query.fieldname  # (kept as the title)
    return {
        docnum
        for docnum in candidates
        if holds_phrase(str(stored_record(reader, docnum).get(stored) or ""), words)
    }


def _written_word(words: list[str]) -> bool:
    """Whether one word typed (end-of-the-year, out-of-court) has stop words before or between
    its other parts: then it is looked for as written, as a quoted phrase is (not U.S., whose
    stop word ends it). (It then holds a term: the last word kept is one.)"""
    kept = _trailing_stops_dropped(words)
    return len(kept) > 1 and any(word.startswith(STOP_MARK) for word in kept)


def _trailing_stops_dropped(words: list[str]) -> tuple[str, ...]:
    end = len(words)
    while end and words[end - 1].startswith(STOP_MARK):
        end -= 1
    return tuple(words[:end])


def _stop_runs(words: list[str] | tuple[str, ...]) -> list[int]:
    """For words of `phrase_words`, how many stop words stand in each run between two of the
    other words ("bank of the england": [2])."""
    runs, run, begun = [], 0, False
    for word in words:
        if word.startswith(STOP_MARK):
            run += 1
            continue
        if begun and run:
            runs.append(run)
        begun, run = True, 0
    return runs


def _stops_between(words: list[str]) -> int:
    """How many stop words stand between the first and the last of the other words."""
    return sum(_stop_runs(words))


def stop_gap(words: list[str] | tuple[str, ...]) -> int | None:
    """For words of `phrase_words` with stop words between two others ("bank of england"),
    how far apart the index may hold two next terms (2); None when none are between. (A stop
    word takes a position in the index, and gives no term.)"""
    runs = _stop_runs(words)
    return max(runs) + 1 if runs else None


def _in_order(field: str, terms: list[str], gap: int | None) -> Query | None:
    """The terms of one word typed (Al-Khazali's, state-of-the-art) in order, next to each
    other or, with stop words between them, `gap` positions apart at most."""
    if gap is None or len(terms) < 2:
        return _phrase(field, terms, None)
    return Phrase(field, terms, slop=gap)


def _phrase(field: str, terms: list[str], slop: int | None) -> Query | None:
    """Words in a row (`slop` None or 0, as Lucene reads "a b"~0), or within `slop` words of
    each other in any order."""
    if not terms:
        return None
    if len(terms) == 1:
        return Term(field, terms[0])
    if not slop:
        return Phrase(field, terms)
    return SpanNear2([Term(field, term) for term in terms], slop=max(slop, 1), ordered=False)


def _fuzzy(field: str, term: str, edits: int) -> Query:
    return FuzzyTerm(field, term, maxdist=edits, prefixlength=1)


def matching_docs(query: Query, searcher: Searcher, whole_documents: bool = False) -> set[int]:
    """The (live) documents `query` matches, worked out with sets: And, Or, AndNot and Every
    by set algebra, a term or the words a prefix, fuzzy word or range expands to by reading
    their postings, phrases by Whoosh. Whoosh's own compound matchers, made to skip and score,
    take seconds on the thousands of words a short prefix stands for (and AndNot errs). With
    `whole_documents`, what a NOT leaves out is every passage of a document any passage of
    which matches it (`--files 'labour -blair'`: files that never name Blair)."""
    if isinstance(query, whoosh_query.AndNot):
        left_out = matching_docs(query.b, searcher)
        if whole_documents:
            left_out = _passages_of_their_documents(left_out, searcher)
        return matching_docs(query.a, searcher, whole_documents) - left_out
    if isinstance(query, And):
        parts = sorted(
            (matching_docs(q, searcher, whole_documents) for q in query.subqueries), key=len
        )
        return set.intersection(*parts) if parts else set()
    if isinstance(query, Or):
        return set().union(*(matching_docs(q, searcher, whole_documents) for q in query.subqueries))
    if isinstance(query, Every):
        return set(searcher.reader().all_doc_ids())
    if query is NullQuery:
        return set()
    if isinstance(query, Term | MultiTerm):
        return _postings_docs(query, searcher.reader())
    if isinstance(query, WrittenPhrase):
        reader = searcher.reader()
        return set(once_per_query(("written", query), lambda: written_docs(query, reader)))
    if isinstance(query, Phrase | SpanNear2):
        return set(once_per_query(("near", query), lambda: near_docs(query, searcher.reader())))
    return set(searcher.docs_for_query(query))


def _passages_of_their_documents(docnums: set[int], searcher: Searcher) -> set[int]:
    """Every passage of the documents the passages `docnums` belong to."""
    documents = {searcher.stored_fields(docnum).get("doc") for docnum in docnums}
    found = set(docnums)
    for doc in documents - {None}:  # (a file's record belongs to no document)
        found.update(searcher.docs_for_query(Term("doc", doc)))
    return found


def _postings_docs(query: Query, reader: IndexReader) -> set[int]:
    found: set[int] = set()
    for fieldname, text in query.expanded_terms(reader):
        found |= term_docs(reader, fieldname, text)
    return found


def near_docs(query: Phrase | SpanNear2, reader: IndexReader) -> set[int]:
    """The documents where the words of a phrase (in order, next to each other) or of a
    proximity query (in any order, within `slop` words) stand as Whoosh's SpanNear2 would
    have them, found from the words' positions."""
    if isinstance(query, Phrase):
        field, words, slop, ordered = query.fieldname, list(query.words), query.slop, True
    else:
        field, ordered, slop = query.qs[0].fieldname, query.ordered, query.slop
        words = [leaf.text for leaf in query.qs]
    candidates: set[int] | None = None
    for word in sorted(set(words), key=lambda w: reader.doc_frequency(field, w)):
        docs = term_docs(reader, field, word)
        candidates = docs if candidates is None else candidates & docs
        if not candidates:
            return set()
    if not candidates:
        return set()
    positions = {word: term_positions(reader, field, word, candidates) for word in set(words)}
    return {
        docnum
        for docnum in candidates
        if spans_near([positions[word][docnum] for word in words], slop, ordered)
    }


def spans_near(positions: list[list[int]], slop: int, ordered: bool, mindist: int = 1) -> bool:
    """Whether one position of each word makes a chain, each next word within `mindist` to
    `slop` words of the span so far (after it when `ordered`): SpanNear2's rule, on ints."""
    if ordered and slop == 1 and mindist == 1:  # a phrase: the words at p, p + 1, p + 2...
        if len(positions) == 2 and len(positions[0]) == 1:  # the commonest case, for speed
            return positions[0][0] + 1 in positions[1]
        # where the phrase could start, as each next word's positions place it
        starts = set(positions[0])
        for step, places in enumerate(positions[1:], 1):
            starts.intersection_update([place - step for place in places])
            if not starts:
                return False
        return True
    spans = {(p, p) for p in positions[0]}
    for following in positions[1:]:
        joined = set()
        for start, end in spans:
            for position in following:
                if ordered and position < start:
                    continue
                if start <= position <= end:
                    distance = 0
                elif position > end:
                    distance = position - end
                else:
                    distance = start - position
                if mindist <= distance <= slop:
                    joined.add((min(start, position), max(end, position)))
        if not joined:
            return False
        spans = joined
    return True


Scored = tuple[str, str, Query | None, str | None, float]
"""(field, term, the phrase it counts inside or None, the term whose idf it takes or None,
the scale of its score)"""


def scored_terms(rank: Query) -> list[Scored] | None:
    """The terms whose BM25 scores add up to `rank`'s score (see `Scored`). None when `rank`
    holds anything else (a coordination bonus, a boost), which only Whoosh's matchers score."""
    if getattr(rank, "boost", 1.0) != 1.0:
        return None
    if isinstance(rank, ExpansionTerm):
        return [(rank.fieldname, rank.text, None, rank.idf_of, rank.scale)]
    if isinstance(rank, Term):
        return [(rank.fieldname, rank.text, None, None, 1.0)]
    if isinstance(rank, Or) and rank.scale is None:
        found: list[Scored] = []
        for child in rank.subqueries:
            terms = scored_terms(child)
            if terms is None:
                return None
            found += terms
        return found
    if isinstance(rank, Phrase):
        return [(rank.fieldname, word, rank, None, 1.0) for word in rank.words]
    if isinstance(rank, SpanNear2) and all(isinstance(q, Term) for q in rank.qs):
        return [(q.fieldname, q.text, rank, None, 1.0) for q in rank.qs]
    return None


def path_query(reader: IndexReader, pattern: str) -> Query:
    """The documents whose path matches the glob `pattern` (see `path_matcher`)."""
    matches = path_matcher(pattern)
    paths = [
        path
        for raw in reader.lexicon(PATH)
        if matches(path := raw.decode("utf-8") if isinstance(raw, bytes) else raw)
    ]
    return Or([Term(PATH, path) for path in paths]) if paths else NullQuery


def path_matcher(pattern: str) -> Callable[[str], object]:
    """A case-insensitive test of absolute paths against a glob. `*` and `?` also match `/`.
    A glob that does not start with `/` may match from any folder down (`sport/*.txt`,
    `*bbc*`), and a glob that names a folder matches everything below it (`path:reports`)."""
    glob = pattern.rstrip("/") or "/"
    anchored = glob if glob.startswith("/") else "*/" + glob
    regex = "|".join(fnmatch.translate(g) for g in (anchored, anchored.rstrip("/") + "/*"))
    return re.compile(regex, re.IGNORECASE | re.DOTALL).match


def _shorter_stems(prefix: str) -> set[str]:
    """The stems shorter than `prefix` of the words it begins with one of the usual endings,
    the prefix taken as the start of the ending too (`governm` → government → govern)."""
    words = {prefix}
    for ending in _ENDINGS:
        for typed in range(len(ending)):
            if prefix.endswith(ending[:typed]):
                words.add(prefix + ending[typed:])
    return {stemmed for stemmed in map(stem_word, words) if len(stemmed) < len(prefix)}
