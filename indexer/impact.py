"""The best passages of a ranking query without weighing every posting: the threshold
algorithm (Fagin, Lotem and Naor) over postings in impact order.

A query term's BM25 weight in a passage depends only on the term's frequency there and on
the passage's length byte, so each long posting list is kept a second time by classes of equal
weight, best first (`ranked_postings.impact_order`). `best_passages` reads every term's classes
best first, always from the term whose next class weighs most; each passage met is scored in
full at once (its other terms' frequencies found by bisection in their lists). No passage not
yet met can score more than the sum of every term's next weight, so once the `limit`-th best
score found is above that sum the rest cannot enter, and need not be read: a common word is
ranked from a few hundred of its tens of thousands of postings.

The scores are those `ranking.top_passages` computes for every posting, to the last bit (the
same operations, in the same order), and ties keep index order. When the selected passages are
few (an AND of common words), they are scored one by one instead; when they are many but not
enough for the walk to meet them soon, or the walk has read a share of the postings without
finishing, None says to weigh every posting. None too when the walk would need a long list
that has no impact order (a segment Whoosh merged, an index written before the order was kept).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from heapq import heapify, heappop, heappush, heappushpop
from itertools import accumulate
from typing import Any

from whoosh.reading import IndexReader

from indexer import ranked_postings
from indexer.postings import field_lengths, term_arrays, term_blocks

WALK_SHARE = 4
"""The walk gives up after reading more than 1/WALK_SHARE of the query's postings."""
WALK_SELECTED = 4
"""The walk is taken only where the selected passages are at least 1/WALK_SELECTED as many as
the query's postings (else it would mostly meet passages not selected)."""
DIRECT_COST = 3
"""Scoring a passage by bisection costs about this many postings weighed in turn, per term."""


@dataclass(frozen=True)
class TermWeight:
    """How one query term weighs a posting: idf (times its field's weight) × tf × scale /
    (tf + norms[length byte]), counted only in the passages of `only` when it is set."""

    field: str
    term: str
    idf: float
    scale: float
    norms: list[float]
    tf_per_weight: float
    only: frozenset[int] | None = None


class _Postings:
    """One term's postings in one segment: document numbers (increasing) with their term
    frequencies, for bisection; the segment's length bytes of the field; and the classes of
    equal weight, best first (`ranked_postings.impact_order`), or, for a short list, one class
    per posting, ordered by weight."""

    __slots__ = ("ids", "tfs", "lengths", "places", "classes", "starts", "weights")

    def __init__(self, ids: Sequence[int], tfs: Sequence[Any], lengths: bytes) -> None:
        self.ids = ids
        self.tfs = tfs
        self.lengths = lengths
        self.places: Sequence[int] = ()
        self.classes: Sequence[int] = ()
        self.starts: list[int] = []
        self.weights: list[float] | None = None  # a short list's, by place


class _Unordered(Exception):
    """A long posting list without its impact order."""


def best_passages(
    segments: list[tuple[IndexReader, int]],
    terms: list[TermWeight],
    tier: frozenset[int],
    limit: int,
) -> list[tuple[int, float]] | None:
    """(docnum, score) of the best `limit` passages of `tier` by the sum of `terms`' weights,
    best first, ties in index order; the passages of `tier` holding no term are left out. None
    when this cannot be done cheaper than weighing every posting (see the module docstring)."""
    if not tier or not terms:
        return []
    lists = [[_postings(segment, term) for segment, _ in segments] for term in terms]
    total = sum(len(p.ids) for row in lists for p in row if p is not None)
    offsets = [offset for _, offset in segments]
    scorer = _Scorer(terms, lists)
    if len(tier) * len(terms) * DIRECT_COST <= total:
        return _ranked(scorer.each(tier, offsets), limit)
    if len(tier) * WALK_SELECTED < total:
        return None
    try:
        for term, row in zip(terms, lists, strict=True):
            for (segment, _), postings in zip(segments, row, strict=True):
                if postings is not None:
                    _order(segment, term, postings)
    except _Unordered:
        return None
    return _walk(scorer, terms, lists, offsets, tier, limit, total // WALK_SHARE)


def _postings(segment: IndexReader, term: TermWeight) -> _Postings | None:
    """The term's postings in the segment, None without any."""
    lengths = field_lengths(segment, term.field)
    arrays = term_arrays(segment, term.field, term.term)
    if arrays is not None:
        return _Postings(arrays[0], arrays[1], lengths)
    ids_of: list[int] = []
    tfs_of: list[Any] = []
    for block_ids, weights, _ in term_blocks(segment, term.field, term.term):
        ids_of += block_ids
        if weights is None or isinstance(weights, float):
            tf = (1.0 if weights is None else weights) * term.tf_per_weight
            tfs_of += [tf] * len(block_ids)
        elif term.tf_per_weight == 1.0:
            tfs_of += weights
        else:
            tfs_of += [weight * term.tf_per_weight for weight in weights]
    return _Postings(ids_of, tfs_of, lengths) if ids_of else None


def _order(segment: IndexReader, term: TermWeight, postings: _Postings) -> None:
    """Give `postings` their classes best first: a long list's from the ranking file
    (`_Unordered` when it has none), a short list's weighed here, one posting a class."""
    if isinstance(postings.ids, array):
        impacts = ranked_postings.term_impacts(segment, term.field, term.term, len(postings.ids))
        if impacts is None:
            raise _Unordered
        postings.places, postings.classes, counts = impacts
        postings.starts = list(accumulate(counts, initial=0))
        return
    if len(postings.ids) >= ranked_postings.MIN_POSTINGS:
        raise _Unordered
    idf, scale, norms, lengths = term.idf, term.scale, term.norms, postings.lengths
    weights = [
        idf * tf * scale / (tf + norms[lengths[docnum]])
        for docnum, tf in zip(postings.ids, postings.tfs, strict=True)
    ]
    postings.weights = weights
    postings.places = sorted(range(len(weights)), key=lambda place: -weights[place])


class _Scorer:
    """A passage's full score: each term's weight found by bisection in its list, summed in
    the terms' order (as `ranking.top_passages` sums them)."""

    def __init__(self, terms: list[TermWeight], lists: list[list[_Postings | None]]) -> None:
        self.rows = [
            (term.idf, term.scale, term.norms, term.only, row)
            for term, row in zip(terms, lists, strict=True)
        ]

    def score(self, segment: int, docnum: int, offset: int) -> float | None:
        """The score of the passage `docnum` of a segment (its searcher number less
        `offset`), None when no term counts in it."""
        total = 0.0
        counted = False
        for idf, scale, norms, only, row in self.rows:
            postings = row[segment]
            if postings is None or (only is not None and docnum + offset not in only):
                continue
            ids = postings.ids
            place = bisect_left(ids, docnum)
            if place < len(ids) and ids[place] == docnum:
                tf = postings.tfs[place]
                total += idf * tf * scale / (tf + norms[postings.lengths[docnum]])
                counted = True
        return total if counted else None

    def each(self, docnums: frozenset[int], offsets: list[int]) -> list[tuple[int, float]]:
        """(docnum, score) of each of `docnums` that a term counts in."""
        found = []
        for docnum in docnums:
            segment = bisect_right(offsets, docnum) - 1
            score = self.score(segment, docnum - offsets[segment], offsets[segment])
            if score is not None:
                found.append((docnum, score))
        return found


def _walk(
    scorer: _Scorer,
    terms: list[TermWeight],
    lists: list[list[_Postings | None]],
    offsets: list[int],
    tier: frozenset[int],
    limit: int,
    budget: int,
) -> list[tuple[int, float]] | None:
    # Each term's classes not yet read, as a heap of (-weight, segment, class); a long list
    # seeds the first class of each frequency (the classes of one frequency follow by
    # weight), a short list its best posting (the next one follows it).
    heaps: list[list[tuple[float, int, int]]] = []
    for term, row in zip(terms, lists, strict=True):
        heap = []
        for segment, postings in enumerate(row):
            if postings is None:
                continue
            if postings.weights is not None:
                heap.append((-postings.weights[postings.places[0]], segment, 0))
                continue
            classes, number = postings.classes, 0
            while number < len(classes):
                code = classes[number]
                heap.append((-_class_weight(term, code), segment, number))
                number = bisect_left(classes, ((code >> 8) + 1) << 8, number)
        heapify(heap)
        heaps.append(heap)
    seen: set[int] = set()
    best: list[float] = []  # the best `limit` scores so far, a min-heap
    found: list[tuple[int, float]] = []
    read = 0
    while True:
        bounds = [-heap[0][0] if heap else 0.0 for heap in heaps]
        if len(best) >= limit and best[0] > sum(bounds):
            break
        which = max(range(len(heaps)), key=bounds.__getitem__)
        heap = heaps[which]
        if not heap:
            break  # every class of every term has been read
        _, segment, number = heappop(heap)
        postings = lists[which][segment]
        assert postings is not None
        term = terms[which]
        if postings.weights is not None:
            docnums: Sequence[int] = (postings.ids[postings.places[number]],)
            if number + 1 < len(postings.places):
                weight = postings.weights[postings.places[number + 1]]
                heappush(heap, (-weight, segment, number + 1))
        else:
            ids, places = postings.ids, postings.places
            begin, end = postings.starts[number], postings.starts[number + 1]
            docnums = [ids[place] for place in places[begin:end]]
            following = number + 1
            classes = postings.classes
            if following < len(classes) and classes[following] >> 8 == classes[number] >> 8:
                heappush(heap, (-_class_weight(term, classes[following]), segment, following))
        read += len(docnums)
        if read > budget:
            return None
        offset = offsets[segment]
        for docnum in docnums:
            number_in_searcher = docnum + offset
            if number_in_searcher in seen:
                continue
            seen.add(number_in_searcher)
            if number_in_searcher not in tier:
                continue
            score = scorer.score(segment, docnum, offset)
            if score is None:
                continue
            found.append((number_in_searcher, score))
            if len(best) < limit:
                heappush(best, score)
            else:
                heappushpop(best, score)
    return _ranked(found, limit)


def _class_weight(term: TermWeight, code: int) -> float:
    tf, length = ranked_postings.class_of(code)
    return term.idf * tf * term.scale / (tf + term.norms[length])


def _ranked(found: list[tuple[int, float]], limit: int) -> list[tuple[int, float]]:
    found.sort(key=lambda item: (-item[1], item[0]))
    return found[:limit]
