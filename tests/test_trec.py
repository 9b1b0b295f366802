"""TREC runs: batch files in, `qid Q0 docid rank score tag` lines out, ranked as search ranks."""

from __future__ import annotations

from pathlib import Path

from indexer import IndexSession
from indexer.trec import RankedDocument, parse_batch, read_batch, run_lines, trec_field, trec_run


def test_batch_lines_with_and_without_ids() -> None:
    lines = ["q7\tunion wages\n", "militia meetings\r\n", "\n", "   \n", "\twater board\n"]
    assert parse_batch(lines) == [
        ("q7", "union wages"),
        ("2", "militia meetings"),
        ("5", "water board"),
    ]


def test_batch_id_is_trimmed_and_a_query_keeps_its_tabs() -> None:
    assert parse_batch([" 12 \tport\tworkers"]) == [("12", "port\tworkers")]


def test_read_batch_skips_a_byte_order_mark(tmp_path: Path) -> None:
    batch = tmp_path / "queries.tsv"
    batch.write_bytes("\ufeff1\tharbour\n2\tquotas\n".encode())
    assert read_batch(batch) == [("1", "harbour"), ("2", "quotas")]


def test_run_lines_have_six_fields_and_ranks_from_one() -> None:
    ranked = [RankedDocument("doc-a", 12.34567), RankedDocument("doc-b", 3.0)]
    assert list(run_lines("q1", ranked)) == [
        "q1 Q0 doc-a 1 12.3457 passages",
        "q1 Q0 doc-b 2 3.0000 passages",
    ]


def test_whitespace_inside_an_id_is_escaped() -> None:
    line = next(run_lines("query 1", [RankedDocument("/data/annual report.txt", 1.0)], "my run"))
    assert line == "query%201 Q0 /data/annual%20report.txt 1 1.0000 my%20run"
    assert trec_field("tab\there\nnewline") == "tab%09here%0Anewline"
    assert trec_field("") == "-"


def test_a_run_ranks_documents_as_search_by_document_does(built: Path) -> None:
    queries = [("1", "union wages"), ("2", "militia talks"), ("3", "quota")]
    with IndexSession(built) as session:
        lines = list(trec_run(session, queries, limit=2))
        expected = [
            (qid, hit.doc, f"{hit.score:.4f}")
            for qid, text in queries
            for hit in session.find(text, limit=2, by_document=True).hits
        ]
    fields = [line.split() for line in lines]
    assert all(len(f) == 6 and f[1] == "Q0" and f[5] == "passages" for f in fields)
    assert [(f[0], f[2], f[4]) for f in fields] == expected
    for qid, _ in queries:
        ranks = [int(f[3]) for f in fields if f[0] == qid]
        scores = [float(f[4]) for f in fields if f[0] == qid]
        assert ranks == list(range(1, len(ranks) + 1)) and 1 <= len(ranks) <= 2
        assert scores == sorted(scores, reverse=True)


def test_a_document_appears_once_per_query(built: Path) -> None:
    with IndexSession(built) as session:
        docs = [line.split()[2] for line in trec_run(session, [("1", "meeting")], limit=10)]
    assert docs and len(docs) == len(set(docs))


def test_a_query_read_as_plain_words_is_told_and_the_run_goes_on(built: Path) -> None:
    notices: list[str] = []
    queries = [("odd", '"harbour workers'), ("none", "???"), ("good", "quota")]
    with IndexSession(built) as session:
        lines = list(trec_run(session, queries, limit=5, on_notice=notices.append))
    assert {line.split()[0] for line in lines} == {"odd", "good"}
    assert len(notices) == 2 and notices[0].startswith("query odd: could not read the query")
    assert notices[1].startswith("query none: nothing to search for")
