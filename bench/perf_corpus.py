"""Corpora for bench/perf.py: subsets of a collection, a folder of 20,000 files, and the passages
of a corpus as passages itself splits them (what SQLite FTS5 is given, so both index the same).
"""

from __future__ import annotations

import gzip
import itertools
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from indexer.extract import ExtractOptions, extract, is_readable
from indexer.passage_fields import passage_fields
from indexer.sources import find_sources

COLLECTION_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


@dataclass(frozen=True)
class Passages:
    """What passages makes of a corpus: (doc, title, text) rows, and their size."""

    rows: list[tuple[str, str, str]]
    text_bytes: int

    @property
    def count(self) -> int:
        return len(self.rows)


def is_collection(path: Path) -> bool:
    return path.is_file() and path.name.lower().endswith(COLLECTION_SUFFIXES)


def open_text(path: Path) -> IO[str]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def write_subset(collection: Path, records: int | None, target: Path) -> int:
    """The first `records` lines of a JSON Lines collection (all with None) as plain JSON Lines
    at `target`; returns how many were written."""
    written = 0
    with open_text(collection) as source, open(target, "w", encoding="utf-8") as out:
        for line in source:
            if records is not None and written >= records:
                break
            if line.strip():
                out.write(line if line.endswith("\n") else line + "\n")
                written += 1
    return written


def corpus_passages(path: Path, options: ExtractOptions) -> Passages:
    """Every passage of the files at `path`, split as `passages index` splits them."""
    rows = []
    size = 0
    for file in _files(path):
        try:
            for _, fields in passage_fields(extract(file, options)):
                text = fields["text"]
                rows.append((fields["doc"], fields.get("_stored_title", fields["title"]), text))
                size += len(text.encode("utf-8", "replace"))
        except Exception:  # noqa: S112 - a file passages skips is skipped here too
            continue
    return Passages(rows, size)


def _files(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
        return
    for source in find_sources([path], is_readable).files:
        yield Path(source.path)


def write_file_folder(corpus: Path, options: ExtractOptions, target: Path, count: int) -> int:
    """A folder of `count` text files, one per document of `corpus` (cycling through them when
    it has fewer), in subfolders of 500; returns how many bytes were written."""
    if target.exists():
        shutil.rmtree(target)
    texts = itertools.cycle(itertools.islice(_document_texts(corpus, options), count))
    written = 0
    for number, text in zip(range(count), texts, strict=False):
        folder = target / f"part-{number // 500:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8", "replace")
        (folder / f"doc-{number:05d}.txt").write_bytes(data)
        written += len(data)
    return written


def _document_texts(corpus: Path, options: ExtractOptions) -> Iterator[str]:
    for file in _files(corpus):
        try:
            for document in extract(file, options):
                if document.text.strip():
                    yield document.text
        except Exception:  # noqa: S112
            continue
