"""The on-disk index: the only module that knows the Whoosh schema, the write lock and the format.

An index directory holds one Whoosh index with two kinds of records:
- passages (fields `doc`, `path`, `title`, `date`, `passage`, lines, `page`, `text`, names), and
- one record per source file (`source`, `kind="file"`, `meta`: size, mtime, hash, documents),
  which incremental indexing compares with the disk. Both change in the same commit, so a crash
  leaves the last committed state whole: Whoosh writes new segments, then swaps in a new table of
  contents by an atomic rename.
`passages.json` beside it records the format version, checked on every open.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.index import FileIndex
from whoosh.writing import LockError, SegmentWriter

from indexer.analysis import KeywordAnalyzer
from indexer.errors import IndexCorrupt, IndexIncompatible, IndexLocked, IndexMissing
from indexer.models import IndexStats
from indexer.names import names_field

FORMAT_VERSION = 3
FORMAT_FILE = "passages.json"
TITLE_BOOST = 2.0


def build_schema() -> Schema:
    """The passage schema. Changing it means raising FORMAT_VERSION."""
    keywords = KeywordAnalyzer()
    return Schema(
        doc=ID(stored=True),
        path=ID(stored=True),
        title=TEXT(analyzer=keywords, stored=True, field_boost=TITLE_BOOST),
        date=ID(stored=True),
        passage=NUMERIC(stored=True),
        line_start=STORED(),
        line_end=STORED(),
        start=STORED(),
        end=STORED(),
        page=STORED(),
        text=TEXT(analyzer=keywords, stored=True, phrase=True),
        names=names_field(),
        source=ID(unique=True, stored=True),
        kind=ID(),
        meta=STORED(),
    )


@dataclass(frozen=True)
class FileRecord:
    """What the index remembers of a source file, to tell whether it changed."""

    source: str
    size: int
    mtime_ns: int
    digest: str
    docs: tuple[str, ...]
    passages: int
    encoding: str | None = None


def open_index(location: Path) -> FileIndex:
    """Open an existing index for reading, checking its format."""
    if not whoosh_index.exists_in(str(location)):
        raise IndexMissing(
            f"no index at {location}", hint="run `passages index PATH` first to create one"
        )
    _check_format(location)
    try:
        return whoosh_index.open_dir(str(location))
    except Exception as exc:  # Whoosh raises many kinds on a damaged or foreign index
        raise IndexCorrupt(
            f"cannot read the index at {location}: {exc}",
            hint="run `passages index --rebuild PATH` to make it anew",
        ) from exc


def open_or_create(location: Path, *, rebuild: bool = False) -> FileIndex:
    """Open the index for writing, creating it (or starting over, with `rebuild`)."""
    if whoosh_index.exists_in(str(location)) and not rebuild:
        return open_index(location)
    location.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(location), build_schema())
    _write_format(location)
    return ix


def _check_format(location: Path) -> None:
    try:
        info = json.loads((location / FORMAT_FILE).read_text())
        version = int(info["format"])
    except (OSError, ValueError, KeyError, TypeError):
        version = 0
    if version != FORMAT_VERSION:
        raise IndexIncompatible(
            f"the index at {location} was made by another version of passages "
            f"(format {version}, this one reads {FORMAT_VERSION})",
            hint="run `passages index --rebuild PATH` to make it anew",
        )


def _write_format(location: Path) -> None:
    target = location / FORMAT_FILE
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps({"format": FORMAT_VERSION}) + "\n")
    os.replace(temporary, target)


@contextlib.contextmanager
def locked_writer(
    ix: FileIndex,
    *,
    procs: int = 1,
    timeout: float = 60.0,
    on_wait: Callable[[], None] | None = None,
    **settings: Any,
) -> Iterator[SegmentWriter]:
    """The one writer of the index. Waits for another writer to finish (calling `on_wait` once),
    and raises IndexLocked after `timeout` seconds. Cancels the writer on any error."""
    writer = _acquire_writer(ix, procs, timeout, on_wait, settings)
    try:
        yield writer
    except BaseException:
        writer.cancel()
        raise


def _acquire_writer(
    ix: FileIndex,
    procs: int,
    timeout: float,
    on_wait: Callable[[], None] | None,
    settings: dict[str, Any],
) -> SegmentWriter:
    deadline = time.monotonic() + timeout
    waited = False
    while True:
        try:
            if procs > 1:
                return ix.writer(procs=procs, multisegment=True, **settings)
            return ix.writer(**settings)
        except LockError:
            if time.monotonic() >= deadline:
                raise IndexLocked(
                    f"another `passages index` is writing to {ix.storage.folder} "
                    f"(waited {timeout:.0f} s)",
                    hint="wait for it to finish, or raise --wait",
                ) from None
            if not waited and on_wait is not None:
                on_wait()
            waited = True
            time.sleep(0.2)


def load_file_records(ix: FileIndex) -> dict[str, FileRecord]:
    """Every source file the index holds, by absolute path."""
    records: dict[str, FileRecord] = {}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        if reader.doc_frequency("kind", "file") == 0:
            return records
        for docnum in reader.postings("kind", "file").all_ids():
            stored = reader.stored_fields(docnum)
            meta = stored["meta"]
            records[stored["source"]] = FileRecord(
                source=stored["source"],
                size=meta["size"],
                mtime_ns=meta["mtime_ns"],
                digest=meta["digest"],
                docs=tuple(meta["docs"]),
                passages=meta["passages"],
                encoding=meta.get("encoding"),
            )
    return records


def put_file_record(writer: SegmentWriter, record: FileRecord) -> None:
    """Add or replace the record of a source file."""
    meta = {
        "size": record.size,
        "mtime_ns": record.mtime_ns,
        "digest": record.digest,
        "docs": list(record.docs),
        "passages": record.passages,
        "encoding": record.encoding,
    }
    writer.update_document(source=record.source, kind="file", meta=meta)


def delete_file(writer: SegmentWriter, source: str) -> None:
    """Remove a source file's passages and its record."""
    writer.delete_by_term("path", source)
    writer.delete_by_term("source", source)


def read_stats(location: Path) -> IndexStats:
    """Counts and sizes for `passages stats`."""
    ix = open_index(location)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        files = load_file_records(ix)
        documents = sum(len(record.docs) for record in files.values())
        passages = searcher.doc_count() - len(files)
        terms = sum(1 for _ in reader.lexicon("text"))
    size = sum(entry.stat().st_size for entry in location.iterdir() if entry.is_file())
    updated = datetime.fromtimestamp(ix.last_modified(), tz=UTC).isoformat(timespec="seconds")
    return IndexStats(
        location=str(location),
        documents=documents,
        passages=passages,
        terms=terms,
        size_bytes=size,
        updated=updated,
        version=FORMAT_VERSION,
    )
