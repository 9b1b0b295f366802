"""`passages show DOC[#PASSAGE]`: a passage in full with its neighbours and line numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.search_corpus import write_search_corpus


@pytest.fixture
def indexed(run: Run, tmp_path: Path) -> Path:
    corpus = write_search_corpus(tmp_path / "corpus")
    assert run("index", "corpus").exit_code == 0
    return corpus


def test_show_a_passage_with_its_neighbours(run: Run, indexed: Path) -> None:
    result = run("show", "corpus/news/2023-04-13-nakhala.txt#3", "-C", "1")
    assert result.exit_code == 0
    assert result.stdout == (
        "Islamic Jihad Delegation Visits Baghdad\n"
        "corpus/news/2023-04-13-nakhala.txt  2023-04-13  passage 3 of 4\n"
        "\n"
        " 4 │ Ziyad al-Nakhala led the delegation to Baghdad.\n"
        "\n"
        ">6 │ An Iraqi militia threatened to launch drones at targets in Israel.\n"
        "\n"
        " 8 │ The Islamic Jihad movement thanked its hosts.\n"
    )


def test_show_the_passage_at_a_path_and_line_as_search_prints_it(run: Run, indexed: Path) -> None:
    found = run("search", '"launch drones"', "--grep").stdout.splitlines()[0]
    where = ":".join(found.split(":")[:2])
    assert where == "corpus/news/2023-04-13-nakhala.txt:6"
    for ref in (where, where + ":", ":".join(found.split(":")[:3])):  # PATH:LINE:COLUMN
        result = run("show", ref, "-C", "0")
        assert result.exit_code == 0
        assert ">6 │ An Iraqi militia threatened to launch drones" in result.stdout
    result = run("show", "corpus/news/2023-04-13-nakhala.txt:99")
    assert result.exit_code == 2 and "has no passage at line 99" in result.stderr
    blank = run("show", "corpus/news/2023-04-13-nakhala.txt:5", "-C", "0")  # between two
    assert ">6 │ An Iraqi militia" in blank.stdout


def test_show_by_absolute_path_and_query(run: Run, indexed: Path) -> None:
    path = indexed / "news" / "2023-01-13-khazali.txt"
    result = run("show", str(path), "--query", "pledged", "-C", "0")
    assert result.stdout.splitlines()[1:] == [
        "corpus/news/2023-01-13-khazali.txt  2023-01-13  passage 3 of 4",
        "",
        ">6 │ The militia leader pledged support for the Palestinian cause.",
    ]


def test_a_query_no_passage_matches_opens_the_first_and_says_so(run: Run, indexed: Path) -> None:
    result = run("show", "corpus/news/2023-01-13-khazali.txt", "--query", "zeppelin", "-C", "0")
    assert result.exit_code == 0
    assert "passage 1 of 4" in result.stdout
    assert "no passage of this document matches 'zeppelin'" in result.stderr
    matched = run("show", "corpus/news/2023-01-13-khazali.txt", "--query", "pledged")
    assert matched.stderr == ""


def test_first_passage_lines_are_numbered_each(run: Run, indexed: Path) -> None:
    result = run("show", "corpus/sport/match.txt", "-C", "0")
    assert result.stdout.splitlines()[-3:] == [
        ">1 │ Harbour Cup Final",
        ">2 │",
        ">3 │ The harbour workers' team won the cup.",
    ]


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("nowhere.txt", "error: no document nowhere.txt in the index — give a path or a document"),
        ("corpus/sport/match.txt#9", "error: corpus/sport/match.txt has no passage 9 — its"),
        # Regression: #0 showed passage 1, as if no passage had been asked for.
        ("corpus/sport/match.txt#0", "error: corpus/sport/match.txt has no passage 0 — its"),
    ],
)
def test_show_errors(run: Run, indexed: Path, ref: str, message: str) -> None:
    result = run("show", ref)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)


def test_a_line_several_passages_hold_opens_the_one_the_query_matches(
    run: Run, tmp_path: Path
) -> None:
    """A record of a collection is one line of its file: PATH:LINE with --query opens the
    passage of it that the query matches (it had opened the first, whatever was asked)."""
    record = {
        "id": "r1",
        "title": "Harbour news",
        "text": "The harbour opened.\n\nThe lighthouse keeper waved.\n\nThe ferry left.",
    }
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "c.jsonl").write_text(json.dumps(record) + "\n")
    assert run("index", "docs").exit_code == 0
    asked = run("show", "docs/c.jsonl:1", "--query", "lighthouse", "-C", "0")
    assert "passage 2 of 3" in asked.stdout and ">1 │ The lighthouse keeper waved." in asked.stdout
    first = run("show", "docs/c.jsonl:1", "-C", "0")
    assert "passage 1 of 3" in first.stdout
