"""Two `passages index` runs at once: the second waits for the first, saying so, and both end
cleanly with the index whole; searches keep answering while they write. A second run that waits
too long fails with a clear message (tests/cli/test_index.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from indexer import check_index, search
from tests.test_kill import FILES, write_report


def index_command(index: Path, corpus: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "cli.app", "index", str(corpus), "--index", str(index)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parent.parent,
    )


def test_two_index_runs_at_once_both_end_cleanly(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    for number in range(FILES):
        write_report(corpus, number, 0)
    write_report(corpus / "first", 0, 0)
    assert index_command(index, corpus / "first").wait() == 0  # an index to search meanwhile
    runs = [index_command(index, corpus), index_command(index, corpus)]
    searched = 0
    while any(run.poll() is None for run in runs):
        assert search(index, "harbour", limit=3)
        searched += 1
    outputs = [run.communicate() for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    summaries = sorted(out.split(" — ")[0] for out, _ in outputs)
    assert summaries == [
        f"0 added, 0 updated, 0 removed, {FILES + 1} unchanged, 0 skipped",
        f"{FILES} added, 0 updated, 0 removed, 1 unchanged, 0 skipped",
    ]
    assert sorted(err for _, err in outputs) == [
        "",
        "waiting for another `passages index` to finish…\n",
    ]
    report = check_index(index)
    assert report.healthy and report.files == FILES + 1
    assert searched > 0
