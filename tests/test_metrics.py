"""The relevance bench's metric code (bench/metrics.py) against values worked out by hand."""

from __future__ import annotations

from math import log2

import pytest

pytest.importorskip("ir_measures")

from bench import metrics  # noqa: E402

QRELS = """query-id\tcorpus-id\tscore
q1\td1\t2
q1\td2\t1
q1\td9\t0
q2\td3\t1
"""
# q1 finds d2 (gain 1), an unjudged x, then d1 (gain 2); q2 finds nothing.
RUN = """q1 Q0 d2 1 3.0 test
q1 Q0 x 2 2.0 test
q1 Q0 d1 3 1.0 test
"""


def test_cranfield_codes_become_gains() -> None:
    assert [metrics.cranfield_gain(code) for code in (1, 2, 3, 4, -1, 0, 5)] == [
        4,
        3,
        2,
        1,
        0,
        0,
        0,
    ]


def test_qrels_skip_the_header_and_map_gains() -> None:
    qrels = metrics.parse_qrels(QRELS.splitlines(), metrics.cranfield_gain)
    assert [(q.query_id, q.doc_id, q.relevance) for q in qrels] == [
        ("q1", "d1", 3),
        ("q1", "d2", 4),
        ("q1", "d9", 0),
        ("q2", "d3", 4),
    ]


def test_negative_labels_are_not_relevant() -> None:
    (qrel,) = metrics.parse_qrels(["q\td\t-1"])
    assert qrel.relevance == 0


def test_a_malformed_judgment_is_an_error() -> None:
    with pytest.raises(ValueError, match="qrels line 2"):
        metrics.parse_qrels(["query-id\tcorpus-id\tscore", "q1\td1\tvery"])


def test_run_lines_are_read_by_field() -> None:
    run = metrics.parse_run(RUN.splitlines())
    assert [(r.query_id, r.doc_id, r.score) for r in run] == [
        ("q1", "d2", 3.0),
        ("q1", "x", 2.0),
        ("q1", "d1", 1.0),
    ]
    with pytest.raises(ValueError, match="5 fields"):
        metrics.parse_run(["q1 Q0 d1 1 2.0"])


def test_figures_match_hand_computation() -> None:
    qrels = metrics.parse_qrels(QRELS.splitlines())
    figures = metrics.evaluate(qrels, metrics.parse_run(RUN.splitlines()))
    # q1: DCG = 1/log2(2) + 0 + 2/log2(4) = 2; ideal DCG = 2/log2(2) + 1/log2(3).
    ndcg_q1 = 2 / (2 + 1 / log2(3))
    # q1: relevant documents at ranks 1 and 3 of 2 relevant: AP = (1/1 + 2/3) / 2.
    ap_q1 = (1 + 2 / 3) / 2
    # q2 retrieves nothing: 0 on every measure, and it still counts in the mean.
    assert figures["nDCG@10"] == pytest.approx(ndcg_q1 / 2)
    assert figures["MAP"] == pytest.approx(ap_q1 / 2)
    assert figures["R@100"] == pytest.approx(1 / 2)


def test_per_query_gives_zero_to_a_query_without_results() -> None:
    qrels = metrics.parse_qrels(QRELS.splitlines())
    values = metrics.per_query(qrels, metrics.parse_run(RUN.splitlines()), "R@100")
    assert values == {"q1": 1.0, "q2": 0.0}


def test_ndcg_cuts_at_ten() -> None:
    qrels = metrics.parse_qrels(["q\tgood\t1"])
    run = [f"q Q0 junk{n} {n} {20 - n} t" for n in range(1, 11)] + ["q Q0 good 11 1 t"]
    assert metrics.evaluate(qrels, metrics.parse_run(run))["nDCG@10"] == 0.0
    assert metrics.evaluate(qrels, metrics.parse_run(run))["R@100"] == 1.0


def test_folds_partition_the_queries_evenly_and_repeatably() -> None:
    qids = [str(n) for n in range(23)]
    dealt = metrics.folds(qids, 5, seed=3)
    assert sorted(q for fold in dealt for q in fold) == sorted(qids)
    assert sorted(len(fold) for fold in dealt) == [4, 4, 5, 5, 5]
    assert dealt == metrics.folds(reversed(qids), 5, seed=3)


def test_cross_validation_scores_each_query_by_a_setting_chosen_without_it() -> None:
    # "steady" is better everywhere but on one query, where "lucky" is perfect.
    queries = [str(n) for n in range(10)]
    steady = dict.fromkeys(queries, 0.5)
    lucky = {q: 1.0 if q == "7" else 0.0 for q in queries}
    table = {"steady": {"c": steady}, "lucky": {"c": lucky}}
    result = metrics.cross_validate(table, count=5)
    assert result.chosen == ["steady"] * 5
    assert result.held_out == {"c": 0.5}


def test_cross_validation_weighs_collections_equally() -> None:
    # Collection a has ten times the queries of b; the mean of means still prefers suits_both.
    big = [str(n) for n in range(50)]
    small = [str(n) for n in range(5)]
    table = {
        "suits_a": {"a": dict.fromkeys(big, 0.3), "b": dict.fromkeys(small, 0.1)},
        "suits_both": {"a": dict.fromkeys(big, 0.25), "b": dict.fromkeys(small, 0.2)},
    }
    result = metrics.cross_validate(table, count=5)
    assert result.chosen == ["suits_both"] * 5
    assert result.held_out == pytest.approx({"a": 0.25, "b": 0.20})
