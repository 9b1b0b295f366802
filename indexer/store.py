"""The on-disk index: the only module that knows the Whoosh schema, the write lock and the format.

An index directory holds one Whoosh index with two kinds of records:
- passages (fields `doc`, `path`, `title`, `date`, `passage`, lines, `page`, `text`, names, and
  `fields`: what the document's extractor kept besides, such as an e-mail's from and to), and
- one record per source file (`source`, `kind="file"`, `meta`: size, mtime, hash, documents),
  which incremental indexing compares with the disk.
A commit (`commit`) adds segments of passages built elsewhere (`indexer.segments`), drops the
passages and records of changed files and adds their new records, all in one new generation:
the segment files are synced to disk, then a new table of contents names them (an atomic
rename), then the files no generation names are deleted. A crash at any moment leaves the last
committed generation whole, and the next run's commit clears what the crashed one left.
`passages.json` beside it records the format version (checked on every open) and the folders
indexed; `manifest.cache` caches the file records of the current generation.
"""

from __future__ import annotations

import contextlib
import errno
import json
import marshal
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.codec.base import Segment
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.index import TOC, FileIndex, clean_files
from whoosh.searching import Searcher
from whoosh.writing import CLEAR, SegmentWriter, fib

from indexer.analysis import KeywordAnalyzer
from indexer.errors import (
    IndexCorrupt,
    IndexIncompatible,
    IndexLocked,
    IndexMissing,
    IndexUnwritable,
)
from indexer.mapped_files import MappedStorage
from indexer.models import IndexStats
from indexer.names.analysis import names_field

# 6: terms stemmed by Snowball's own English stemmer (PyStemmer); 7: passages keep their name
# tokens (`name_tokens`), so that finding mentions need not find them again; 8: keyword terms
# fold ligatures, ß, Greek accents, Arabic presentation forms and transliteration's ʿ ʾ, and
# drop the Arabic article (الصدر is صدر); the name علي is no stop word, ZWNJ joins words;
# 9: a two-word hyphenated compound is also one term (e-mail: email); 10: Abu Bakr and أبو بكر
# are also the name words abubakr and ابوبكر, a stop word takes a position, the first passage
# has its document's title as `headline` (a word only in the title finds the document)
FORMAT_VERSION = 11
FORMAT_FILE = "passages.json"
MANIFEST_FILE = "manifest.cache"
INDEX_NAME = "MAIN"  # the name Whoosh gives an index by default (create_in, open_dir)
LOCK_NAME = "WRITELOCK"  # Whoosh's own writers take this lock too
LOCK_POLL_SECONDS = 0.1
OPEN_ATTEMPTS = 5
TITLE_BOOST = 2.0


def build_schema() -> Schema:
    """The passage schema. Changing it means raising FORMAT_VERSION."""
    keywords = KeywordAnalyzer()
    return Schema(
        doc=ID(stored=True),
        path=ID(stored=True),
        title=TEXT(analyzer=keywords, stored=True, field_boost=TITLE_BOOST),
        headline=TEXT(analyzer=keywords, phrase=True),  # the title, on the first passage only
        date=ID(stored=True),
        passage=NUMERIC(stored=True),
        line_start=STORED(),
        line_end=STORED(),
        start=STORED(),
        end=STORED(),
        page=STORED(),
        fields=STORED(),
        text=TEXT(analyzer=keywords, stored=True, phrase=True),
        names=names_field(),
        name_tokens=STORED(),
        source=ID(unique=True, stored=True),
        kind=ID(),
        meta=STORED(),
    )


@dataclass(frozen=True)
class FileRecord:
    """What the index remembers of a source file, to tell whether it changed.

    `source` is the file's absolute path as index terms hold it (`key_text`); `raw` keeps the
    path's bytes when they are not valid UTF-8, so the file can still be found on disk.
    """

    source: str
    size: int
    mtime_ns: int
    digest: str
    docs: tuple[str, ...]
    passages: int
    encoding: str | None = None
    raw: bytes | None = None

    @property
    def disk_path(self) -> str:
        """The path to open: the file system's own name for the file."""
        return os.fsdecode(self.raw) if self.raw is not None else self.source


def key_text(text: str) -> str:
    """`text` as an index term can hold it (Whoosh encodes terms as UTF-8): unchanged when it is
    valid Unicode; bytes of a file name that are not UTF-8 (surrogate escapes) become `\\xNN`."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def raw_path(path: str) -> bytes | None:
    """The bytes of a file name that `key_text` had to change, else None."""
    return None if key_text(path) == path else os.fsencode(path)


# Opening and creating


def open_index(location: Path) -> FileIndex:
    """Open an existing index for reading, checking its format."""
    ix, searcher = open_searcher(location)
    searcher.close()
    return ix


def open_searcher(location: Path, weighting: Any = None) -> tuple[FileIndex, Searcher]:
    """Open an existing index and a searcher on it (ranking by `weighting`, else Whoosh's
    default), checking its format. The searcher opens every segment's files: one missing
    fails here, not later."""
    if not index_exists(location):
        raise IndexMissing(
            f"no index at {location}", hint="run `passages index PATH` first to create one"
        )
    _check_format(location)
    for attempt in range(OPEN_ATTEMPTS):
        try:
            ix = FileIndex(MappedStorage(str(location)), indexname=INDEX_NAME)
            options = {} if weighting is None else {"weighting": weighting}
            return ix, ix.searcher(**options)
        except OSError as exc:
            # A commit may delete the table of contents being opened, or the segments it names
            # once they are merged: the next table of contents is there.
            if attempt + 1 < OPEN_ATTEMPTS:
                time.sleep(0.05)
                continue
            raise _corrupt(location, _unreadable_reason(exc)) from None
        except Exception as exc:  # Whoosh raises many kinds on a damaged or foreign index
            raise _corrupt(location, damage_reason(exc)) from exc
    raise AssertionError("unreachable")


def damage_reason(exc: Exception) -> str:
    """What an error met reading the index's files says about them."""
    if isinstance(exc, OSError):
        return _unreadable_reason(exc)
    return f"its files are damaged ({type(exc).__name__}: {exc})"


def _unreadable_reason(exc: OSError) -> str:
    if exc.filename:
        return f"{Path(exc.filename).name}: {(exc.strerror or str(exc)).lower()}"
    return "its files cannot be read"


def index_exists(location: Path) -> bool:
    """Whether `location` holds an index (readable or not): a Whoosh table of contents."""
    try:
        names = os.listdir(location)
    except OSError:
        return False
    return any(name.startswith("_MAIN_") and name.endswith(".toc") for name in names)


def _corrupt(location: Path, reason: str) -> IndexCorrupt:
    return IndexCorrupt(
        f"cannot read the index at {location}: {reason}",
        hint="run `passages check --repair` or `passages index --rebuild PATH`",
    )


def open_or_create(
    location: Path,
    *,
    rebuild: bool = False,
    timeout: float = 60.0,
    on_wait: Callable[[], None] | None = None,
) -> FileIndex:
    """Open the index for writing, creating it when there is none. With `rebuild`, an index that
    cannot be opened (damaged, another format) is made anew; a readable one is kept until the
    rebuild's first commit replaces it (`Change.clear`). An index is made holding the write
    lock (waiting as `write_lock` does), so that two first runs, or a rebuild beside a run
    that writes, cannot make it over each other's commits."""
    ix = _writable(location, rebuild)
    if ix is not None:
        return ix
    location.mkdir(parents=True, exist_ok=True)
    from whoosh.filedb.filestore import FileStorage

    lock = FileStorage(str(location)).lock(LOCK_NAME)
    with _held(lock, location, timeout, on_wait):
        ix = _writable(location, rebuild)  # another run made it while this one waited
        if ix is not None:
            return ix
        _write_format(location)  # first: a crash then leaves no index of an unknown format
        _forget_manifest(location)
        return whoosh_index.create_in(str(location), build_schema())


def _writable(location: Path, rebuild: bool) -> FileIndex | None:
    """The index at `location` when it can be written by this version; None when there is
    none (or, with `rebuild`, one that cannot be read or is of another format)."""
    if not index_exists(location):
        return None
    try:
        ix = open_index(location)
        if sorted(ix.schema.names()) != sorted(build_schema().names()):
            raise IndexIncompatible(
                f"the index at {location} has other fields than this version writes",
                hint="run `passages index --rebuild PATH` to make it anew",
            )
        return ix
    except (IndexIncompatible, IndexCorrupt):
        if not rebuild:
            raise
        return None


def _check_format(location: Path) -> None:
    version = read_format(location).get("format")
    if version is None:
        raise IndexIncompatible(
            f"the index at {location} has no readable {FORMAT_FILE} (damaged or missing), so"
            " its format is not known",
            hint="run `passages check --repair`, which reads again the files it holds",
        )
    if version != FORMAT_VERSION:
        raise IndexIncompatible(
            f"the index at {location} was made by another version of passages "
            f"(format {version}, this one reads {FORMAT_VERSION})",
            hint="run `passages index --rebuild PATH` to make it anew",
        )


def read_format(location: Path) -> dict[str, Any]:
    """The contents of `passages.json`: the format version and the folders indexed."""
    try:
        info = json.loads((location / FORMAT_FILE).read_text())
        info["format"] = int(info["format"])
    except (OSError, ValueError, KeyError, TypeError, OverflowError):
        return {}
    return info if isinstance(info, dict) else {}


def _write_format(
    location: Path,
    roots: list[str] | None = None,
    selections: dict[str, dict[str, Any]] | None = None,
) -> None:
    info: dict[str, Any] = {"format": FORMAT_VERSION}
    if roots:
        info["roots"] = roots
    if selections:
        info["selections"] = selections
    _replace_file(location / FORMAT_FILE, (json.dumps(info) + "\n").encode("utf-8"))


def remember_roots(
    location: Path, roots: list[str], selection: dict[str, Any] | None = None
) -> None:
    """Add `roots` to the folders `passages.json` says were indexed (for `passages check`),
    with the selection of files they were indexed with (`--include`, `--exclude`...: the
    fields of `indexer.sources.Selection`; None for all files)."""
    info = read_format(location)
    known = [root for root in info.get("roots", []) if isinstance(root, str)]
    selections = _selections(info)
    keys = [key_text(root) for root in roots]
    for key in keys:
        if selection:
            selections[key] = selection
        else:
            selections.pop(key, None)
    merged = sorted({*known, *keys})
    if merged != known or selections != info.get("selections", {}):
        _write_format(location, merged, selections)


def indexed_roots(location: Path) -> list[str]:
    """The files and folders given to `passages index` for this index, as far as it knows."""
    roots = read_format(location).get("roots", [])
    return [root for root in roots if isinstance(root, str)]


def indexed_selections(location: Path) -> dict[str, dict[str, Any]]:
    """For the folders indexed with a selection of their files, that selection (see
    remember_roots)."""
    return _selections(read_format(location))


def _selections(info: dict[str, Any]) -> dict[str, dict[str, Any]]:
    selections = info.get("selections", {})
    if not isinstance(selections, dict):
        return {}
    return {root: value for root, value in selections.items() if isinstance(value, dict)}


# Writing: one writer at a time, commits of whole segments


@contextlib.contextmanager
def index_writes(location: Path) -> Iterator[None]:
    """Turn an OS error met while creating or writing the index at `location` (permission
    denied, a read-only or full disk) into IndexUnwritable. What was committed before is kept."""
    try:
        yield
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        hint = (
            "free some space and run `passages index` again: what was committed is kept"
            if exc.errno == errno.ENOSPC
            else "choose another folder with --index, or check who may write to this one"
        )
        raise IndexUnwritable(f"cannot write the index at {location}: {reason}", hint) from exc


@contextlib.contextmanager
def write_lock(
    ix: FileIndex, *, timeout: float = 60.0, on_wait: Callable[[], None] | None = None
) -> Iterator[int]:
    """Hold the index's write lock (Whoosh's own, so any Whoosh writer respects it) while the
    block runs; yields the lock's file descriptor. Waits for another writer, calling `on_wait`
    once, and raises IndexLocked after `timeout` seconds."""
    with _held(ix.lock(LOCK_NAME), Path(ix.storage.folder), timeout, on_wait) as fd:
        yield fd


@contextlib.contextmanager
def _held(
    lock: Any, folder: Path, timeout: float, on_wait: Callable[[], None] | None
) -> Iterator[int]:
    """Hold Whoosh's file `lock` while the block runs (see write_lock)."""
    deadline = time.monotonic() + timeout
    waited = False
    while not lock.acquire():
        if time.monotonic() >= deadline:
            raise IndexLocked(
                f"another `passages index` is writing to {folder} (waited {timeout:g} s)",
                hint="wait for it to finish, or give it longer with --wait SECONDS",
            )
        if not waited and on_wait is not None:
            on_wait()
        waited = True
        time.sleep(LOCK_POLL_SECONDS)
    try:
        yield lock.fd
    finally:
        lock.release()


def clear_leftovers(ix: FileIndex) -> None:
    """Remove what a killed writer may have left half-written: temporary tables of contents and
    temporary files of ours. (Whoosh's commit removes unused segment files.) Call it holding
    the write lock."""
    folder = Path(ix.storage.folder)
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if _LEFTOVER.match(entry.name) and entry.is_file():
                with contextlib.suppress(OSError):
                    entry.unlink()
    # A writer that failed (a full disk) leaves its temporary folder and the segment files it
    # wrote but never committed, which no table of contents names: they would fill the disk
    # again at the next run.
    shutil.rmtree(folder / f"{INDEX_NAME}.tmp", ignore_errors=True)
    with contextlib.suppress(Exception):  # nothing committed yet, or a TOC that cannot be read
        toc = TOC.read(ix.storage, ix.indexname)
        clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)


_LEFTOVER = re.compile(r"^(_MAIN_[0-9]+\.toc\..+|\..+\.[0-9]+\.tmp)$")


@dataclass
class Change:
    """What one commit does, all or nothing: drop the passages and records of `dropped` sources,
    replace the records of `records`, and add the new `segments` (passages built elsewhere).
    `clear` drops everything committed before (the first commit of a rebuild)."""

    segments: list[Segment] = field(default_factory=list)
    dropped: set[str] = field(default_factory=set)
    records: list[FileRecord] = field(default_factory=list)
    clear: bool = False

    def __bool__(self) -> bool:
        return bool(self.segments or self.dropped or self.records or self.clear)


def commit(ix: FileIndex, change: Change) -> int:
    """Apply `change` in one new generation of the index; the caller holds `write_lock`.
    Returns the generation. New files reach the disk before the table of contents that names
    them, so a crash at any moment leaves the previous generation or this one."""
    writer = SegmentWriter(ix, _lk=False)
    try:
        _delete_sources(writer, change)
        added = list(change.segments)
        if change.records:
            added.append(_records_segment(ix, writer.schema, change.records))
        old = {segment.segment_id() for segment in writer.segments}
        kept = writer._merge_segments(CLEAR if change.clear else merge_small, None, None)
        if writer._added:  # small segments merged into this writer's own
            kept.append(writer._finalize_segment())
        else:
            writer._close_segment()
        segments = kept + added
        _sync_segments(ix.storage, [s for s in segments if s.segment_id() not in old])
        _write_toc(ix, writer.schema, segments, writer.generation)
    except BaseException:
        writer.cancel()
        raise
    writer._finish()
    return int(writer.generation)


# A merge starts another segment when the postings it holds take about this much memory.
MERGE_MEMORY_BYTES = 80 << 20


def merge_small(writer: SegmentWriter, segments: list[Segment]) -> list[Segment]:
    """Whoosh's MERGE_SMALL policy (once there are more than four segments, the smallest are
    merged while they hold few documents together), but the merged segment is written by the
    SegmentBuilder: Whoosh's merge writes no ranking file and no record offsets, so an index
    kept up to date run after run would lose the fast paths of search and mentions."""
    from whoosh.reading import SegmentReader

    from indexer.segments import SegmentBuilder

    ordered = sorted(segments, key=lambda segment: segment.doc_count_all())
    total = 0
    for i, segment in enumerate(ordered):
        total += segment.doc_count_all()
        if i > 3 and total < fib(i + 5):
            merged, kept = ordered[: i + 1], ordered[i + 1 :]
            break
    else:
        return segments
    made: list[Segment] = []
    builder = SegmentBuilder(writer.storage, writer.indexname, writer.schema)
    try:
        for segment in merged:
            reader = SegmentReader(writer.storage, writer.schema, segment)
            try:
                builder.add_segment(reader)
            finally:
                reader.close()
            if builder.memory_bytes() > MERGE_MEMORY_BYTES:  # held postings: as a worker does
                made.append(builder.finish())
                builder = SegmentBuilder(writer.storage, writer.indexname, writer.schema)
    except BaseException:
        builder.cancel()
        raise
    if builder.count:
        made.append(builder.finish())
    else:  # nothing since the last one (every passage of them deleted)
        builder.cancel()
    return [*kept, *made]


def _records_segment(ix: FileIndex, schema: Schema, records: list[FileRecord]) -> Segment:
    """A new segment holding `records` (written as passages are, not through Whoosh's pool)."""
    from indexer.segments import SegmentBuilder

    builder = SegmentBuilder(ix.storage, ix.indexname, schema)
    for record in records:
        builder.add(_record_fields(record))
    return builder.finish()


def _delete_sources(writer: SegmentWriter, change: Change) -> None:
    if change.clear:
        return
    reader = writer.searcher().reader()
    replaced = {record.source for record in change.records}
    for source in change.dropped:
        if ("path", source) in reader:
            writer.delete_by_term("path", source)
    for source in change.dropped | replaced:
        if ("source", source) in reader:
            writer.delete_by_term("source", source)


def _write_toc(ix: FileIndex, schema: Schema, segments: list[Segment], generation: int) -> None:
    """Whoosh's `_commit_toc`, with the new table of contents synced before old files go."""
    TOC(schema, segments, generation).write(ix.storage, ix.indexname)
    _fsync_file(Path(ix.storage.folder) / TOC._filename(ix.indexname, generation))
    _fsync_file(Path(ix.storage.folder))
    clean_files(ix.storage, ix.indexname, generation, segments)


def _sync_segments(storage: Any, segments: list[Segment]) -> None:
    folder = Path(storage.folder)
    for segment in segments:
        for name in segment.list_files(storage):
            _fsync_file(folder / name)
    _fsync_file(folder)


def _fsync_file(path: Path) -> None:
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems cannot sync a folder
    finally:
        os.close(handle)


def _replace_file(target: Path, data: bytes) -> None:
    """Write `target` whole or not at all."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)


# File records


def _record_fields(record: FileRecord) -> dict[str, Any]:
    meta = {
        "size": record.size,
        "mtime_ns": record.mtime_ns,
        "digest": record.digest,
        "docs": list(record.docs),
        "passages": record.passages,
        "encoding": record.encoding,
    }
    if record.raw is not None:
        meta["raw"] = record.raw
    return {"source": record.source, "kind": "file", "meta": meta}


def load_file_records(ix: FileIndex) -> dict[str, FileRecord]:
    """Every source file the index holds, by `source`. Read from a cache beside the index that
    is valid for one generation (so a no-op `index` run reads no Whoosh records), else from the
    index itself, refreshing the cache."""
    folder = Path(ix.storage.folder)
    key = _generation_key(ix)
    cached = _read_manifest(folder, key)
    if cached is not None:
        return cached
    records = records_in_index(ix)
    save_manifest(ix, records, key)
    return records


def recorded_files(location: Path) -> list[str]:
    """The files the index at `location` holds records of, as far as its segments can be read
    whatever its passages.json says (damaged, gone): what a repair reads again when the folders
    indexed are not known. Empty when nothing can be read."""
    try:
        ix = FileIndex(MappedStorage(str(location)), indexname=INDEX_NAME)
        return sorted(record.disk_path for record in records_in_index(ix).values())
    except Exception:  # a damaged index: nothing to go on
        return []


def records_in_index(ix: FileIndex) -> dict[str, FileRecord]:
    """The file records, read from the index's stored fields."""
    records: dict[str, FileRecord] = {}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        if ("kind", "file") not in reader:
            return records
        for docnum in reader.postings("kind", "file").all_ids():
            stored = reader.stored_fields(docnum)
            records[stored["source"]] = _record_from_stored(stored)
    return records


def _record_from_stored(stored: dict[str, Any]) -> FileRecord:
    meta = stored["meta"]
    return FileRecord(
        source=stored["source"],
        size=meta["size"],
        mtime_ns=meta["mtime_ns"],
        digest=meta["digest"],
        docs=tuple(meta["docs"]),
        passages=meta["passages"],
        encoding=meta.get("encoding"),
        raw=meta.get("raw"),
    )


def save_manifest(
    ix: FileIndex, records: dict[str, FileRecord], key: tuple[int, ...] | None = None
) -> None:
    """Cache `records` as those of the index's current generation (best effort)."""
    rows = [tuple(getattr(record, name) for name in _RECORD_FIELDS) for record in records.values()]
    try:
        data = marshal.dumps((key or _generation_key(ix), rows))
        _replace_file(Path(ix.storage.folder) / MANIFEST_FILE, data)
    except (OSError, ValueError):
        pass  # a read-only index still works, only slower


def _read_manifest(folder: Path, key: tuple[int, ...]) -> dict[str, FileRecord] | None:
    try:
        stored_key, rows = marshal.loads((folder / MANIFEST_FILE).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if tuple(stored_key) != key:
        return None
    return {row[0]: FileRecord(*row) for row in rows}


def _generation_key(ix: FileIndex) -> tuple[int, ...]:
    """Names one generation of one index: its number, and the identity of its table of
    contents file (an index made anew starts its numbers again)."""
    generation = ix.latest_generation()
    try:
        status = os.stat(Path(ix.storage.folder) / TOC._filename(ix.indexname, generation))
    except OSError:
        return (generation, -1, -1)
    return (generation, status.st_ino, status.st_mtime_ns)


def _forget_manifest(location: Path) -> None:
    with contextlib.suppress(OSError):
        (location / MANIFEST_FILE).unlink()


_RECORD_FIELDS = [f.name for f in fields(FileRecord)]


# Statistics


def read_stats(location: Path) -> IndexStats:
    """Counts and sizes for `passages stats`."""
    ix = open_index(location)
    files = load_file_records(ix)
    with ix.searcher() as searcher:
        reader = searcher.reader()
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
