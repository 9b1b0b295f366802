"""`passages search` through the CLI: plain output in a pipe, JSON Lines, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from cli import render
from indexer.models import Hit
from tests.cli.conftest import Run


@pytest.fixture
def indexed(run: Run, corpus: Path) -> Path:
    assert run("index", str(corpus)).exit_code == 0
    return corpus


def test_plain_output_names_place_title_date_and_score(run: Run, indexed: Path) -> None:
    result = run("search", "wages night shifts", "--limit", "1")
    assert result.exit_code == 0
    head, excerpt = result.stdout.splitlines()[:2]
    assert head.startswith("corpus/reports/envoy.txt:")
    assert "Envoy Rami al-Saadi Meets Harbour Workers' Union (2024-03-04, score " in head
    assert "wages" in excerpt


def test_json_lines_carry_the_documented_fields(run: Run, indexed: Path) -> None:
    result = run("search", "Saadi", "--json")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    for record in records:
        assert {
            "doc",
            "path",
            "title",
            "date",
            "passage",
            "line_start",
            "line_end",
            "score",
            "text",
            "highlights",
        } <= set(record)
        assert record["date"] == "2024-03-04"
        cut = [record["text"][start:end] for start, end in record["highlights"]]
        assert cut and all("saadi" in word.lower() for word in cut)


def test_nothing_found_exits_1(run: Run, indexed: Path) -> None:
    result = run("search", "zeppelin")
    assert (result.exit_code, result.stdout) == (1, "")


def test_no_index_is_one_error_line(run: Run) -> None:
    result = run("search", "anything")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no index at ")
    assert "run `passages index PATH` first" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_incompatible_index_is_one_error_line(run: Run, indexed: Path) -> None:
    Path("index", "passages.json").write_text('{"format": 0}\n')
    result = run("search", "Saadi")
    assert result.exit_code == 2
    assert "made by another version of passages" in result.stderr
    assert "--rebuild" in result.stderr


def test_a_damaged_format_file_is_said_to_be_damaged(run: Run, indexed: Path) -> None:
    Path("index", "passages.json").write_text('{"format": 9')
    result = run("search", "Saadi")
    assert result.exit_code == 2
    assert "no readable passages.json (damaged or missing)" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "passages check --repair" in result.stderr


@pytest.mark.parametrize(
    "damage", ["{bad", '{"format": 1e400}', "", '{"format": 11, "roots": [1, null]}']
)
def test_check_repair_mends_a_damaged_format_file_from_the_files_the_index_holds(
    run: Run, indexed: Path, damage: str
) -> None:
    before = run("search", "Saadi", "--files").stdout
    Path("index", "passages.json").write_text(damage)
    run("check", "--repair")
    assert run("check").exit_code == 0
    assert run("search", "Saadi", "--files").stdout == before
    assert run("index", str(indexed)).exit_code == 0


def test_empty_query_is_an_error(run: Run, indexed: Path) -> None:
    result = run("search", "  ")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: empty query")


def test_terminal_titles_are_bold_not_dimmed() -> None:
    """Regression: the title was appended to the dimmed rank number and inherited its dim
    style, and the date and score inherited the path's cyan."""
    hit = Hit("/d/a.txt", "/d/a.txt", "A Title", None, 1, 3, 3, 1.5, "a word here", [(2, 6)])
    console = Console(file=io.StringIO(), force_terminal=True, color_system="standard", width=100)
    render.hits(console, [hit])
    render.hits_in_context(console, [(hit, [hit])])
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert shown.count("\x1b[1mA Title\x1b[0m") == 2
    assert "\x1b[2m 1. \x1b[0m" in shown
    assert "\x1b[2m  no date  score 1.50\x1b[0m" in shown
