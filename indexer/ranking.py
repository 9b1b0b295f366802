"""How passages are scored: the weighting model and every parameter of ranking.

`Ranking` holds the parameters; its defaults are what `passages search` uses, chosen by
cross-validation on the Cranfield and CISI test collections (docs/relevance.md, reproduced by
bench/relevance.py):

- a term's weight in a field is BM25 with its probabilistic idf, log(1 + (N - n + .5) / (n + .5)),
  counted over passages only (the index's per-file records are not passages). Whoosh's own BM25F
  uses log(N / (n + 1)) + 1 instead, which leaves the commonest words a third of the weight of
  the rarest rather than next to none;
- the words a prefix or fuzzy word stands for (at most 50, the commonest) all take the idf of
  the commonest, and a fuzzy word's spellings lose half their weight for each edit more than
  the nearest has: by their own idf, the rarest expansions (electrodes for elect*) came first;
- `k1` and `b` for the passage text, and a `b` and a weight for its document's title. A title's
  index-time boost multiplies its term frequencies; it is divided out here, so `title_weight`
  alone says how much a title counts, whatever the index was built with;
- no coordination bonus for any-word queries (`COORDINATION`): passages holding more of the
  query's words already score higher as BM25 adds up per word, and a bonus on top lowered
  nDCG@10 on both collections. Passages holding every word of words side by side rank first
  (`query_plan`'s `whole`, `top_passages`'s `first`): the same nDCG@10 on the collections'
  long questions, and the same or better on short queries made of their words;
- a document ranks by its best passage (search.py's `by_document`): adding a share of its other
  passages lowered nDCG@10 on both collections.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from heapq import nlargest
from itertools import compress
from math import log
from typing import Any

from whoosh import scoring
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from indexer.impact import TermWeight, best_passages
from indexer.postings import (
    field_lengths,
    leaf_readers,
    once_per_query,
    term_arrays,
    term_blocks,
)

TITLE = "title"
# The coordination bonus of any-word groups (Whoosh's Or `scale`), None for none (see above).
# Whoosh's CoordMatcher also multiplies every score by (terms - 1) / terms, so a query that
# reduces to one term would score 0 for every passage: never set it without replacing that
# (regression test: test_one_word_query_is_ranked).
COORDINATION: float | None = None


@dataclass(frozen=True)
class Ranking:
    """The parameters of passage scoring; the defaults are `passages search`'s."""

    k1: float = 1.6
    b: float = 0.75
    title_b: float = 0.75
    title_weight: float = 0.25

    def weighting(self) -> scoring.WeightingModel:
        """The Whoosh weighting model for these parameters."""
        return PassageBM25(self)


DEFAULT = Ranking()


def ranking() -> scoring.WeightingModel:
    """The default scoring of passages."""
    return DEFAULT.weighting()


class PassageBM25(scoring.WeightingModel):
    """BM25 per field with the probabilistic idf over passages, summed over the fields, the
    title's share weighted by `title_weight`."""

    def __init__(self, params: Ranking = DEFAULT) -> None:
        self.params = params

    def supports_block_quality(self) -> bool:
        return True

    def idf(self, searcher: Searcher, fieldname: str, text: str) -> float:
        parent = searcher.get_parent()
        found = parent.doc_frequency(fieldname, text)
        return bm25_idf(found, max(passage_count(parent), found))

    def scorer(
        self, searcher: Searcher, fieldname: str, text: str, qf: float = 1
    ) -> scoring.BaseScorer:
        if not searcher.schema[fieldname].scorable:
            return scoring.WeightScorer.for_(searcher, fieldname, text)
        params = self.params
        if fieldname == TITLE:
            return FieldBM25Scorer(
                searcher, fieldname, text, params.k1, params.title_b, params.title_weight
            )
        return FieldBM25Scorer(searcher, fieldname, text, params.k1, params.b, 1.0)


class FieldBM25Scorer(scoring.WeightLengthScorer):
    """BM25 of one term in one field of a passage, times the field's weight."""

    def __init__(
        self, searcher: Searcher, fieldname: str, text: str, k1: float, b: float, weight: float
    ) -> None:
        parent = searcher.get_parent()
        self.idf = parent.idf(fieldname, text) * weight
        self.avgfl = parent.field_length(fieldname) / max(passage_count(parent), 1) or 1.0
        self.unboost = 1.0 / (searcher.schema[fieldname].format.field_boost or 1.0)
        self.k1 = k1
        self.b = b
        self.setup(searcher, fieldname, text)

    def _score(self, weight: float, length: float) -> float:
        return bm25(weight * self.unboost, length / self.avgfl, self.idf, self.k1, self.b)


def bm25(tf: float, relative_length: float, idf: float, k1: float, b: float) -> float:
    """BM25's weight of a term found `tf` times in a field `relative_length` times as long as
    the average."""
    return idf * tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * relative_length))


def bm25_idf(found: int, total: int) -> float:
    """The probabilistic idf of a term in `found` of `total` passages (Lucene's, never < 0)."""
    return log(1.0 + (total - found + 0.5) / (found + 0.5))


def passage_count(searcher: Searcher) -> int:
    """Passages in the index: every record but the one store.py keeps per source file (read
    once per query inside `one_query`)."""
    return once_per_query(
        ("passage count", id(searcher)),
        lambda: int(searcher.doc_count_all() - searcher.doc_frequency("kind", "file")),
    )


# Ranking a whole posting list at a time


@dataclass(frozen=True)
class ScoredTerm:
    """One term of a ranking query: `field`, `term`, and the passages where it counts (those
    matching its phrase), or None for every passage holding it."""

    field: str
    term: str
    only: frozenset[int] | None = None
    idf_of: str | None = None  # the term whose idf it takes (a prefix's commonest word)
    scale: float = 1.0  # its score's share (a fuzzy word's farther spellings count less)


def top_passages(
    searcher: Searcher,
    terms: list[ScoredTerm],
    selected: frozenset[int],
    limit: int | None,
    first: frozenset[int] | None = None,
) -> list[tuple[int, float]] | None:
    """(docnum, score) of the best `limit` passages of `selected` (all with None), best first,
    ties in index order: the sum over `terms` of each one's BM25, as `PassageBM25` scores it
    through Whoosh's matchers, but worked out a posting block at a time, or, with a `limit`,
    from the best postings only when their impact order allows (`indexer.impact`). The
    passages of `first` (those holding every word of the query) come before the others. None
    when the searcher ranks by another model (bench variants): then Whoosh's own path is
    needed."""
    weighting = searcher.weighting
    if not isinstance(weighting, PassageBM25):
        return None
    if limit is not None:
        weights = [_term_weight(searcher, weighting.params, term) for term in terms]
        quick = _impact_top(searcher, [w for w in weights if w is not None], selected, limit, first)
        if quick is not None:
            return quick
    scores: dict[int, float] = {}
    for term in terms:
        _add_term_scores(searcher, weighting.params, term, scores)
    if first is None:
        return best_of(scores, selected, limit)
    best = best_of(scores, selected & first, limit)
    if limit is not None and len(best) >= limit:
        return best
    return best + best_of(scores, selected - first, None if limit is None else limit - len(best))


def best_of(
    scores: dict[int, float], selected: frozenset[int], limit: int | None
) -> list[tuple[int, float]]:
    """The best `limit` of `scores` whose passages are in `selected`, best first, ties in
    index order; passages `selected` holds but `scores` does not are left out."""
    if limit == 0:
        return []
    if limit is None:
        return sorted(((d, s) for d, s in scores.items() if d in selected), key=_best_first)
    # The limit-th best score of the selected passages among the best-scored ones, then every
    # selected passage scoring at least that (ties included), sorted: no full sort needed.
    wanted = limit * 2 + 10
    if len(scores) > wanted:
        cut = nlargest(wanted, scores.values())[-1]
        likely = list(compress(scores.items(), map(cut.__le__, scores.values())))
    else:
        likely = list(scores.items())
    chosen = [score for docnum, score in likely if docnum in selected]
    if len(chosen) < limit and len(likely) < len(scores):
        likely = list(scores.items())
        chosen = [score for docnum, score in likely if docnum in selected]
    if not chosen:
        return []
    floor = nlargest(limit, chosen)[-1]
    found = [(d, s) for d, s in likely if s >= floor and d in selected]
    return sorted(found, key=_best_first)[:limit]


def _best_first(item: tuple[int, float]) -> tuple[float, int]:
    return -item[1], item[0]


def _scoring_blocks(
    segment: IndexReader, field: str, term: str, unboost: float
) -> list[tuple[Sequence[int], Any, float]]:
    """A term's postings in one segment as (document numbers, weights, term frequency per
    unit of weight): one pair of arrays of frequencies from the ranking file when the segment
    keeps the term there, else its W3 blocks, whose weights are frequencies × field boost."""
    arrays = term_arrays(segment, field, term)
    if arrays is not None:
        return [(arrays[0], arrays[1], 1.0)]
    return [(ids, weights, unboost) for ids, weights, _ in term_blocks(segment, field, term)]


def _impact_top(
    searcher: Searcher,
    weights: list[TermWeight],
    selected: frozenset[int],
    limit: int,
    first: frozenset[int] | None,
) -> list[tuple[int, float]] | None:
    """`top_passages` by `impact.best_passages`, tier after tier; None when it cannot."""
    segments = leaf_readers(searcher.reader())
    tiers = [selected] if first is None else [selected & first, selected - first]
    found: list[tuple[int, float]] = []
    for tier in tiers:
        if len(found) >= limit:
            break
        best = best_passages(segments, weights, tier, limit - len(found))
        if best is None:
            return None
        found += best
    return found


def _term_weight(searcher: Searcher, params: Ranking, term: ScoredTerm) -> TermWeight | None:
    """How `term` weighs its postings under `params` (None in a field not scored)."""
    field = term.field
    if not searcher.schema[field].scorable:
        return None
    k1, b, weight = (
        (params.k1, params.title_b, params.title_weight)
        if field == TITLE
        else (params.k1, params.b, 1.0)
    )
    total = max(passage_count(searcher), 1)
    idf = searcher.idf(field, term.idf_of or term.term) * weight * term.scale
    average = searcher.field_length(field) / total or 1.0
    unboost = 1.0 / (searcher.schema[field].format.field_boost or 1.0)
    norms = [k1 * (1.0 - b + b * (byte_to_length(code) / average)) for code in range(256)]
    return TermWeight(field, term.term, idf, k1 + 1.0, norms, unboost, term.only)


def _add_term_scores(
    searcher: Searcher, params: Ranking, term: ScoredTerm, scores: dict[int, float]
) -> None:
    weighed = _term_weight(searcher, params, term)
    if weighed is None:
        return
    field, idf, scale, norms, unboost = (
        weighed.field,
        weighed.idf,
        weighed.scale,
        weighed.norms,
        weighed.tf_per_weight,
    )
    only = term.only
    fresh = not scores  # the first term: its passages have no score yet (and occur once)
    for segment, offset in leaf_readers(searcher.reader()):
        lengths = field_lengths(segment, field)
        for ids, weights, tf_per_weight in _scoring_blocks(segment, field, term.term, unboost):
            if only is not None:  # a phrase's words: only where the phrase stands
                kept = [i for i, d in enumerate(ids) if d + offset in only]
                if not kept:
                    continue
                ids = tuple(ids[i] for i in kept)
                if weights is not None and not isinstance(weights, float):
                    weights = tuple(weights[i] for i in kept)
            if weights is None or isinstance(weights, float):
                tf = (1.0 if weights is None else weights) * tf_per_weight
                found = [(d + offset, idf * tf * scale / (tf + norms[lengths[d]])) for d in ids]
            else:
                tfs = weights if tf_per_weight == 1.0 else [w * tf_per_weight for w in weights]
                found = [
                    (d + offset, idf * tf * scale / (tf + norms[lengths[d]]))
                    for d, tf in zip(ids, tfs, strict=True)
                ]
            if fresh:
                scores.update(found)
                continue
            # add to the scores so far: one Python step per passage scored by both, not by this
            added = dict(found)
            for docnum in added.keys() & scores.keys():
                added[docnum] = scores[docnum] + added[docnum]
            scores.update(added)
