"""How passages are scored: the weighting model and every parameter of ranking.

`Ranking` holds the parameters; its defaults are what `passages search` uses, chosen by
cross-validation on the Cranfield and CISI test collections (docs/relevance.md, reproduced by
bench/relevance.py):

- a term's weight in a field is BM25 with its probabilistic idf, log(1 + (N - n + .5) / (n + .5)),
  counted over passages only (the index's per-file records are not passages). Whoosh's own BM25F
  uses log(N / (n + 1)) + 1 instead, which leaves the commonest words a third of the weight of
  the rarest rather than next to none;
- `k1` and `b` for the passage text, and a `b` and a weight for its document's title. A title's
  index-time boost multiplies its term frequencies; it is divided out here, so `title_weight`
  alone says how much a title counts, whatever the index was built with;
- no coordination bonus for any-word queries (`COORDINATION`): passages holding more of the
  query's words already score higher as BM25 adds up per word, and a bonus on top lowered
  nDCG@10 on both collections;
- a document ranks by its best passage (search.py's `by_document`): adding a share of its other
  passages lowered nDCG@10 on both collections.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import log

from whoosh import scoring
from whoosh.searching import Searcher

TITLE = "title"
# The coordination bonus of any-word groups (Whoosh's Or `scale`), None for none (see above).
# Whoosh's CoordMatcher also multiplies every score by (terms - 1) / terms, so a query that
# reduces to one term would score 0 for every passage: never set it without replacing that
# (regression test: test_one_word_query_is_ranked).
COORDINATION: float | None = None


@dataclass(frozen=True)
class Ranking:
    """The parameters of passage scoring; the defaults are `passages search`'s."""

    k1: float = 1.2
    b: float = 0.75
    title_b: float = 0.75
    title_weight: float = 0.5

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
    """Passages in the index: every record but the one store.py keeps per source file."""
    return int(searcher.doc_count_all() - searcher.doc_frequency("kind", "file"))
