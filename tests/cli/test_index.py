"""`passages index` through the CLI: summary, exit codes, errors."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Run


def test_index_prints_a_summary(run: Run, corpus: Path) -> None:
    result = run("index", str(corpus))
    assert result.exit_code == 0
    assert result.stdout.startswith("3 added, 0 updated, 0 removed, 0 unchanged, 0 skipped — ")


def test_second_run_reports_all_unchanged(run: Run, corpus: Path) -> None:
    run("index", str(corpus))
    result = run("index", str(corpus))
    assert result.stdout.startswith("0 added, 0 updated, 0 removed, 3 unchanged, 0 skipped")


def test_missing_path_is_one_error_line_and_exit_2(run: Run, tmp_path: Path) -> None:
    result = run("index", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'nowhere'}: no such file or folder\n"


def test_skipped_file_is_listed_and_exit_code_is_2(run: Run, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "blob.txt").write_bytes(b"\x00\x01binary\x00" * 40)
    (tmp_path / "docs" / "ok.txt").write_text("Readable.\n")
    result = run("index", "docs")
    assert result.exit_code == 2
    assert "1 added" in result.stdout
    assert "skipped docs/blob.txt: binary file" in result.stdout


def test_explicit_index_option_wins_over_the_environment(run: Run, corpus: Path) -> None:
    result = run("index", str(corpus), "--index", "elsewhere")
    assert result.exit_code == 0
    assert Path("elsewhere", "passages.json").exists()
    assert not Path("index").exists()
