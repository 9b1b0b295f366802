"""Did-you-mean's look through the vocabulary (indexer.vocabulary) finds exactly the terms a
brute-force comparison with every term of the same first letter finds."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.support.levenshtein import distance

from indexer import IndexSession, index_paths
from indexer.vocabulary import Vocabulary

WORDS = [
    "khazali",
    "khazaly",
    "kazali",
    "khazal",
    "rajoub",
    "rajab",
    "rajoubs",
    "meeting",
    "meetings",
    "mediate",
    "militia",
    "militias",
    "military",
    "malitia",
    "harbour",
    "harbor",
    "harbours",
    "union",
    "unions",
    "onion",
]


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexSession]:
    root = tmp_path_factory.mktemp("vocabulary")
    records = [{"_id": str(n), "text": f"{word} and more"} for n, word in enumerate(WORDS)]
    (root / "words.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    index_paths(root / "index", [root / "words.jsonl"])
    with IndexSession(root / "index") as opened:
        yield opened


def brute_force(reader: object, word: str, edits: int) -> set[tuple[str, int]]:
    terms = [t.decode() for t in reader.expand_prefix("text", word[:1])]  # type: ignore[attr-defined]
    return {(t, d) for t in terms if (d := distance(word, t)) <= edits}


@settings(max_examples=80, deadline=None)
@given(
    word=st.one_of(st.sampled_from(WORDS), st.text("abhijklmnorstuyz", min_size=1, max_size=9)),
    edits=st.integers(1, 2),
)
def test_near_finds_what_comparing_every_term_finds(
    session: IndexSession, word: str, edits: int
) -> None:
    reader = session.searcher.reader()
    found = set(Vocabulary(reader).near("text", word, edits))
    assert found == brute_force(reader, word, edits)


def test_a_misspelt_word_is_suggested(session: IndexSession) -> None:
    assert session.find("rajuob").suggestions[:1] == ["rajoub"]
