"""How fast passages indexes and answers, beside SQLite FTS5 and ripgrep (issue 6), in one run.

    .venv/bin/python bench/perf.py [CORPUS] [--sizes 10000,100000] [--field NAME=KEY ...]
                                   [--files 20000] [--runs 20] [--json PATH] [--work DIR]

CORPUS is a JSON Lines collection (.jsonl, .jsonl.gz) or a folder of documents; the default is
the blog corpus of ../shared, measured at 10,000 and 100,000 posts. The command exits 2 when
../shared is not there and no corpus is named. For each size:
- indexing, as `passages index` from the shell: MB of passage text per second, passages per
  second, the peak resident memory of the command and its workers together, index size;
- SQLite FTS5 (porter, unicode61) fed the same passages (as passages splits them), and the
  ratio of the two rates;
- query latency, warm in one process (IndexSession, highlights included) over a fixed set of
  single words, rare names, common words, phrases and boolean queries, with FTS5's beside it;
  and cold, as `passages search` from the shell;
- `passages mentions NAME` from the shell and warm (IndexSession.mentions), beside `rg -i NAME`
  over the same text.
Then a folder of 20,000 files made from the corpus is indexed, and indexed again unchanged.
The figures are printed as a table with the targets of issue 6, and written as JSON (by default
bench/out/perf-CORPUS.json). Run it when the machine is otherwise quiet: the load average is
recorded before and after, and so is a speed probe (a fixed start and stretch of Python in a
new process), to compare runs on a machine whose speed varies.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.perf_corpus import (  # noqa: E402
    Passages,
    corpus_passages,
    is_collection,
    write_file_folder,
    write_subset,
)
from bench.perf_measure import (  # noqa: E402
    folder_bytes,
    fts5_query_ms,
    fts5_seconds,
    latencies_ms,
    load_average,
    machine,
    median,
    passages_command,
    percentile,
    run_command,
    speed_probe,
)
from indexer.extract import ExtractOptions  # noqa: E402

SHARED = ROOT.parent / "shared"
DEFAULT_CORPUS = SHARED / "corpora" / "blogs-100k.jsonl.gz"
DEFAULT_SIZES = (10_000, 100_000)
QUERIES = {
    "single word": ["weather", "music", "school", "oil"],
    "rare name": ["Winnipeg", "Volcker", "Schwarzenegger", "Yeutter"],
    "common word": ["time", "people", "good", "year"],
    "phrase": ['"last week"', '"interest rates"', '"new york"'],
    "boolean": [
        "oil AND prices",
        "music OR movie",
        "school NOT college",
        "(bush OR kerry) AND war",
    ],
}
COLD_QUERIES = ["weather", "Volcker", "people", '"last week"', "oil AND prices"]
NAMES = ["George Bush", "Kerry", "Michael Moore", "Volcker", "James Baker"]
TARGETS = {
    "index_mb_s": (">=", 4.0),
    "fts5_ratio": (">=", 0.2),
    "peak_rss_mb": ("<=", 500.0),
    "noop_seconds": ("<=", 1.0),
    "warm_p50_ms": ("<=", 10.0),
    "warm_p95_ms": ("<=", 50.0),
    "cold_search_s": ("<=", 0.25),
    "mentions_cold_s": ("<=", 0.3),
    "mentions_warm_ms": ("<=", 20.0),
}


def main() -> int:
    args = _arguments()
    corpus = Path(args.corpus) if args.corpus else DEFAULT_CORPUS
    if not corpus.exists():
        where = "../shared is not here" if not args.corpus else "no such file or folder"
        print(f"error: {corpus}: {where} — name a corpus: bench/perf.py PATH", file=sys.stderr)
        return 2
    options = ExtractOptions(fields=dict(pair.split("=", 1) for pair in args.field))
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="passages-perf-"))
    work.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "commit": _commit(),
        "corpus": str(corpus),
        "load_before": load_average(),
        "speed_probe_before_s": speed_probe(),
        "sizes": [],
    }
    try:
        for size in _sizes(args, corpus):
            report["sizes"].append(measure_size(corpus, size, options, work, args))
        report["noop"] = measure_noop(corpus, options, work, args.files)
    finally:
        report["load_after"] = load_average()
        report["speed_probe_after_s"] = speed_probe()
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    output = Path(args.json) if args.json else ROOT / "bench" / "out" / f"perf-{_name(corpus)}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print_table(report)
    print(f"\nJSON written to {output}")
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", help="a JSON Lines collection or a folder")
    parser.add_argument("--sizes", help="records of a collection to index, e.g. 10000,100000")
    parser.add_argument("--field", action="append", default=[], help="NAME=KEY, as for index")
    parser.add_argument("--files", type=int, default=20_000, help="files for the no-op run")
    parser.add_argument("--runs", type=int, default=20, help="timed runs of each warm query")
    parser.add_argument("--json", help="where to write the figures")
    parser.add_argument("--work", help="a folder to keep the indexes in (default: temporary)")
    return parser.parse_args()


def _sizes(args: argparse.Namespace, corpus: Path) -> list[int | None]:
    if not is_collection(corpus):
        return [None]
    if args.sizes:
        return [int(size) for size in args.sizes.split(",")]
    return list(DEFAULT_SIZES) if corpus == DEFAULT_CORPUS else [None]


def measure_size(
    corpus: Path, size: int | None, options: ExtractOptions, work: Path, args: argparse.Namespace
) -> dict[str, Any]:
    """Indexing, FTS5, queries and mentions for `size` records of `corpus` (all with None)."""
    label = f"{size:,} records" if size else corpus.name
    print(f"— {label}", file=sys.stderr)
    source = corpus
    if size is not None or (is_collection(corpus) and corpus.suffix == ".gz"):
        source = work / f"subset-{size or 'all'}.jsonl"
        size = write_subset(corpus, size, source)
    passages = corpus_passages(source, options)
    index = work / f"index-{size or 'all'}"
    shutil.rmtree(index, ignore_errors=True)
    result: dict[str, Any] = {"label": label, "records": size, "passages": passages.count}
    result.update(measure_indexing(source, index, passages, args.field))
    result.update(measure_fts5(passages, work / f"fts5-{size or 'all'}.db", args.runs, result))
    result.update(measure_queries(index, args.runs))
    result.update(measure_mentions(index, source, args.runs))
    return result


def measure_indexing(
    source: Path, index: Path, passages: Passages, fields: list[str]
) -> dict[str, Any]:
    field_options = [option for pair in fields for option in ("--field", pair)]
    run = run_command(passages_command("index", str(source), "--index", str(index), *field_options))
    if run.code not in (0, 2):
        raise SystemExit(f"passages index failed ({run.code}): {run.stderr}")
    mb = passages.text_bytes / 1e6
    return {
        "text_mb": round(mb, 2),
        "index_seconds": round(run.seconds, 2),
        "index_mb_s": round(mb / run.seconds, 2),
        "passages_s": round(passages.count / run.seconds),
        "peak_rss_mb": round(run.peak_rss_mb),
        "index_size_mb": round(folder_bytes(index) / 1e6, 1),
        "index_size_ratio": round(folder_bytes(index) / max(1, passages.text_bytes), 2),
        "index_summary": run.stdout.strip().splitlines()[0] if run.stdout.strip() else "",
    }


def measure_fts5(
    passages: Passages, database: Path, runs: int, indexing: dict[str, Any]
) -> dict[str, Any]:
    seconds = fts5_seconds(passages, database)
    rate = passages.text_bytes / 1e6 / seconds
    queries = [query for group in QUERIES.values() for query in group]
    timings = fts5_query_ms(database, queries, runs)
    return {
        "fts5_seconds": round(seconds, 2),
        "fts5_mb_s": round(rate, 2),
        "fts5_ratio": round(indexing["index_mb_s"] / rate, 3),
        "fts5_size_mb": round(database.stat().st_size / 1e6, 1),
        "fts5_warm_p50_ms": round(percentile(timings, 0.5), 3),
        "fts5_warm_p95_ms": round(percentile(timings, 0.95), 3),
    }


def measure_queries(index: Path, runs: int) -> dict[str, Any]:
    from indexer import IndexSession

    result: dict[str, Any] = {"warm_ms_by_kind": {}}
    everything: list[float] = []
    hits: dict[str, int] = {}
    with IndexSession(index) as session:
        for kind, queries in QUERIES.items():
            timings = latencies_ms(
                lambda q: session.find(q, limit=10, fold_copies=True), queries, runs
            )
            everything.extend(timings)
            result["warm_ms_by_kind"][kind] = {
                "p50": round(percentile(timings, 0.5), 2),
                "p95": round(percentile(timings, 0.95), 2),
            }
            hits.update({query: len(session.search(query, limit=10)) for query in queries})
    cold = [
        run_command(passages_command("search", query, "--index", str(index))).seconds
        for query in COLD_QUERIES
        for _ in range(3)
    ]
    result.update(
        warm_p50_ms=round(percentile(everything, 0.5), 2),
        warm_p95_ms=round(percentile(everything, 0.95), 2),
        cold_search_s=round(median(cold), 3),
        cold_search_max_s=round(max(cold), 3),
        hits=hits,
    )
    return result


def measure_mentions(index: Path, source: Path, runs: int) -> dict[str, Any]:
    from indexer import IndexSession

    probe = run_command(passages_command("mentions", "--help"))
    if probe.code != 0:
        return {"mentions": "the mentions command is not there"}
    cold, grep, found, rg_found = [], [], {}, {}
    for name in NAMES:
        run = run_command(passages_command("mentions", name, "--index", str(index)))
        cold.append(run.seconds)
        found[name] = len(run.stdout.splitlines())
        grep.append(_rg_seconds(name, source))
        rg_found[name] = _rg_lines(name, source)
    with IndexSession(index) as session:
        warm = latencies_ms(session.mentions, NAMES, max(3, runs // 4))
    return {
        "mentions_cold_s": round(median(cold), 3),
        "mentions_cold_max_s": round(max(cold), 3),
        "mentions_warm_ms": round(percentile(warm, 0.5), 2),
        "mentions_warm_p95_ms": round(percentile(warm, 0.95), 2),
        "rg_s": round(median(grep), 3) if grep[0] is not None else None,
        "mentions_lines": found,
        "rg_lines": rg_found if grep[0] is not None else None,
    }


def _rg_seconds(name: str, source: Path) -> float | None:
    if shutil.which("rg") is None:
        return None
    began = time.perf_counter()
    subprocess.run(["rg", "-i", name, str(source)], stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - began


def _rg_lines(name: str, source: Path) -> int | None:
    """How many lines of `source` `rg -i NAME` finds (records, for a collection)."""
    if shutil.which("rg") is None:
        return None
    run = subprocess.run(["rg", "-i", "-c", name, str(source)], capture_output=True, text=True)
    return int(run.stdout.strip() or 0)


def measure_noop(corpus: Path, options: ExtractOptions, work: Path, count: int) -> dict[str, Any]:
    """Index a folder of `count` files, then index it again with nothing changed."""
    print(f"— a folder of {count:,} files", file=sys.stderr)
    folder, index = work / f"files-{count}", work / f"index-files-{count}"
    shutil.rmtree(index, ignore_errors=True)
    size = write_file_folder(corpus, options, folder, count)
    first = run_command(passages_command("index", str(folder), "--index", str(index)))
    again = [
        run_command(passages_command("index", str(folder), "--index", str(index))) for _ in range(3)
    ]
    return {
        "files": count,
        "mb": round(size / 1e6, 1),
        "first_seconds": round(first.seconds, 2),
        "first_mb_s": round(size / 1e6 / first.seconds, 2),
        "first_peak_rss_mb": round(first.peak_rss_mb),
        "noop_seconds": round(median([run.seconds for run in again]), 3),
        "noop_runs": [round(run.seconds, 3) for run in again],
        "noop_summary": again[-1].stdout.strip(),
    }


def print_table(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    sizes = report["sizes"]
    table = Table(title=f"passages bench — {report['corpus']}", title_justify="left")
    table.add_column("measure")
    for size in sizes:
        table.add_column(size["label"], justify="right")
    table.add_column("target", justify="right")
    rows = [
        ("passages", "passages", ""),
        ("text MB", "text_mb", ""),
        ("index: seconds", "index_seconds", ""),
        ("index: MB/s", "index_mb_s", "index_mb_s"),
        ("index: passages/s", "passages_s", ""),
        ("index: peak RSS MB (with workers)", "peak_rss_mb", "peak_rss_mb"),
        ("index size / text", "index_size_ratio", ""),
        ("FTS5: MB/s", "fts5_mb_s", ""),
        ("passages / FTS5 rate", "fts5_ratio", "fts5_ratio"),
        ("warm search p50 ms", "warm_p50_ms", "warm_p50_ms"),
        ("warm search p95 ms", "warm_p95_ms", "warm_p95_ms"),
        ("FTS5 warm p50 ms", "fts5_warm_p50_ms", ""),
        ("cold `passages search` s", "cold_search_s", "cold_search_s"),
        ("cold `passages mentions` s", "mentions_cold_s", "mentions_cold_s"),
        ("warm mentions p50 ms", "mentions_warm_ms", "mentions_warm_ms"),
        ("`rg -i NAME` s", "rg_s", ""),
    ]
    for title, key, target in rows:
        values = [_shown(size.get(key), target) for size in sizes]
        table.add_row(title, *values, _target_text(target))
    noop = report["noop"]
    table.add_row(
        f"no-op index of {noop['files']:,} files s",
        *[""] * (len(sizes) - 1),
        _shown(noop["noop_seconds"], "noop_seconds"),
        _target_text("noop_seconds"),
    )
    table.add_row(
        f"first index of {noop['files']:,} files MB/s",
        *[""] * (len(sizes) - 1),
        str(noop["first_mb_s"]),
        "",
    )
    console = Console()
    console.print(table)
    console.print(
        f"machine: {report['machine']}, load average before {report['load_before']}, "
        f"after {report['load_after']}; speed probe (bench/perf_measure.PROBE) before "
        f"{report['speed_probe_before_s']} s, after {report['speed_probe_after_s']} s",
        highlight=False,
    )


def _shown(value: Any, target: str) -> str:
    if value is None:
        return "—"
    if not target or not isinstance(value, int | float):
        return f"{value:,}" if isinstance(value, int | float) else str(value)
    sign, bound = TARGETS[target]
    met = value >= bound if sign == ">=" else value <= bound
    return f"{value:,} {'✓' if met else '✗'}"


def _target_text(target: str) -> str:
    if not target:
        return ""
    sign, bound = TARGETS[target]
    return f"{'≥' if sign == '>=' else '≤'} {bound:g}"


def _name(corpus: Path) -> str:
    return corpus.name.split(".")[0]


def _commit() -> str:
    found = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return found.stdout.strip()


if __name__ == "__main__":
    raise SystemExit(main())
