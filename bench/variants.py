"""The variants of ranking that bench/relevance.py --variants measures, and the bench-only ways
of ranking documents that passages does not use (they were tried and not kept):

- `BestPlusRest`: a document scores its best passage plus a share of each other passage's score;
- `ProximityBoost`: each of the top passages gains, for each pair of the query's words (next to
  each other in the query) that stand within `slop` words of each other in it, `weight` times
  the pair's idf; a document scores its best passage so boosted.

Both re-rank the passages `IndexSession.find` returns, as many as `by_document` first reads.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Protocol

from whoosh import scoring

from indexer.analysis import DEFAULT_TERMS, TermChoices, keyword_terms
from indexer.models import Hit
from indexer.ranking import DEFAULT, bm25_idf, passage_count
from indexer.search import IndexSession
from indexer.trec import RankedDocument, run_lines


class DocumentRanking(Protocol):
    """A bench-only way of ranking documents: run lines for each query."""

    def run(
        self, session: IndexSession, queries: Iterable[tuple[str, str]], depth: int
    ) -> Iterator[str]: ...


@dataclass(frozen=True)
class Variant:
    """One way of ranking: analysis choices, a weighting model, Whoosh's coordination bonus,
    and how documents are ranked from passages (None: `trec_run`, the product's own path)."""

    label: str
    terms: TermChoices = DEFAULT_TERMS
    weighting: Callable[[], scoring.WeightingModel] = DEFAULT.weighting
    documents: DocumentRanking | None = None
    coordination: float | None = None
    every_word_first: bool = True


def passages_read(depth: int) -> int:
    """How many passages `by_document` first reads for `depth` documents (search.py)."""
    return depth * 4 + 10


@dataclass(frozen=True)
class BestPlusRest:
    share: float

    def run(
        self, session: IndexSession, queries: Iterable[tuple[str, str]], depth: int
    ) -> Iterator[str]:
        for qid, text in queries:
            hits = session.find(text, limit=passages_read(depth)).hits
            scores: dict[str, float] = {}
            for hit in hits:  # best first
                best = hit.doc not in scores
                scores[hit.doc] = hit.score if best else scores[hit.doc] + self.share * hit.score
            yield from run_lines(qid, best_documents(scores, depth), "best+rest")


@dataclass(frozen=True)
class ProximityBoost:
    weight: float
    slop: int

    def run(
        self, session: IndexSession, queries: Iterable[tuple[str, str]], depth: int
    ) -> Iterator[str]:
        for qid, text in queries:
            words = list(dict.fromkeys(term for term, _, _ in keyword_terms(text)))
            pairs = [
                (a, b, self._idf(session, a) + self._idf(session, b))
                for a, b in zip(words, words[1:], strict=False)
            ]
            scores: dict[str, float] = {}
            for hit in session.find(text, limit=passages_read(depth)).hits:
                score = hit.score + self.weight * near_pairs(hit, pairs, self.slop)
                scores[hit.doc] = max(score, scores.get(hit.doc, score))
            yield from run_lines(qid, best_documents(scores, depth), "proximity")

    @staticmethod
    def _idf(session: IndexSession, term: str) -> float:
        searcher = session.searcher
        return bm25_idf(searcher.doc_frequency("text", term), passage_count(searcher))


def near_pairs(hit: Hit, pairs: list[tuple[str, str, float]], slop: int) -> float:
    """The summed weight of the pairs whose words stand within `slop` words in `hit`'s text."""
    places: dict[str, list[int]] = {}
    for position, (term, _, _) in enumerate(keyword_terms(hit.text)):
        places.setdefault(term, []).append(position)
    total = 0.0
    for a, b, weight in pairs:
        if a in places and b in places and _distance(places[a], places[b]) <= slop:
            total += weight
    return total


def _distance(first: list[int], second: list[int]) -> int:
    return min(abs(i - j) for i in first for j in second)


def best_documents(scores: dict[str, float], depth: int) -> list[RankedDocument]:
    ranked = sorted(scores.items(), key=lambda item: -item[1])[:depth]
    return [RankedDocument(doc, score) for doc, score in ranked]


@contextlib.contextmanager
def coordination(scale: float | None) -> Iterator[None]:
    """Whoosh's coordination bonus (Or `scale`) for any-word groups inside the block."""
    module = importlib.import_module("indexer.search")  # `indexer.search` is also a function
    saved = module.COORDINATION
    if scale is not None:
        module.COORDINATION = scale
    try:
        yield
    finally:
        module.COORDINATION = saved


@contextlib.contextmanager
def every_word_first(on: bool) -> Iterator[None]:
    """Without `on`, passages holding every word of words side by side do not rank first
    (query_plan's `whole` is None): BM25 order alone."""
    from indexer import query_plan

    saved = query_plan._Compiler.whole
    if not on:
        query_plan._Compiler.whole = lambda self, node: None  # type: ignore[method-assign]
    try:
        yield
    finally:
        query_plan._Compiler.whole = saved  # type: ignore[method-assign]


BEFORE = TermChoices("porter", "lucene")


def bm25(**changes: float) -> Callable[[], scoring.WeightingModel]:
    """The weighting of the defaults with some parameters changed."""
    return replace(DEFAULT, **changes).weighting


def _terms(
    stemmer: str = DEFAULT_TERMS.stemmer, stops: str = DEFAULT_TERMS.stop_words
) -> TermChoices:
    return TermChoices(stemmer, stops)


_D = DEFAULT
# From the foundation's ranking to the defaults, one change at a time, then each alternative
# to the defaults on its own.
VARIANTS = [
    Variant(
        "before: Whoosh BM25F (its idf, k1 1.2, b .75, title tf x2), Porter, Lucene stops",
        BEFORE,
        scoring.BM25F,
    ),
    Variant(
        "probabilistic idf over passages, k1 1.2, b .75, title weight 1",
        BEFORE,
        bm25(k1=1.2, b=0.75, title_b=0.75, title_weight=1.0),
    ),
    Variant("+ title weight 0.5", BEFORE, bm25(k1=1.2, b=0.75, title_b=0.75, title_weight=0.5)),
    Variant(
        "+ Porter2 stemmer",
        _terms(stops="lucene"),
        bm25(k1=1.2, b=0.75, title_b=0.75, title_weight=0.5),
    ),
    Variant("+ English stop list", _terms(), bm25(k1=1.2, b=0.75, title_b=0.75, title_weight=0.5)),
    Variant(f"defaults: + k1 {_D.k1}, b {_D.b}, title b {_D.title_b}, weight {_D.title_weight}"),
    Variant("stemmer: none", _terms(stemmer="none")),
    Variant("stemmer: Porter", _terms(stemmer="porter")),
    Variant("stop words: none", _terms(stops="none")),
    Variant("stop words: Lucene's 33", _terms(stops="lucene")),
    Variant("k1 0.9, b 0.4 (Anserini)", weighting=bm25(k1=0.9, b=0.4)),
    *[
        Variant(f"k1 {k1}", weighting=bm25(k1=k1))
        for k1 in (0.9, 1.2, 1.6, 2.0, 2.5)
        if k1 != _D.k1
    ],
    *[Variant(f"b {b}", weighting=bm25(b=b)) for b in (0.5, 0.6, 0.75, 0.9, 1.0) if b != _D.b],
    *[
        Variant(f"title weight {w}", weighting=bm25(title_weight=w))
        for w in (0.0, 0.25, 0.5, 1.0, 2.0)
        if w != _D.title_weight
    ],
    *[
        Variant(f"title b {b}", weighting=bm25(title_b=b))
        for b in (0.3, 0.75, 1.0)
        if b != _D.title_b
    ],
    Variant("coordination 0.9 (Whoosh's Or scale)", coordination=0.9),
    Variant("no every-word tier: BM25 order alone", every_word_first=False),
    *[
        Variant(f"document = best + {s} x each other passage", documents=BestPlusRest(s))
        for s in (0.1, 0.25, 0.5)
    ],
    *[
        Variant(f"proximity: + {w} x pair idf within {n} words", documents=ProximityBoost(w, n))
        for w, n in ((0.1, 1), (0.25, 1), (0.25, 4), (0.5, 4))
    ],
]
