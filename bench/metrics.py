"""Relevance metrics for bench/relevance.py: judgments and runs in, nDCG@10, MAP, Recall@100 out,
and cross-validated choice of settings over queries.

The measures are computed by ir_measures (trec_eval's definitions through pytrec_eval: nDCG with
linear gains, ties in score broken by document id). What is ours, and tested against values
worked out by hand in tests/test_metrics.py: reading BEIR judgments with a collection's gain
mapping, reading TREC run lines, averaging over every judged query (a query with nothing
retrieved counts 0), and the cross-validation.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import fmean
from typing import Any, Generic, TypeVar

import ir_measures
from ir_measures import AP, R, nDCG

MEASURES: dict[str, Any] = {"nDCG@10": nDCG @ 10, "MAP": AP, "R@100": R @ 100}
Gain = Callable[[int], int]
PerQuery = Mapping[str, float]
Setting = TypeVar("Setting", bound=Hashable)


def graded_gain(label: int) -> int:
    """A judgment's gain as written, negatives (not relevant) as 0."""
    return max(label, 0)


def cranfield_gain(code: int) -> int:
    """Cranfield's relevance codes: 1 best … 4 least relevant → gains 4 … 1; −1 (not relevant)
    and anything else → 0."""
    return 5 - code if 1 <= code <= 4 else 0


def read_qrels(path: Path, gain: Gain = graded_gain) -> list[ir_measures.Qrel]:
    """BEIR judgments (`query-id  corpus-id  score`, tab-separated, with a header line)."""
    with open(path, encoding="utf-8") as handle:
        return parse_qrels(handle, gain)


def parse_qrels(lines: Iterable[str], gain: Gain = graded_gain) -> list[ir_measures.Qrel]:
    """The judgments of BEIR qrels lines; a first line that is not a judgment is the header."""
    qrels = []
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if not fields:
            continue
        try:
            qid, doc, label = fields[0], fields[1], int(fields[-1])
        except (IndexError, ValueError):
            if number == 1:
                continue
            raise ValueError(f"qrels line {number}: {line.strip()!r}") from None
        qrels.append(ir_measures.Qrel(qid, doc, gain(label)))
    return qrels


def parse_run(lines: Iterable[str]) -> list[ir_measures.ScoredDoc]:
    """The ranked documents of TREC run lines (`qid Q0 docid rank score tag`)."""
    run = []
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 6:
            raise ValueError(f"run line {number} has {len(fields)} fields, not 6: {line!r}")
        run.append(ir_measures.ScoredDoc(fields[0], fields[2], float(fields[4])))
    return run


def per_query(
    qrels: Sequence[ir_measures.Qrel], run: Sequence[ir_measures.ScoredDoc], measure: str
) -> dict[str, float]:
    """`measure` for every judged query, 0 for one the run has nothing for."""
    values = dict.fromkeys((qrel.query_id for qrel in qrels), 0.0)
    for found in ir_measures.iter_calc([MEASURES[measure]], list(qrels), list(run)):
        if found.query_id in values:
            values[found.query_id] = float(found.value)
    return values


def evaluate(
    qrels: Sequence[ir_measures.Qrel], run: Sequence[ir_measures.ScoredDoc]
) -> dict[str, float]:
    """Each of MEASURES averaged over every judged query."""
    return {name: fmean(per_query(qrels, run, name).values()) for name in MEASURES}


def folds(qids: Iterable[str], count: int, seed: int = 0) -> list[frozenset[str]]:
    """`qids` dealt into `count` folds of near-equal size, in a shuffled order fixed by `seed`."""
    order = sorted(set(qids))
    random.Random(seed).shuffle(order)
    return [frozenset(order[start::count]) for start in range(count)]


@dataclass(frozen=True)
class CrossValidation(Generic[Setting]):
    """Held-out figures per collection (each query scored by the setting chosen without it),
    and the setting each fold chose."""

    held_out: dict[str, float]
    chosen: list[Setting]


def cross_validate(
    table: Mapping[Setting, Mapping[str, PerQuery]], count: int = 5, seed: int = 0
) -> CrossValidation[Setting]:
    """Choose among the settings of `table` (setting → collection → query id → value) by
    `count`-fold cross-validation over queries. Every collection is dealt into folds on its
    own; a fold's setting is the one with the best mean, over collections, of its mean on the
    other folds' queries (the first such setting in `table`'s order on a tie)."""
    settings = list(table)
    collections = list(table[settings[0]])
    dealt = {name: folds(table[settings[0]][name], count, seed) for name in collections}
    held: dict[str, dict[str, float]] = {name: {} for name in collections}
    chosen: list[Setting] = []
    for fold in range(count):

        def train_score(setting: Setting, fold: int = fold) -> float:
            return fmean(
                fmean(v for q, v in table[setting][name].items() if q not in dealt[name][fold])
                for name in collections
            )

        best = max(settings, key=train_score)
        chosen.append(best)
        for name in collections:
            for qid in dealt[name][fold]:
                held[name][qid] = table[best][name][qid]
    return CrossValidation({name: fmean(held[name].values()) for name in collections}, chosen)
