"""How fast the name features are: analyzers, their cost in a Whoosh index, queries, discovery.

Reads the BBC News corpus of ../shared (news with many names; 5 MB) and, with `--blogs MB`,
that much of the blog corpus (informal text, few capitals). Passages come from the project's
splitter. Figures are for one core; timings vary by machine, compare them on one machine.

    .venv/bin/python bench/names_speed.py [--blogs 20] [--queries 100]

Exits 2 when ../shared is missing.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from whoosh import index as whoosh_index  # noqa: E402
from whoosh.fields import STORED, Schema  # noqa: E402
from whoosh.searching import Searcher  # noqa: E402

from indexer.mentions import find_mentions  # noqa: E402
from indexer.namelist import count_names  # noqa: E402
from indexer.names.analysis import (  # noqa: E402
    name_analyzer,
    name_key_terms,
    namekey_analyzer,
    namekeys_field,
    names_field,
)
from indexer.names.tokens import iter_name_tokens  # noqa: E402
from indexer.passages import split_into_passages  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"


def bbc_texts() -> list[str]:
    texts = []
    for path in sorted((SHARED / "bbc-news").rglob("*.txt")):
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
    return texts


def blog_texts(megabytes: float) -> list[str]:
    texts, size = [], 0
    with gzip.open(SHARED / "blogs-100k.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line).get("text") or ""
            texts.append(text)
            size += len(text)
            if size >= megabytes * 1e6:
                break
    return texts


def passages_of(texts: list[str]) -> list[str]:
    return [p.text for text in texts for p in split_into_passages(text)]


def rate(label: str, megabytes: float, work: Callable[[], object]) -> float:
    """Run `work` once, print and return the seconds it took per megabyte."""
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    print(f"| {label} | {megabytes / seconds:.1f} MB/s | {seconds / megabytes:.3f} s/MB |")
    return seconds / megabytes


def analyzers(passages: list[str], megabytes: float) -> None:
    print("\n| analysis (no index) | throughput | cost |\n|---|---|---|")

    def tokens() -> int:
        return sum(1 for p in passages for _ in iter_name_tokens(p))

    rate("name tokens (iter_name_tokens)", megabytes, tokens)
    names, keys = name_analyzer(), namekey_analyzer()

    def both() -> None:
        for text in passages:
            for _ in names(text, positions=True, chars=True, mode="index"):
                pass
            for _ in keys(text, mode="index"):
                pass

    rate("`names` + `namekeys` analyzers, as Whoosh calls them", megabytes, both)


def indexing(passages: list[str], megabytes: float) -> None:
    """Whoosh indexing with and without the name fields."""
    print("\n| Whoosh index of the passages | throughput | cost |\n|---|---|---|")
    base = rate("text stored only (baseline)", megabytes, lambda: build(passages, "none"))
    for layout, label in (
        ("names", "+ `names`"),
        ("passage-keys", "+ `names` + `namekeys` on every passage"),
        ("lexicon-keys", "+ `names` + `namekeys` on one record per run"),
    ):
        cost = rate(label, megabytes, functools.partial(build, passages, layout))
        print(f"|   (added by the name fields) | | {cost - base:.3f} s/MB |")


def build(passages: list[str], layout: str, folder: str | None = None) -> Path:
    fields = {"text": STORED()}
    if layout != "none":
        fields["names"] = names_field()
    if layout in ("passage-keys", "lexicon-keys"):
        fields["namekeys"] = namekeys_field()
    folder = folder or tempfile.mkdtemp(prefix="names-speed-")
    ix = whoosh_index.create_in(folder, Schema(**fields))
    lexicon: set[str] = set()
    with ix.writer(limitmb=256) as writer:
        for text in passages:
            record = {"text": text}
            if layout != "none":
                record["names"] = text
            if layout == "passage-keys":
                record["namekeys"] = text
            writer.add_document(**record)
            if layout == "lexicon-keys":
                lexicon |= name_key_terms(text)
        if layout == "lexicon-keys":
            writer.add_document(namekeys=sorted(lexicon))
    return Path(folder)


def queries(passages: list[str], count: int) -> None:
    """find_mentions for the corpus's most mentioned names and for one-typo spellings."""
    folder = tempfile.mkdtemp(prefix="names-speed-")
    schema = Schema(doc=STORED(), path=STORED(), title=STORED(), date=STORED(),
                    passage=STORED(), line_start=STORED(), line_end=STORED(), page=STORED(),
                    text=STORED(), names=names_field(), namekeys=namekeys_field())  # fmt: skip
    ix = whoosh_index.create_in(folder, schema)
    with ix.writer(limitmb=256) as writer:
        for number, text in enumerate(passages):
            writer.add_document(doc=str(number // 5), path=f"{number // 5}.txt", title="",
                                date=None, passage=number % 5 + 1, line_start=1, line_end=1,
                                page=None, text=text, names=text, namekeys=text)  # fmt: skip
    top = [n.name for n in count_names(((str(i // 5), p) for i, p in enumerate(passages)),
                                       limit=count)]  # fmt: skip
    print("\n| find_mentions | queries | median | 95th percentile | mentions / query |")
    print("|---|---|---|---|---|")
    with ix.searcher() as searcher:
        for label, names, variants in (
            ("exact, the most mentioned names", top, False),
            ("--variants, the same names", top, True),
            ("--variants, one letter dropped", [_typo(n) for n in top], True),
        ):
            _latency(searcher, label, names, variants)


def _latency(searcher: Searcher, label: str, names: list[str], variants: bool) -> None:
    times, found = [], 0
    for name in names:
        started = time.perf_counter()
        found += len(find_mentions(searcher, name, variants=variants))
        times.append(time.perf_counter() - started)
    times.sort()
    median, p95 = statistics.median(times) * 1000, times[int(len(times) * 0.95)] * 1000
    print(f"| {label} | {len(names)} | {median:.1f} ms | {p95:.1f} ms | {found / len(names):.0f} |")


def _typo(name: str) -> str:
    last = name.split()[-1]
    return name[: -len(last)] + (last[:2] + last[3:] if len(last) > 4 else last)


def discovery(passages: list[str], megabytes: float) -> None:
    print("\n| passages names | throughput | cost |\n|---|---|---|")
    chunks: Iterator[tuple[str, str]] = ((str(i // 5), p) for i, p in enumerate(passages))
    rate("count_names over every passage", megabytes, lambda: count_names(chunks))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blogs", type=float, default=0, help="MB of blog text to add")
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"error: {SHARED} not found: this benchmark needs ../shared beside the project")
        return 2
    corpora = [("BBC News", bbc_texts())]
    if args.blogs:
        corpora.append((f"blogs ({args.blogs:g} MB)", blog_texts(args.blogs)))
    for label, texts in corpora:
        passages = passages_of(texts)
        megabytes = sum(map(len, passages)) / 1e6
        print(f"\n### {label}: {megabytes:.1f} MB of text, {len(passages)} passages")
        analyzers(passages, megabytes)
        indexing(passages, megabytes)
        queries(passages, args.queries)
        discovery(passages, megabytes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
