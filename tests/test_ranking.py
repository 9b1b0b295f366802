"""Passage scoring: BM25 with the probabilistic idf over passages, titles weighted apart."""

from __future__ import annotations

import json
from math import log
from pathlib import Path

import pytest

from indexer import IndexSession, index_paths, search
from indexer.ranking import DEFAULT, Ranking, bm25, bm25_idf, passage_count

# Three records of a collection: titles and texts apart. Text lengths in terms: 3, 2, 4.
RECORDS = [
    {"_id": "r1", "title": "river survey", "text": "zebra zebra lights"},
    {"_id": "r2", "title": "zebra notes", "text": "quiet lights"},
    {"_id": "r3", "title": "harbour", "text": "lights shine brightly tonight"},
]


def indexed(folder: Path, records: list[dict[str, str]]) -> Path:
    """`records` written as a collection in `folder` and indexed; returns the index folder."""
    source = folder / "records.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in records))
    index_paths(folder / "index", [source])
    return folder / "index"


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    return indexed(tmp_path, RECORDS)


def test_bm25_by_hand() -> None:
    assert bm25(1, 1.0, idf=2.0, k1=1.2, b=0.75) == pytest.approx(2.0)
    assert bm25(2, 1.0, idf=1.0, k1=1.2, b=0.75) == pytest.approx(2 * 2.2 / 3.2)
    # b = 0.75: twice the average length costs as much as k1 * 1.75 in the denominator.
    assert bm25(1, 2.0, idf=1.0, k1=1.2, b=0.75) == pytest.approx(2.2 / (1 + 1.2 * 1.75))


def test_bm25_saturates_and_prefers_short_fields() -> None:
    scores = [bm25(tf, 1.0, 1.0, 1.2, 0.75) for tf in (1, 2, 4, 100)]
    assert scores == sorted(scores) and scores[-1] < 2.2
    assert bm25(1, 0.5, 1.0, 1.2, 0.75) > bm25(1, 1.0, 1.0, 1.2, 0.75) > bm25(1, 2, 1.0, 1.2, 0.75)


def test_idf_by_hand_and_never_negative() -> None:
    assert bm25_idf(1, 10) == pytest.approx(log(1 + 9.5 / 1.5))
    assert 0 < bm25_idf(10, 10) < 0.05


def test_passages_are_counted_without_file_records(collection: Path) -> None:
    with IndexSession(collection) as session:
        assert session.searcher.doc_count_all() == 4  # three passages and the file's record
        assert passage_count(session.searcher) == 3


def test_a_passage_scores_bm25_over_passages_only(collection: Path) -> None:
    hit, by_title = search(collection, "zebra")  # r2 has it in its title only
    assert by_title.doc == "r2" and by_title.score < hit.score
    # zebra is in the text of 1 passage of 3; r1's text has it twice and is of average length.
    expected = bm25(2, 1.0, bm25_idf(1, 3), DEFAULT.k1, DEFAULT.b)
    assert hit.doc == "r1"
    assert hit.score == pytest.approx(expected, abs=1e-4)


def test_title_counts_by_its_weight_and_not_by_its_index_boost(collection: Path) -> None:
    hit, _ = search(collection, "zebra river")
    text_part = bm25(2, 1.0, bm25_idf(1, 3), DEFAULT.k1, DEFAULT.b)
    # Title lengths 2, 2, 1: r1's title is 2 / (5 / 3) times the average; river found once.
    title_part = bm25(1, 2 / (5 / 3), bm25_idf(1, 3), DEFAULT.k1, DEFAULT.title_b)
    assert hit.score == pytest.approx(text_part + DEFAULT.title_weight * title_part, abs=1e-4)


def test_a_title_alone_selects_the_first_passage_of_its_document(tmp_path: Path) -> None:
    """A record whose body leaves out its headline's words is found by them, once."""
    records = [
        {"_id": "r1", "title": "cocoa tenders", "text": "None posted.\n\nTotal to date 146."},
        {"_id": "r2", "title": "harbour", "text": "Cocoa prices rose.\n\nTenders were few."},
    ]
    location = indexed(tmp_path, records)
    assert [(hit.doc, hit.passage) for hit in search(location, "cocoa")] == [
        ("r2", 1),
        ("r1", 1),
    ]
    assert [(hit.doc, hit.passage) for hit in search(location, '"cocoa tenders"')] == [("r1", 1)]
    records[0]["title"] = "Bank of England gradings"
    (tmp_path / "again").mkdir()
    location = indexed(tmp_path / "again", records)
    assert [hit.doc for hit in search(location, '"bank of england"')] == ["r1"]
    assert search(location, "title:harbour") != []  # a title: filter still means every passage


def test_more_query_words_rank_a_passage_higher(collection: Path) -> None:
    hits = search(collection, "quiet lights")
    assert [hit.doc for hit in hits][0] == "r2"


def test_another_ranking_gives_other_scores(collection: Path) -> None:
    with IndexSession(collection) as session:
        session.searcher = session.index.searcher(weighting=Ranking(k1=2.0, b=0.0).weighting())
        hit, _ = session.find("zebra").hits
    assert hit.score == pytest.approx(bm25(2, 1.0, bm25_idf(1, 3), 2.0, 0.0), abs=1e-4)


SOME_OR_ALL = [
    # A short passage saying "zebra" often outscores, by BM25 alone, a long one holding both.
    {"_id": "often", "title": "", "text": "zebra zebra zebra zebra"},
    {"_id": "both", "title": "", "text": "a long walk past the old mill, a zebra and lights " * 3},
    {"_id": "other", "title": "", "text": "harbour lights"},
]


@pytest.fixture
def some_or_all(tmp_path: Path) -> Path:
    return indexed(tmp_path, SOME_OR_ALL)


def test_passages_holding_every_word_rank_first(some_or_all: Path) -> None:
    hits = search(some_or_all, "zebra lights")
    assert [hit.doc for hit in hits][0] == "both"
    assert hits[0].score < hits[1].score  # first by holding every word, not by its score
    with IndexSession(some_or_all) as session:
        by_document = session.find("zebra lights", by_document=True).hits
    assert [hit.doc for hit in by_document][0] == "both"


def test_or_ranks_by_score_alone(some_or_all: Path) -> None:
    hits = search(some_or_all, "zebra OR lights")
    assert [hit.doc for hit in hits][0] == "often"
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_every_word_first_with_another_model_too(some_or_all: Path) -> None:
    from whoosh.scoring import BM25F

    with IndexSession(some_or_all) as session:
        session.searcher = session.index.searcher(weighting=BM25F())  # Whoosh's matchers rank
        hits = session.find("zebra lights").hits
    assert [hit.doc for hit in hits][0] == "both"
