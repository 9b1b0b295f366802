"""Crash safety: `index` killed (SIGKILL) at random moments, again and again, on one core and
with worker processes, while files change between runs and during rebuilds. After every kill
the index opens and answers a query, and nothing holds the write lock; a last run then yields
exactly the documents and passages of a run that was never interrupted."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from indexer import check_index, search, store

KILLS = 10
FILES = 400
WORDS = "militia envoy harbour union quota water board talks ceasefire cooperative".split()  # noqa: SIM905
# The script run and killed: frequent commits, workers even for a small corpus.
TARGET = """
import sys
from pathlib import Path
from indexer import build
build.PARALLEL_BYTES = 0
build.index_paths(
    Path(sys.argv[1]), [sys.argv[2]], rebuild=sys.argv[4] == "rebuild", wait_seconds=10,
    limits=build.Limits(processes=int(sys.argv[3]), commit_bytes=150_000, commit_seconds=0.5),
)
"""


def write_report(root: Path, number: int, version: int) -> None:
    """A report of a few kilobytes, every one about the harbour; `version` changes its text."""
    chooser = random.Random(number * 100 + version)
    paragraphs = [
        " ".join(chooser.choice(WORDS) for _ in range(60)) + f" report {number} v{version}."
        for _ in range(8)
    ]
    path = root / f"batch{number % 10}" / f"report-{number:04d}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"Report {number}\n\n" + "\n\n".join(paragraphs) + "\n\nharbour\n")


def run(index: Path, corpus: Path, processes: int = 2, mode: str = "") -> subprocess.Popen[bytes]:
    arguments = [str(index), str(corpus), str(processes), mode]
    return subprocess.Popen([sys.executable, "-c", TARGET, *arguments])


def passages(index: Path) -> list[tuple[str, int, str]]:
    with store.open_index(index).searcher() as searcher:
        found = [
            (fields["doc"], fields["passage"], fields["text"])
            for fields in searcher.all_stored_fields()
            if "text" in fields
        ]
    return sorted(found)


def test_index_killed_at_random_moments_stays_readable_and_finishes(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    for number in range(FILES):
        write_report(corpus, number, 0)
    began = time.monotonic()
    assert run(index, corpus).wait() == 0
    duration = time.monotonic() - began
    chooser = random.Random(11)
    for kill in range(KILLS):
        if kill % 2:
            process = run(index, corpus, processes=1 + kill % 4 // 2, mode="rebuild")
        else:  # a third of the files change
            for number in range(kill % 3, FILES, 3):
                write_report(corpus, number, kill + 1)
            process = run(index, corpus, processes=1 + kill % 4 // 2)
        time.sleep(chooser.uniform(0.2, duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert search(index, "harbour", limit=5)  # opens, answers
    assert run(index, corpus).wait() == 0  # the lock was free: no orphan held it
    assert run(tmp_path / "reference", corpus).wait() == 0
    assert passages(index) == passages(tmp_path / "reference")
    report = check_index(index)
    assert report.healthy and report.files == FILES
    leftovers = [p.name for p in index.iterdir() if p.name.endswith(".tmp") or ".toc." in p.name]
    assert leftovers == []
