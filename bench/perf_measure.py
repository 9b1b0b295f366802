"""Measurements for bench/perf.py: commands timed from the shell with the peak memory of their
whole process tree, SQLite FTS5 fed the same passages, query latencies in one process."""

from __future__ import annotations

import os
import re
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.perf_corpus import Passages

ROOT = Path(__file__).resolve().parent.parent
PASSAGES = ROOT / ".venv" / "bin" / "passages"
SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Run:
    """A command run from the shell: wall time, peak resident memory of it and its children
    (summed, sampled every SAMPLE_SECONDS), exit code and output."""

    seconds: float
    peak_rss_mb: float
    code: int
    stdout: str
    stderr: str


def run_command(arguments: Sequence[str], cwd: Path | None = None) -> Run:
    began = time.perf_counter()
    process = subprocess.Popen(
        list(arguments), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    sampler = _RssSampler(process.pid)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - began
    sampler.stop()
    return Run(seconds, sampler.peak / 1024, process.returncode, stdout, stderr)


def passages_command(*arguments: str) -> list[str]:
    return [str(PASSAGES), *arguments]


class _RssSampler(threading.Thread):
    """The largest sum of VmRSS over a process and its descendants."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0  # kB
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            self.peak = max(self.peak, sum(_rss_kb(pid) for pid in _tree(self.pid)))
            self.stopping.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self.stopping.set()
        self.join()


def _tree(pid: int) -> list[int]:
    found = [pid]
    for current in found:
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    found.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return found


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def folder_bytes(path: Path) -> int:
    return sum(entry.stat().st_size for entry in path.rglob("*") if entry.is_file())


def fts5_seconds(passages: Passages, database: Path) -> float:
    """Seconds for SQLite FTS5 (porter, unicode61) to index the same passages, committed."""
    if database.exists():
        database.unlink()
    connection = sqlite3.connect(database)
    began = time.perf_counter()
    connection.execute(
        "CREATE VIRTUAL TABLE passages USING fts5("
        "doc UNINDEXED, title, text, tokenize='porter unicode61')"
    )
    connection.executemany("INSERT INTO passages VALUES (?, ?, ?)", passages.rows)
    connection.commit()
    seconds = time.perf_counter() - began
    connection.close()
    return seconds


def fts5_query_ms(database: Path, queries: Sequence[str], runs: int) -> list[float]:
    """Warm FTS5 latencies with snippets, for the same queries made FTS5 syntax."""
    connection = sqlite3.connect(database)
    sql = (
        "SELECT doc, snippet(passages, 2, '[', ']', '…', 24) FROM passages "
        "WHERE passages MATCH ? ORDER BY bm25(passages) LIMIT 10"
    )
    timings = []
    for query in queries:
        match = _fts5_query(query)
        connection.execute(sql, (match,)).fetchall()
        for _ in range(runs):
            began = time.perf_counter()
            connection.execute(sql, (match,)).fetchall()
            timings.append((time.perf_counter() - began) * 1000)
    connection.close()
    return timings


def _fts5_query(query: str) -> str:
    """Our query in FTS5's syntax: words quoted, phrases, brackets and operators as they are."""
    tokens = re.findall(r'"[^"]*"|[()]|[^\s()]+', query)
    operators = {"AND", "OR", "NOT", "(", ")"}
    return " ".join(t if t in operators or t.startswith('"') else f'"{t}"' for t in tokens)


def latencies_ms(call: Callable[[str], object], queries: Sequence[str], runs: int) -> list[float]:
    """Each query once to warm up, then `runs` timed calls of each."""
    timings = []
    for query in queries:
        call(query)
        for _ in range(runs):
            began = time.perf_counter()
            call(query)
            timings.append((time.perf_counter() - began) * 1000)
    return timings


def percentile(values: Sequence[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def load_average() -> tuple[float, float, float]:
    return os.getloadavg()


PROBE = "import asyncio, json, email.parser; sum(i * i for i in range(300_000))"


def speed_probe(runs: int = 7) -> float:
    """Seconds a fixed start and stretch of Python takes in a new process (the median of
    `runs`): a yardstick for comparing runs on a machine whose speed varies."""
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", PROBE], check=True)
        seconds.append(time.perf_counter() - began)
    return round(statistics.median(seconds), 3)


def machine() -> dict[str, object]:
    """CPU model, cores and memory of this machine."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory = next(
            int(line.split()[1]) // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration, ValueError):
        memory = 0
    return {"cpu": model, "cores": os.cpu_count(), "memory_mb": memory}
