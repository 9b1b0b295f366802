"""Ranked search: hits carry exact places, dates and highlights; raw user text never breaks it."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import IndexSession, search
from indexer.errors import BadQuery, IndexMissing
from indexer.highlight import MatchSpans


def test_hit_knows_its_lines_date_and_title(built: Path, corpus: Path) -> None:
    hits = search(built, "union wages")
    top = hits[0]
    assert top.path == str(corpus / "reports" / "envoy.txt")
    assert top.title == "Envoy Rami al-Saadi Meets Harbour Workers' Union"
    assert top.date == "2024-03-04"
    lines = (corpus / "reports" / "envoy.txt").read_text().splitlines()
    shown = "\n".join(lines[top.line_start - 1 : top.line_end])
    assert shown.strip() == top.text


def test_highlights_cut_exactly_the_matched_words(built: Path) -> None:
    for hit in search(built, "meeting militias"):
        words = [hit.text[start:end].lower() for start, end in hit.highlights]
        assert words and all(word.startswith(("meet", "militia")) for word in words)


def test_stemming_finds_other_forms(built: Path) -> None:
    assert any("meetings" in hit.text for hit in search(built, "meeting"))
    assert any("militia" in hit.text for hit in search(built, "militias"))


def test_passage_with_more_query_words_ranks_first(built: Path) -> None:
    hits = search(built, "ceasefire quota dispute")
    assert "ceasefire in the quota dispute" in hits[0].text


def test_limit(built: Path) -> None:
    assert len(search(built, "the meeting talks union", limit=2)) == 2


@pytest.mark.parametrize(
    "query",
    [
        "Al-Saadi's",
        "Shi'ite",
        '"unbalanced quote',
        "pic.twitter.com/baPjLPqvwb",
        "@shahokurdy",
        "a:b",
        "(((",
        "NOT",
        "*",
        "[a TO",
        "^",
        "title:",
        "قيس الخزعلي",
        "~2",
        "\x00",
    ],
)
def test_raw_user_text_never_raises(built: Path, query: str) -> None:
    search(built, query)


def test_possessive_name_finds_the_name(built: Path) -> None:
    assert any("Saadi" in hit.text for hit in search(built, "Al-Saadi's"))


def test_empty_query_is_a_bad_query(built: Path) -> None:
    with pytest.raises(BadQuery):
        search(built, "   ")


def test_no_index_says_so(tmp_path: Path) -> None:
    with pytest.raises(IndexMissing) as caught:
        search(tmp_path / "none", "anything")
    assert "passages index" in (caught.value.hint or "")


def test_session_sees_new_commits_after_refresh(built: Path, corpus: Path) -> None:
    from indexer import index_paths
    from tests.conftest import write

    with IndexSession(built) as session:
        assert session.search("lighthouse") == []
        write(corpus / "new.txt", "The lighthouse was repainted.\n")
        index_paths(built, [corpus])
        session.refresh()
        assert len(session.search("lighthouse")) == 1


def test_one_word_query_is_ranked(tmp_path: Path) -> None:
    """Regression: Whoosh's coordination bonus zeroed the score of one-term queries."""
    from indexer import index_paths
    from tests.conftest import write

    write(tmp_path / "d" / "many.txt", "Lanterns, lanterns and more lanterns in the hall.\n")
    write(tmp_path / "d" / "one.txt", "A lantern stood by the long and winding garden path.\n")
    index_paths(tmp_path / "ix", [tmp_path / "d"])
    hits = search(tmp_path / "ix", "lanterns")
    assert [Path(hit.path).name for hit in hits] == ["many.txt", "one.txt"]
    assert hits[0].score > hits[1].score > 0


def test_hit_carries_the_passage_offsets_in_its_document(built: Path, corpus: Path) -> None:
    text = (corpus / "reports" / "envoy.txt").read_text()
    for hit in search(built, "Saadi"):
        assert text[hit.char_start : hit.char_end] == hit.text


def test_a_text_filed_twice_is_one_hit_naming_its_copy_when_asked(tmp_path: Path) -> None:
    from indexer import index_paths
    from tests.conftest import write

    story = "The lighthouse keepers met on Monday.\n\nThe lighthouse  stays lit\nall winter.\n"
    write(tmp_path / "d" / "a.txt", "Harbour news\n\n" + story)
    write(tmp_path / "d" / "copy" / "b.txt", "Harbour news\n\n" + story.replace("  ", " "))
    write(tmp_path / "d" / "c.txt", "Another lighthouse, far away, stays dark.\n")
    write(tmp_path / "d" / "other.txt", "Valley news\n\nThe lighthouse keepers met on Monday.\n")
    index_paths(tmp_path / "ix", [tmp_path / "d"])
    with IndexSession(tmp_path / "ix") as session:
        every = session.find("lighthouse", limit=10).hits
        folded = session.find("lighthouse", limit=10, fold_copies=True).hits
        first = session.find("lit winter", limit=1, fold_copies=True).hits
    assert len(every) == 6 and all(not hit.copies for hit in every)
    assert len(folded) == 4  # other.txt's passage has the same words under another title
    assert {Path(hit.path).name for hit in folded} <= {"a.txt", "b.txt", "c.txt", "other.txt"}
    copied = [hit for hit in folded if hit.copies]
    assert len(copied) == 2
    for hit in copied:
        [copy] = hit.copies
        assert {Path(hit.path).name, Path(copy.path).name} == {"a.txt", "b.txt"}
        assert copy.line_start == hit.line_start and copy.passage == hit.passage
    [hit] = first
    assert len(hit.copies) == 1 and "stays lit" in hit.text


@pytest.mark.parametrize(("first", "last"), [(1, 3), (4, 6), (28, 40), (31, 35), (1, 100)])
def test_a_range_of_a_documents_passages_comes_in_order(
    tmp_path: Path, first: int, last: int
) -> None:
    from indexer import index_paths
    from tests.conftest import write

    write(
        tmp_path / "d" / "long.txt",
        "".join(f"Paragraph {n} of the long file.\n\n" for n in range(1, 31)),
    )
    write(tmp_path / "d" / "short.txt", "Paragraph one of the short file.\n")
    index_paths(tmp_path / "ix", [tmp_path / "d"])
    with IndexSession(tmp_path / "ix") as session:
        [hit] = session.search('"paragraph 5"', limit=1)
        found = session.passages(hit.doc, first, last, MatchSpans())
    assert [passage.passage for passage in found] == list(range(first, min(last, 30) + 1))
    assert all(f"Paragraph {p.passage} of the long" in p.text for p in found)
