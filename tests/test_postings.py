"""Postings read a block at a time (indexer.postings) and ranked whole (ranking.top_passages):
they must give exactly what Whoosh's own matchers give, on an index of several segments with
deleted passages; ranked by impact order (indexer.impact), exactly what weighing every
posting gives."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.query import Or, Phrase, Term
from whoosh.query.spans import SpanNear2
from whoosh.searching import Searcher

from indexer import IndexSession, impact, index_paths, ranked_postings
from indexer.postings import one_query, term_arrays, term_docs, term_positions
from indexer.query_plan import near_docs, spans_near
from indexer.ranking import DEFAULT, ScoredTerm, _impact_top, _term_weight, top_passages

WORDS = ["amber", "basalt", "cedar", "delta", "ember", "fjord", "garnet", "harbor"]


def _records(seed: int, count: int) -> list[dict[str, str]]:
    rng = random.Random(seed)
    records = []
    for number in range(count):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 160)))
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3)))
        records.append({"_id": f"r{seed}-{number}", "title": title, "text": text})
    return records


def _write(path: Path, records: list[dict[str, str]]) -> None:
    path.write_text("".join(json.dumps(record) + "\n" for record in records))


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexSession]:
    """Three files indexed in three runs (three segments); then one file changed, so that its
    old passages are deleted in their segment and its new ones are in another."""
    root = tmp_path_factory.mktemp("postings")
    location = root / "index"
    for seed in range(3):
        _write(root / f"part{seed}.jsonl", _records(seed, 150 + seed * 40))
        index_paths(location, [root])
    _write(root / "part1.jsonl", _records(7, 90))
    index_paths(location, [root])
    with IndexSession(location) as opened:
        yield opened


def test_the_fixture_has_segments_and_deletions(session: IndexSession) -> None:
    readers = [reader for reader, _ in session.searcher.reader().leaf_readers()]
    assert len(readers) > 1
    assert any(reader.has_deletions() for reader in readers)
    # the long lists of the segments the builder wrote come from their ranking files, also
    # in a segment with deleted passages (which the arrays still hold)
    assert any(
        reader.has_deletions() and term_arrays(reader, "text", "amber") is not None
        for reader in readers
    )


def test_ranking_files_go_with_their_segments(session: IndexSession) -> None:
    storage = session.index.storage
    segments = {
        reader._segment.segment_id() for reader, _ in session.searcher.reader().leaf_readers()
    }
    kept = {name for name in storage.list() if name.endswith(ranked_postings.EXTENSION)}
    assert kept and {name.rsplit(".", 1)[0] for name in kept} <= segments


@pytest.mark.parametrize("word", [*WORDS, "absent"])
def test_term_docs_are_whoosh_postings_without_deleted(session: IndexSession, word: str) -> None:
    reader = session.searcher.reader()
    for field in ("text", "title"):
        expected = set(session.searcher.docs_for_query(Term(field, word)))
        assert term_docs(reader, field, word) == expected


def test_term_positions_are_whoosh_positions(session: IndexSession) -> None:
    reader = session.searcher.reader()
    docs = sorted(term_docs(reader, "text", "cedar"))[::7]
    found = term_positions(reader, "text", "cedar", docs)
    matcher = session.searcher.postings("text", "cedar")
    expected = {}
    while matcher.is_active():
        if matcher.id() in docs:
            expected[matcher.id()] = list(matcher.value_as("positions"))
        matcher.next()
    assert found == expected and len(found) == len(docs)


phrase_words = st.lists(st.sampled_from(WORDS), min_size=2, max_size=4)


@settings(max_examples=60, deadline=None)
@given(words=phrase_words)
def test_phrases_match_as_whoosh_phrases(session: IndexSession, words: list[str]) -> None:
    query = Phrase("text", words)
    expected = set(session.searcher.docs_for_query(query))
    assert near_docs(query, session.searcher.reader()) == expected


@settings(max_examples=60, deadline=None)
@given(words=phrase_words, slop=st.integers(1, 6), ordered=st.booleans())
def test_near_queries_match_as_whoosh_span_near(
    session: IndexSession, words: list[str], slop: int, ordered: bool
) -> None:
    query = SpanNear2([Term("text", word) for word in words], slop=slop, ordered=ordered)
    expected = set(session.searcher.docs_for_query(query))
    assert near_docs(query, session.searcher.reader()) == expected


def test_spans_near_by_hand() -> None:
    assert spans_near([[3], [4]], slop=1, ordered=True)
    assert not spans_near([[4], [3]], slop=1, ordered=True)
    assert spans_near([[4], [3]], slop=1, ordered=False)
    assert spans_near([[0], [5]], slop=5, ordered=True)
    assert not spans_near([[0], [6]], slop=5, ordered=True)
    # The third word is measured from the span of the first two: 1-2, then 3.
    assert spans_near([[1], [2], [3]], slop=1, ordered=True)
    assert not spans_near([[1], [2], [4]], slop=1, ordered=True)


term_choices = st.lists(
    st.tuples(st.sampled_from(["text", "title"]), st.sampled_from([*WORDS, "absent"])),
    min_size=1,
    max_size=4,
)


@settings(max_examples=60, deadline=None)
@given(terms=term_choices, limit=st.sampled_from([1, 3, 10, None]))
def test_top_passages_rank_as_whoosh_does(
    session: IndexSession, terms: list[tuple[str, str]], limit: int | None
) -> None:
    searcher = session.searcher
    selected = frozenset(searcher.docs_for_query(Or([Term("text", w) for _, w in terms])))
    query = Or([Term(field, word) for field, word in terms])
    expected = searcher.search(query, limit=limit, filter=set(selected)).top_n
    scored = [ScoredTerm(field, word) for field, word in terms]
    with one_query():
        found = top_passages(searcher, scored, selected, limit)
    assert found is not None
    assert [docnum for docnum, _ in found] == [docnum for _, docnum in expected]
    assert [score for _, score in found] == pytest.approx([score for score, _ in expected])


def test_phrase_terms_count_only_where_the_phrase_stands(session: IndexSession) -> None:
    searcher = session.searcher
    phrase = Phrase("text", ["amber", "basalt"])
    where = frozenset(near_docs(phrase, searcher.reader()))
    query = Or([phrase, Term("text", "cedar")])
    selected = frozenset(searcher.docs_for_query(query))
    expected = searcher.search(query, limit=None, filter=set(selected))
    scored = [ScoredTerm("text", "amber", where), ScoredTerm("text", "basalt", where)]
    found = top_passages(searcher, [*scored, ScoredTerm("text", "cedar")], selected, None)
    assert found is not None
    assert dict(found) == pytest.approx({docnum: score for score, docnum in expected.top_n})


def test_another_weighting_model_is_left_to_whoosh(session: IndexSession) -> None:
    from whoosh.scoring import BM25F

    with session.index.searcher(weighting=BM25F()) as other:
        assert top_passages(other, [ScoredTerm("text", "amber")], frozenset({0}), 10) is None


# Ranking by impact order (indexer.impact): the same passages and scores, to the last bit, as
# weighing every posting, whichever of its ways it takes.

tiers = st.tuples(st.integers(0, 2**32), st.sampled_from([1.0, 0.5, 0.05]))


def _subset(docnums: frozenset[int], seed: int, share: float) -> frozenset[int]:
    rng = random.Random(seed)
    return frozenset(d for d in sorted(docnums) if rng.random() < share)


def _weighing_everything(
    searcher: Searcher, terms: list[ScoredTerm], selected: frozenset[int], first: Any, limit: int
) -> list[tuple[int, float]]:
    everything = top_passages(searcher, terms, selected, None, first)
    assert everything is not None
    return everything[:limit]


@settings(max_examples=80, deadline=None)
@given(
    terms=term_choices,
    limit=st.sampled_from([1, 3, 10, 40]),
    tier=tiers,
    first=st.one_of(st.none(), tiers),
    phrase=st.booleans(),
    way=st.sampled_from(["walk", "each"]),
)
def test_impact_ranking_is_weighing_every_posting(
    session: IndexSession,
    terms: list[tuple[str, str]],
    limit: int,
    tier: tuple[int, float],
    first: tuple[int, float] | None,
    phrase: bool,
    way: str,
) -> None:
    searcher = session.searcher
    matching = frozenset(searcher.docs_for_query(Or([Term(f, w) for f, w in terms])))
    selected = _subset(matching, *tier)
    firsts = None if first is None else _subset(matching, *first)
    only = _subset(matching, 5, 0.3) if phrase else None
    scored = [
        ScoredTerm(field, word, only if n == 0 else None) for n, (field, word) in enumerate(terms)
    ]
    weights = [w for w in (_term_weight(searcher, DEFAULT, term) for term in scored) if w]
    with pytest.MonkeyPatch.context() as patch, one_query():
        patch.setattr(impact, "WALK_SHARE", 1)  # the walk never gives up
        patch.setattr(impact, "WALK_SELECTED", 10**9)  # and is taken for any tier
        patch.setattr(impact, "DIRECT_COST", 0 if way == "each" else 10**9)
        found = _impact_top(searcher, weights, selected, limit, firsts)
        expected = _weighing_everything(searcher, scored, selected, firsts, limit)
    assert found == expected  # exactly: the same passages, order and floats


def test_a_common_word_is_ranked_from_few_of_its_postings(session: IndexSession) -> None:
    searcher = session.searcher
    scored = [ScoredTerm("text", "amber"), ScoredTerm("title", "amber")]
    weights = [w for w in (_term_weight(searcher, DEFAULT, term) for term in scored) if w]
    selected = frozenset(searcher.docs_for_query(Term("text", "amber")))
    with pytest.MonkeyPatch.context() as patch, one_query():
        patch.setattr(impact, "WALK_SHARE", 20)  # give up past a twentieth of the postings
        patch.setattr(impact, "DIRECT_COST", 10**9)
        found = _impact_top(searcher, weights, selected, 10, None)
        assert found == _weighing_everything(searcher, scored, selected, None, 10)


def test_lists_without_impact_order_are_weighed_whole(session: IndexSession) -> None:
    searcher = session.searcher
    scored = [ScoredTerm("text", "cedar"), ScoredTerm("text", "delta")]
    selected = frozenset(searcher.docs_for_query(Or([Term("text", "cedar")])))
    with pytest.MonkeyPatch.context() as patch, one_query():
        expected = top_passages(searcher, scored, selected, 10)
        patch.setattr(ranked_postings, "term_impacts", lambda *args: None)
        weights = [w for w in (_term_weight(searcher, DEFAULT, term) for term in scored) if w]
        assert _impact_top(searcher, weights, selected, 10, None) is None
        assert top_passages(searcher, scored, selected, 10) == expected
