"""`passages check` through the CLI: what it says, what --repair does, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Run


def test_a_matching_index_says_so_and_exits_0(run: Run, corpus: Path) -> None:
    run("index", str(corpus))
    result = run("check")
    assert result.exit_code == 0
    assert result.stdout.startswith("the index at index matches the disk: 3 files, ")


def test_problems_are_listed_with_the_fix_and_exit_1(run: Run, corpus: Path) -> None:
    run("index", str(corpus))
    (corpus / "notes.md").unlink()
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "the index at index does not match the disk:",
        "  1 file gone from disk (`--repair` drops them)",
        "    corpus/notes.md",
        "run `passages check --repair` to fix them",
    ]


def test_repair_fixes_and_exits_0(run: Run, corpus: Path) -> None:
    run("index", str(corpus))
    (corpus / "notes.md").unlink()
    result = run("check", "--repair")
    assert result.exit_code == 0
    assert result.stdout.startswith("repaired; the index at index matches the disk: 2 files")
    assert run("check").exit_code == 0


def test_an_unreadable_index_is_an_error_until_repaired(run: Run, corpus: Path) -> None:
    run("index", str(corpus))
    for toc in Path("index").glob("_MAIN_*.toc"):
        toc.write_bytes(b"garbage")
    result = run("check")
    assert result.exit_code == 2
    assert result.stdout.startswith("the index at index cannot be read: ")
    assert "`passages check --repair`" in result.stdout
    assert run("check", "--repair").exit_code == 0


def test_no_index_is_an_error(run: Run, tmp_path: Path) -> None:
    result = run("check")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: no index at {tmp_path / 'index'} — ")


def test_json_output(run: Run, corpus: Path) -> None:
    run("index", str(corpus))
    [record] = [json.loads(line) for line in run("check", "--json").stdout.splitlines()]
    assert (record["files"], record["missing"], record["problem"]) == (3, [], None)


def test_a_search_on_damaged_index_files_says_so_in_one_line(run: Run, corpus: Path) -> None:
    assert run("index", str(corpus)).exit_code == 0
    for postings in Path("index").glob("*.pst"):
        postings.write_bytes(postings.read_bytes()[:100])
    import subprocess
    import sys

    ran = subprocess.run(
        [sys.executable, "-m", "cli.app", "search", "militia"], capture_output=True, text=True
    )
    assert ran.returncode == 2
    assert ran.stderr.startswith("error: the index cannot be read: its files are damaged")
    assert ran.stderr.count("\n") == 1 and "passages check --repair" in ran.stderr
