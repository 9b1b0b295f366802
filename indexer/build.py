"""The indexing pipeline: sources → extract → passages → store, incremental by default.

A file is unchanged when its size and mtime match the index's record, or, when only the mtime
differs, its content hash does. New and changed files are extracted and split; their old passages
are replaced in the same commit as their new record. Files under the given paths that are gone
from disk are removed. One writer at a time: a second run waits for the first.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from indexer import store
from indexer.dates import find_date
from indexer.errors import ExtractionFailed, PassagesError
from indexer.extract import ExtractOptions, extract, is_readable
from indexer.models import Document, IndexReport, Skip
from indexer.passages import split_into_passages
from indexer.sources import SourceFile, is_under, resolve_roots, walk_sources

# Above this much new text, the writer uses both cores (starting worker processes costs ~0.3 s).
PARALLEL_BYTES = 8_000_000
WRITER_MEMORY_MB = 128
TITLE_CHARS = 200
_HEADING_MARKS = re.compile(r"^\s{0,3}#{1,6}\s+")
# Files above this size are streamed part by part (the extractor cuts them) into the writer.
STREAM_BYTES = 16_000_000


class Progress(Protocol):
    """What the pipeline tells whoever shows its progress."""

    def start(self, files: int, total_bytes: int) -> None: ...

    def advance(self, path: str, size: int) -> None: ...


class _Silent:
    def start(self, files: int, total_bytes: int) -> None:
        pass

    def advance(self, path: str, size: int) -> None:
        pass


@dataclass
class _Plan:
    """What one run has to do, decided before the writer is opened."""

    changed: list[SourceFile] = field(default_factory=list)
    updated: set[str] = field(default_factory=set)
    touched: list[store.FileRecord] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def index_paths(
    location: Path,
    paths: Iterable[str | Path],
    *,
    rebuild: bool = False,
    options: ExtractOptions | None = None,
    progress: Progress | None = None,
    on_wait: Callable[[], None] | None = None,
    wait_seconds: float = 60.0,
) -> IndexReport:
    """Bring the index at `location` up to date with the files under `paths`."""
    began = time.monotonic()
    roots = resolve_roots(paths)
    ix = store.open_or_create(location, rebuild=rebuild)
    known = store.load_file_records(ix)
    plan = _plan(roots, known)
    if not (plan.changed or plan.touched or plan.removed):
        return IndexReport(unchanged=plan.unchanged, seconds=time.monotonic() - began)
    new_bytes = sum(source.size for source in plan.changed)
    procs = 2 if new_bytes > PARALLEL_BYTES else 1
    shown = progress or _Silent()
    shown.start(len(plan.changed), new_bytes)
    with store.locked_writer(
        ix, procs=procs, timeout=wait_seconds, on_wait=on_wait, limitmb=WRITER_MEMORY_MB
    ) as writer:
        report = _write(writer, plan, options or ExtractOptions(), shown)
        writer.commit()
    return IndexReport(
        added=report.added,
        updated=report.updated,
        removed=len(plan.removed),
        unchanged=plan.unchanged,
        passages=report.passages,
        skipped=report.skipped,
        seconds=time.monotonic() - began,
    )


def _plan(roots: list[Path], known: dict[str, store.FileRecord]) -> _Plan:
    plan = _Plan()
    seen: set[str] = set()
    for source in walk_sources(roots, is_readable):
        seen.add(source.path)
        record = known.get(source.path)
        if record is None:
            plan.changed.append(source)
        elif record.size == source.size and record.mtime_ns == source.mtime_ns:
            plan.unchanged += 1
        elif record.size == source.size and _digest_or_none(source.path) == record.digest:
            plan.unchanged += 1
            plan.touched.append(_with_mtime(record, source.mtime_ns))
        else:
            plan.changed.append(source)
            plan.updated.add(source.path)
    plan.removed = [path for path in known if path not in seen and is_under(path, roots)]
    return plan


def _with_mtime(record: store.FileRecord, mtime_ns: int) -> store.FileRecord:
    return store.FileRecord(
        record.source,
        record.size,
        mtime_ns,
        record.digest,
        record.docs,
        record.passages,
        record.encoding,
    )


@dataclass
class _Written:
    added: int = 0
    updated: int = 0
    passages: int = 0
    skipped: list[Skip] = field(default_factory=list)


def _write(
    writer: store.SegmentWriter,
    plan: _Plan,
    options: ExtractOptions,
    progress: Progress,
) -> _Written:
    written = _Written()
    for path in plan.removed:
        store.delete_file(writer, path)
    for record in plan.touched:
        store.put_file_record(writer, record)
    for source in plan.changed:
        # Also clears passages a crashed or failed run may have left without a file record.
        store.delete_file(writer, source.path)
        try:
            record = _index_file(writer, source, options)
        except PassagesError as exc:
            written.skipped.append(Skip(source.path, str(exc)))
        else:
            if record.passages == 0:
                written.skipped.append(Skip(source.path, "no text", error=False))
            elif source.path in plan.updated:
                written.updated += 1
            else:
                written.added += 1
            written.passages += record.passages
        progress.advance(source.path, source.size)
    return written


def _index_file(
    writer: store.SegmentWriter, source: SourceFile, options: ExtractOptions
) -> store.FileRecord:
    """Extract, split and add one file's passages; record the file. A file below STREAM_BYTES
    is read whole before anything is added, so a failure part-way adds nothing of it."""
    try:
        digest = _digest(source.path)
    except OSError as exc:
        raise ExtractionFailed(_os_reason(exc)) from exc
    documents: Iterable[Document] = extract(Path(source.path), options)
    if source.size < STREAM_BYTES:
        documents = list(documents)
    passages = 0
    encoding = None
    doc_ids: dict[str, None] = {}
    for document, passage_fields in _passage_fields(documents):
        doc_ids[document.doc] = None
        encoding = encoding or document.encoding
        writer.add_document(**passage_fields)
        passages += 1
    record = store.FileRecord(
        source.path, source.size, source.mtime_ns, digest, tuple(doc_ids), passages, encoding
    )
    if passages:
        store.put_file_record(writer, record)
    return record


def _passage_fields(documents: Iterable[Document]) -> Iterator[tuple[Document, dict[str, object]]]:
    """The fields of every passage of `documents`; parts of one document number on, and their
    character offsets count from the start of the whole document."""
    heads: dict[str, tuple[str, str | None]] = {}
    numbers: dict[str, int] = {}
    chars: dict[str, int] = {}
    for document in documents:
        if document.doc not in heads:
            heads[document.doc] = (_title(document), _date(document))
        title, date = heads[document.doc]
        offset = numbers.get(document.doc, 0)
        base = chars.get(document.doc, 0)
        passages = split_into_passages(
            document.text, line_base=document.line_base, page_starts=document.page_starts
        )
        for passage in passages:
            first, last = passage.line_start, passage.line_end
            if not document.lines_in_source:
                first = last = document.line_base
            yield (
                document,
                {
                    "doc": document.doc,
                    "path": document.path,
                    "title": title,
                    "date": date,
                    "passage": offset + passage.number,
                    "line_start": first,
                    "line_end": last,
                    "start": base + passage.start,
                    "end": base + passage.end,
                    "page": passage.page,
                    "text": passage.text,
                    "names": passage.text,
                },
            )
        numbers[document.doc] = offset + len(passages)
        chars[document.doc] = base + len(document.text)


def _title(document: Document) -> str:
    """The extractor's title, else the first non-blank line (a Markdown heading's marks
    dropped), else the file's name."""
    if document.title.strip():
        return document.title.strip()[:TITLE_CHARS]
    for line in document.text.splitlines():
        title = _HEADING_MARKS.sub("", line).strip()
        if title:
            return title[:TITLE_CHARS]
    return Path(document.path).name


def _date(document: Document) -> str | None:
    """The extractor's date, else one written near the top, else one in the file's name
    (`2023-04-13-report.txt`)."""
    if document.date:
        return document.date
    return find_date(document.text) or find_date(Path(document.path).name)


def _digest(path: str) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "file vanished before it could be read"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read: {exc.strerror or exc}"


def _digest_or_none(path: str) -> str | None:
    try:
        return _digest(path)
    except OSError:
        return None
