"""`passages index` through the CLI: summary, skips by reason, exit codes, options, errors."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console

from cli import ingest
from cli.progress import IndexProgress
from indexer import check_index, store
from indexer.extract import reading
from tests.cli.conftest import Run


def test_index_prints_a_summary(run: Run, corpus: Path) -> None:
    result = run("index", str(corpus))
    assert result.exit_code == 0
    assert result.stdout.startswith("3 added, 0 updated, 0 removed, 0 unchanged, 0 skipped — ")
    assert result.stderr == ""  # no progress bar when stderr is not a terminal


def test_a_terminal_gets_a_progress_bar_and_a_pipe_none() -> None:
    shown = io.StringIO()
    with IndexProgress(Console(file=shown, force_terminal=True, width=100)) as progress:
        progress.start(2, 2_000)
        progress.advance("/data/report\x1b[31m.txt", 1_000)
        progress.advance("/data/notes.txt", 1_000)
    assert "indexing" in shown.getvalue() and "2/2 files" in shown.getvalue()
    assert "report\x1b" not in shown.getvalue()  # a file name's escape codes are not sent
    piped = io.StringIO()
    with IndexProgress(Console(file=piped, force_terminal=False)) as progress:
        progress.start(2, 2_000)
        progress.advance("/data/notes.txt", 1_000)
    assert piped.getvalue() == ""


def test_second_run_reports_all_unchanged(run: Run, corpus: Path) -> None:
    run("index", str(corpus))
    result = run("index", str(corpus))
    assert result.stdout.startswith("0 added, 0 updated, 0 removed, 3 unchanged, 0 skipped")


def test_a_touched_file_is_read_again_and_said_unchanged(run: Run, corpus: Path) -> None:
    run("index", str(corpus))
    path = corpus / "statement.txt"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    result = run("index", str(corpus))
    assert result.stdout.startswith(
        "0 added, 0 updated, 0 removed, 3 unchanged (1 with a new time, same content), 0 skipped"
    )


def test_missing_path_is_one_error_line_and_exit_2(run: Run, tmp_path: Path) -> None:
    result = run("index", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'nowhere'}: no such file or folder\n"


def test_binary_file_is_counted_by_reason_and_listed_with_verbose_only(
    run: Run, tmp_path: Path
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "blob.txt").write_bytes(b"\x00\x01binary\x00" * 40)
    (tmp_path / "docs" / "ok.txt").write_text("Readable.\n")
    quiet = run("index", "docs", "--index", "one")
    assert quiet.exit_code == 0
    assert quiet.stdout.startswith("1 added, 0 updated, 0 removed, 0 unchanged, 1 skipped (binary")
    assert "skipped docs/blob.txt" not in quiet.stdout
    verbose = run("index", "docs", "--index", "two", "--verbose")
    assert "  skipped docs/blob.txt: binary file\n" in verbose.stdout


def test_file_skipped_for_an_error_is_listed_and_exit_code_is_2(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "secret.txt").write_text("Private.\n")
    (tmp_path / "docs" / "ok.txt").write_text("Readable.\n")
    real_open = open

    def refuse(file: object, mode: str = "r", **options: object) -> object:
        if str(file).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, mode, **options)  # type: ignore[call-overload]

    monkeypatch.setattr(reading, "open", refuse, raising=False)
    result = run("index", "docs")
    assert result.exit_code == 2
    assert "1 added" in result.stdout and "1 skipped (permission denied: 1)" in result.stdout
    assert "  skipped docs/secret.txt: permission denied\n" in result.stdout


def test_explicit_index_option_wins_over_the_environment(run: Run, corpus: Path) -> None:
    result = run("index", str(corpus), "--index", "elsewhere")
    assert result.exit_code == 0
    assert Path("elsewhere", "passages.json").exists()
    assert not Path("index").exists()


def test_include_and_exclude_choose_files(run: Run, tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "drafts/c.txt", "keep/d.txt"):
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(f"Text of {name}.\n")
    result = run("index", "docs", "--include", "*.txt", "--exclude", "drafts/**")
    assert result.stdout.startswith("2 added")
    listed = run("search", "text", "--json")
    assert sorted(Path(json.loads(line)["path"]).name for line in listed.stdout.splitlines()) == [
        "a.txt",
        "d.txt",
    ]


def test_field_option_maps_collection_keys(run: Run, tmp_path: Path) -> None:
    records = [
        {"newid": "7", "body": "Cocoa prices rose in Bahia.", "date": "26-FEB-1987 15:01:01.79"},
        {"newid": "8", "title": "ONLY A TITLE"},
    ]
    (tmp_path / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    result = run("index", "news.jsonl", "--field", "id=newid", "--field", "text=body")
    assert result.exit_code == 0
    [hit] = [json.loads(line) for line in run("search", "cocoa", "--json").stdout.splitlines()]
    assert (hit["doc"], hit["date"]) == ("7", "1987-02-26")
    assert json.loads(run("search", "title", "--json").stdout.splitlines()[0])["doc"] == "8"


def test_mentions_in_a_json_lines_file_are_grouped_by_record(run: Run, tmp_path: Path) -> None:
    """A JSON Lines file holds many documents under one path: each is listed once, with its
    passages together, though their passage numbers interleave."""
    body = "Ada Lovelace wrote notes.\n\nLater, Ada Lovelace met Babbage.\n\nNothing here."
    records = [{"newid": str(n), "body": body, "date": "1843-07-01"} for n in (10, 9, 11)]
    (tmp_path / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    indexed = run("index", "wire.jsonl", "--field", "id=newid", "--field", "text=body")
    assert indexed.exit_code == 0, indexed.stderr
    listed = run("mentions", "Ada Lovelace", "--json").stdout
    found = [json.loads(line) for line in listed.splitlines()]
    assert [(m["doc"], m["passage"]) for m in found] == [
        ("10", 1), ("10", 2), ("9", 1), ("9", 2), ("11", 1), ("11", 2)
    ]  # fmt: skip
    shown = run("mentions", "Ada Lovelace").stdout
    assert shown.count("1843-07-01") == 3


def test_field_option_must_be_name_equals_key(run: Run, corpus: Path) -> None:
    result = run("index", str(corpus), "--field", "body")
    assert result.exit_code == 2
    assert "'body' is not NAME=KEY" in result.stderr


def test_a_run_that_waits_too_long_fails_clearly(run: Run, corpus: Path, tmp_path: Path) -> None:
    run("index", str(corpus))
    with store.write_lock(store.open_index(tmp_path / "index")):
        began = time.monotonic()
        result = run("index", str(corpus), "--wait", "0.5")
    assert 0.5 <= time.monotonic() - began < 5
    assert result.exit_code == 2
    assert result.stderr == (
        "waiting for another `passages index` to finish…\n"
        f"error: another `passages index` is writing to {tmp_path / 'index'} (waited 0.5 s)"
        " — wait for it to finish, or give it longer with --wait SECONDS\n"
    )
    assert os.listdir(tmp_path / "index")


def test_the_summary_counts_a_collections_records(run: Run, tmp_path: Path) -> None:
    """Regression: indexing one JSON Lines file of many records said only `1 added`, so the
    summary never told how many records went in."""
    lines = [json.dumps({"id": f"r{n}", "text": f"Record {n} on quotas."}) for n in range(5)]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    result = run("index", "feed.jsonl")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "1 added, 0 updated, 0 removed, 0 unchanged, 0 skipped — 5 documents, 5 passages in "
    )


def test_ctrl_c_ends_a_run_with_130_and_one_line_and_the_next_run_finishes(
    tmp_path: Path,
) -> None:
    """Ctrl-C reaches the whole process group (the workers too), as from a terminal."""
    folder = tmp_path / "many"
    folder.mkdir()
    words = ["harbour", "envoy", "ledger", "quota", "ceasefire", "militia"]
    for number in range(1500):  # 4.5 MB: enough for the forked workers and a few seconds
        text = " ".join(words[(number + i) % len(words)] for i in range(500))
        (folder / f"report-{number}.txt").write_text(f"Report {number}\n\n{text}\n")
    location = tmp_path / "index"
    command = [sys.executable, "-c", "from cli.app import main; main()", "index", str(folder)]
    process = subprocess.Popen(
        [*command, "--index", str(location)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509
    )
    while not location.exists() and process.poll() is None:
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGINT)
    out, errors = process.communicate(timeout=60)
    assert process.returncode == 130
    assert errors.splitlines() == [ingest.INTERRUPTED]
    assert out == ""
    done = subprocess.run([*command, "--index", str(location)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    report = check_index(location)
    assert report.healthy and report.files == 1500
