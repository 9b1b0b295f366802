"""Each operator and filter of the query language through `passages search`, in a pipe."""

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


def found(run: Run, *args: str) -> list[str]:
    """The texts of the passages `passages search ARGS --json` returns, in order."""
    result = run("search", *args, "--json", "--limit", "50")
    assert result.exit_code in (0, 1), result.stderr
    return [json.loads(line)["text"] for line in result.stdout.splitlines()]


RAJOUB = "Qais al-Khazali met Jibril Rajoub in Baghdad on Monday."
NAKHALA = "Ziyad al-Nakhala led the delegation to Baghdad."
MILITIA = "An Iraqi militia threatened to launch drones at targets in Israel."
DRONES = "Drones were not discussed, but Israel was."
CEASEFIRE = "Ceasefire talks in Baghdad stalled again."


def test_plain_words(run: Run, indexed: Path) -> None:
    texts = found(run, "militia drones Israel")
    assert texts[0] == MILITIA and DRONES in texts


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "Nakhala OR Rajoub",
            {RAJOUB, NAKHALA, "Khazali Meets Rajoub in Baghdad\nJanuary 13, 2023"},
        ),
        ("drones AND Israel", {MILITIA, DRONES}),
        ('"harbour workers"', {"Harbour Cup Final\n\nThe harbour workers' team won the cup."}),
        ('"Israel drones"~5', {MILITIA, DRONES}),
        ("nakh*", {NAKHALA}),
        ("Rajb~2 Monday", {RAJOUB, "Khazali Meets Rajoub in Baghdad\nJanuary 13, 2023"}),
        ("title:jihad drones", {MILITIA}),
        ("path:notes/*.md", {"Draft notes\n2024-02-01", CEASEFIRE}),
        ("Baghdad path:*draft*", {CEASEFIRE}),
    ],
)
def test_operator(run: Run, indexed: Path, query: str, expected: set[str]) -> None:
    assert set(found(run, query)) == expected


@pytest.mark.parametrize("query", ["Baghdad -ceasefire", "Baghdad NOT ceasefire"])
def test_not(run: Run, indexed: Path, query: str) -> None:
    texts = found(run, query)
    assert len(texts) == 4 and CEASEFIRE not in texts


def test_words_given_as_several_arguments_are_one_query(run: Run, indexed: Path) -> None:
    """Regression: `passages search Nakhala OR Rajoub` failed with "unexpected extra
    arguments"; words typed without quotes are the query they spell."""
    assert found(run, "Nakhala", "OR", "Rajoub") == found(run, "Nakhala OR Rajoub")
    assert found(run, "--", "-Baghdad", "talks") == found(run, "--", "-Baghdad talks")


def test_leading_minus_after_double_dash(run: Run, indexed: Path) -> None:
    result = run("search", "--count", "--", "-Baghdad")
    assert (result.exit_code, result.stdout) == (0, "7\n")


def test_pure_negative_query_lists_passages_not_file_records(run: Run, indexed: Path) -> None:
    result = run("search", "NOT Baghdad", "--json")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 7 and all(record["text"] for record in records)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--since", "2023-04"], 3),
        (["--until", "2023-01-31"], 2),
        (["--since", "2023", "--until", "2023"], 4),
        (["--since", "2025"], 0),
    ],
)
def test_date_filters(run: Run, indexed: Path, options: list[str], expected: int) -> None:
    result = run("search", "Baghdad", "--count", *options)
    assert result.stdout == f"{expected}\n"
    assert result.exit_code == (0 if expected else 1)


def test_bad_date_is_an_error_with_a_hint(run: Run, indexed: Path) -> None:
    result = run("search", "Baghdad", "--since", "yesterday")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: not a date: 'yesterday' — give a year, a month or a day: "
        "2023, 2023-04 or 2023-04-13\n"
    )


@pytest.mark.parametrize("query", ['"harbour workers', "(harbour", "harbour OR", "title:"])
def test_unreadable_query_falls_back_to_words_with_a_notice(
    run: Run, indexed: Path, query: str
) -> None:
    result = run("search", query)
    assert "Traceback" not in result.output
    assert result.stderr.startswith("could not read the query (")
    assert result.stderr.endswith("): searched for its words instead\n")
    assert result.exit_code == (1 if query == "title:" else 0)


def test_nothing_to_search_for_is_told_on_stderr(run: Run, indexed: Path) -> None:
    for extra in ([], ["--count"], ["--json"]):
        result = run("search", "the", *extra)
        assert result.exit_code == 1 and result.stdout in ("", "0\n")
        assert result.stderr.startswith("nothing to search for: ")


def test_did_you_mean_on_stderr_and_nothing_on_stdout(run: Run, indexed: Path) -> None:
    for extra in ([], ["--json"]):
        result = run("search", "Rajoob", *extra)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == "did you mean: Rajoub ?\n"


def test_files_and_documents_leave_out_the_documents_a_not_names(run: Run, indexed: Path) -> None:
    """`--files 'militia -Israel'` lists files that never name Israel: one passage of the
    Khazali report is about the militia without Israel, another names Israel."""
    passages = found(run, "militia -Israel")
    assert passages == ["The militia leader pledged support for the Palestinian cause."]
    files = run("search", "--files", "--", "militia -Israel")
    assert (files.exit_code, files.stdout) == (1, "")
    assert run("search", "--count", "--by", "document", "--", "militia -Israel").stdout == "0\n"
    assert run("search", "--count", "--", "militia -Israel").stdout == "1\n"
    assert run("search", "--files", "--", "militia -ceasefire").stdout.count("\n") == 2
