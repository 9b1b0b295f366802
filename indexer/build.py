"""The indexing pipeline: sources → extract → passages → segments → commits, incremental.

Planning, under the index's write lock (a second run waits for the first): the files found
(`sources.find_sources`) are compared with the index's file records. A file is unchanged when its
size and mtime match, or when only the mtime moved and its content hash matches; new and changed
files are read; files gone from disk under the paths given lose their passages.

Work: with more than one core, forked workers (`indexer.workers`) each take whole files, up to
TASK_FILES at a time: extract, split into passages, add them to segments (`indexer.segments`).
A file of STREAM_BYTES or more is read here instead and its passages sent to the workers in
batches, so one large collection (a JSON Lines export) uses every core, and a huge text file
(which the extractor yields in parts) is indexed in bounded memory. A file that fails is skipped
with its reason, its passages discarded, and the run goes on; a file with no text (binary,
empty) is remembered so it is not read again.

Commits: between files, every COMMIT_SECONDS or COMMIT_BYTES, the workers' segments, the
removal of the changed files' old passages and their new records go into one commit
(`store.commit`). A run killed at any moment keeps what it committed; the next run does the rest.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from whoosh.index import FileIndex

from indexer import extract as extraction
from indexer import store
from indexer.errors import NoText, PassagesError
from indexer.extract import ExtractOptions, extract, is_readable
from indexer.extract.reading import describe_os_error
from indexer.models import Document, IndexReport, Skip
from indexer.passage_fields import passage_fields
from indexer.sources import Selection, SourceFile, find_sources, is_under, resolve_roots
from indexer.workers import InlinePool, Pool, Sink, TaskPool

# Files of this size or more are read in this process and their passages sent out in batches;
# so are smaller ones that are a large share of a run's work (down to SMALLEST_STREAMED).
STREAM_BYTES = 16_000_000
SMALLEST_STREAMED = 2_000_000
BATCH_CHARS = 1_000_000
# Smaller files go to the workers in tasks of up to this many files and bytes: one message
# each way per file was a quarter of the work of indexing a folder of 20,000 small files.
TASK_FILES = 64
TASK_BYTES = 1_000_000
# Below this much new data, starting workers costs more than it saves.
PARALLEL_BYTES = 4_000_000
COMMIT_SECONDS = 30.0
COMMIT_BYTES = 128_000_000


class Progress(Protocol):
    """What the pipeline tells whoever shows its progress."""

    def start(self, files: int, total_bytes: int) -> None: ...

    def advance(self, path: str, size: int, files: int = 1) -> None: ...


class _Silent:
    def start(self, files: int, total_bytes: int) -> None:
        pass

    def advance(self, path: str, size: int, files: int = 1) -> None:
        pass


@dataclass(frozen=True)
class Limits:
    """How a run divides its work: worker processes (None: one per core) and how often it
    commits."""

    processes: int | None = None
    commit_seconds: float = COMMIT_SECONDS
    commit_bytes: int = COMMIT_BYTES


@dataclass
class _Plan:
    """What one run has to do, decided under the write lock."""

    known: dict[str, store.FileRecord]
    changed: list[SourceFile] = field(default_factory=list)
    updated: set[str] = field(default_factory=set)
    touched: list[store.FileRecord] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


@dataclass
class _Written:
    added: int = 0
    updated: int = 0
    documents: int = 0
    passages: int = 0
    skipped: list[Skip] = field(default_factory=list)


def index_paths(
    location: Path,
    paths: Iterable[str | Path],
    *,
    rebuild: bool = False,
    options: ExtractOptions | None = None,
    selection: Selection | None = None,
    progress: Progress | None = None,
    on_wait: Callable[[], None] | None = None,
    wait_seconds: float = 60.0,
    limits: Limits | None = None,
) -> IndexReport:
    """Bring the index at `location` up to date with the files under `paths`."""
    began = time.monotonic()
    roots = resolve_roots(paths)
    with store.index_writes(location):
        ix = store.open_or_create(location, rebuild=rebuild, timeout=wait_seconds, on_wait=on_wait)
        walked = roots + _named_inside(location, roots, selection)
        found = find_sources(walked, is_readable, selection)
        written = _Written(skipped=list(found.skipped))
        with store.write_lock(ix, timeout=wait_seconds, on_wait=on_wait) as lock_fd:
            store.clear_leftovers(ix)
            known = {} if rebuild else store.load_file_records(ix)
            plan = _plan(found.files, known, roots, found.unreadable)
            # First: a run stopped part-way (Ctrl-C, a kill) leaves `check` the folders to see
            kept_selection = (selection or Selection()).remembered()
            store.remember_roots(location, [str(root) for root in roots], kept_selection)
            if plan.changed or plan.touched or plan.removed or rebuild:
                run = _Run(ix, plan, options or ExtractOptions(), limits or Limits(), written)
                run.execute(progress or _Silent(), lock_fd, clear=rebuild)
                _refresh_name_keys(ix, location)
    return IndexReport(
        added=written.added,
        updated=written.updated,
        removed=len(plan.removed),
        unchanged=plan.unchanged,
        passages=written.passages,
        skipped=[replace(skip, path=store.key_text(skip.path)) for skip in written.skipped],
        seconds=time.monotonic() - began,
        documents=written.documents,
        touched=len(plan.touched),
    )


def _named_inside(location: Path, roots: list[Path], selection: Selection | None) -> list[Path]:
    """Files and folders an earlier run was given that lie inside `roots` and are still there:
    read again with them, since one named on the command line is always read, though the walk
    of a folder holding it passes it over (a hidden file, an ignored folder), and nothing
    indexed is to be lost. None when this run selects files of its own (--include, --exclude),
    which then say what the folders hold."""
    if selection is not None and selection != Selection():
        return []
    keys = [store.key_text(str(root)) for root in roots]
    inside = []
    for earlier in store.indexed_roots(location):
        if earlier not in keys and is_under(earlier, keys) and os.path.lexists(earlier):
            inside.append(Path(earlier))
    return inside


def _refresh_name_keys(ix: FileIndex, location: Path) -> None:
    """Bring the name key map beside the index up to date (`indexer.names.keymap`), so that the
    first variant search after this run need not make it."""
    from indexer.mentions import NAMES_FIELD, variant_key_map  # only after a run that committed

    with ix.searcher() as searcher:
        if NAMES_FIELD in searcher.schema.names():
            variant_key_map(searcher, location, ix.latest_generation())


def _plan(
    files: list[SourceFile],
    known: dict[str, store.FileRecord],
    roots: list[Path],
    unreadable: Iterable[str] = (),
) -> _Plan:
    plan = _Plan(known=known)
    seen: set[str] = set()
    for source in files:
        key = store.key_text(source.path)
        seen.add(key)
        record = known.get(key)
        if record is None:
            plan.changed.append(source)
        elif record.size == source.size and record.mtime_ns == source.mtime_ns:
            plan.unchanged += 1
        elif record.size == source.size and digest_or_none(source.path) == record.digest:
            plan.unchanged += 1
            plan.touched.append(replace(record, mtime_ns=source.mtime_ns))
        else:
            plan.changed.append(source)
            plan.updated.add(key)
    root_keys = [store.key_text(str(root)) for root in roots]
    kept = [store.key_text(path) for path in unreadable]  # there, but not to be looked at
    plan.removed = [
        key
        for key in known
        if key not in seen and is_under(key, root_keys) and not is_under(key, kept)
    ]
    return plan


# The work, in the workers or here


@dataclass(frozen=True)
class _FileTask:
    sources: tuple[SourceFile, ...]


@dataclass(frozen=True)
class _PassageBatch:
    key: str
    passages: list[dict[str, Any]]


@dataclass(frozen=True)
class _Outcome:
    """What became of one file: its new record, or why it was skipped (or both: a file with no
    text is recorded, so it is not read again, and reported as skipped); and what inside it could
    not be read (an e-mail's encrypted attachment), reported too."""

    source: SourceFile
    record: store.FileRecord | None
    skip: Skip | None = None
    inner_skips: tuple[Skip, ...] = ()  # parts of the file that could not be read


class _Tally:
    """Counts a file's documents and passages as they go by."""

    def __init__(self) -> None:
        self.docs: dict[str, None] = {}
        self.passages = 0
        self.encoding: str | None = None
        self.inner_skips: list[Skip] = []

    def count(self, document: Document) -> None:
        key = store.key_text(document.doc)
        if key not in self.docs:
            self.inner_skips.extend(document.skipped)
        self.docs[key] = None
        self.encoding = self.encoding or document.encoding
        self.passages += 1

    def outcome(self, source: SourceFile, digest: str) -> _Outcome:
        key = store.key_text(source.path)
        record = store.FileRecord(
            key,
            source.size,
            source.mtime_ns,
            digest,
            tuple(self.docs),
            self.passages,
            self.encoding,
            store.raw_path(source.path),
        )
        inner = tuple(self.inner_skips)
        if self.passages:
            return _Outcome(source, record, inner_skips=inner)
        reason = "empty file" if source.size == 0 else "no text"
        return _Outcome(source, record, Skip(key, reason, error=False), inner)


def _handle(options: ExtractOptions, task: Any, sink: Sink) -> list[_Outcome] | None:
    """A worker's job: whole files, or a batch of passages of a file read by the parent."""
    if isinstance(task, _PassageBatch):
        for fields in task.passages:
            sink.add(task.key, fields)
        return None
    return [_index_file(source, options, sink) for source in task.sources]


def _index_file(source: SourceFile, options: ExtractOptions, sink: Sink) -> _Outcome:
    """Extract, split and add one file's passages. The file is read whole before anything is
    added, so a file that fails part-way adds nothing."""
    key = store.key_text(source.path)
    digest = ""
    try:
        digest = _digest(source.path)
        documents = list(extract(Path(source.path), options))
        tally = _Tally()
        for document, fields in passage_fields(documents):
            tally.count(document)
            sink.add(key, fields)
        return tally.outcome(source, digest)
    except Exception as exc:  # every failure of one file is a skip: the run goes on
        sink.discard(key)
        return _failed(source, exc, digest)


def _failed(source: SourceFile, exc: Exception, digest: str) -> _Outcome:
    key = store.key_text(source.path)
    if isinstance(exc, NoText):
        record = store.FileRecord(
            key, source.size, source.mtime_ns, digest, (), 0, None, store.raw_path(source.path)
        )
        return _Outcome(source, record, Skip(key, str(exc), error=False))
    if isinstance(exc, PassagesError):
        reason = str(exc).removeprefix(f"{source.path}: ")
    elif isinstance(exc, OSError):
        reason = describe_os_error(exc)
    else:
        reason = f"could not be read ({type(exc).__name__}: {exc})"
    return _Outcome(source, None, Skip(key, reason))


class _Run:
    """Writing the plan: tasks out, outcomes in, a commit now and then."""

    def __init__(
        self,
        ix: FileIndex,
        plan: _Plan,
        options: ExtractOptions,
        limits: Limits,
        written: _Written,
    ) -> None:
        self.ix = ix
        self.plan = plan
        self.options = options
        self.limits = limits
        self.written = written
        self.records = dict(plan.known)  # the file records as of the last commit
        self.change = store.Change(dropped=set(plan.removed), records=list(plan.touched))
        self.batch_bytes = 0
        self.batch_began = time.monotonic()
        self.progress: Progress = _Silent()
        self.stream_bytes = STREAM_BYTES
        self.shown: dict[str, int] = {}  # bytes of a streamed file the progress bar counts

    def execute(self, progress: Progress, lock_fd: int, *, clear: bool) -> None:
        self.change.clear = clear
        pool = self._start_pool(lock_fd)
        try:
            self.progress = progress
            progress.start(len(self.plan.changed), sum(s.size for s in self.plan.changed))
            waiting: list[SourceFile] = []  # small files not sent yet, and their bytes
            waiting_bytes = 0
            for source in self.plan.changed:
                if source.size >= self.stream_bytes:
                    self._stream(pool, source)
                else:
                    waiting.append(source)
                    waiting_bytes += source.size
                    if len(waiting) >= TASK_FILES or waiting_bytes >= TASK_BYTES:
                        waiting, waiting_bytes = self._send(pool, waiting), 0
                self.batch_bytes += source.size
                self._take(_outcomes(pool.results()))
                if self._commit_due():
                    waiting, waiting_bytes = self._send(pool, waiting), 0
                    self._commit(pool)
            self._send(pool, waiting)
            self._commit(pool)
        finally:
            pool.close()

    def _send(self, pool: TaskPool, sources: list[SourceFile]) -> list[SourceFile]:
        """Send `sources` to the workers as one task; returns the empty list to wait in."""
        if sources:
            pool.submit(_FileTask(tuple(sources)), sum(source.size for source in sources))
        return []

    def _start_pool(self, lock_fd: int) -> TaskPool:
        handler = partial(_handle, self.options)
        processes = self.limits.processes or _cores()
        new_bytes = sum(source.size for source in self.plan.changed)
        if processes < 2 or new_bytes < PARALLEL_BYTES:
            return InlinePool(self.ix, handler)
        self.stream_bytes = min(STREAM_BYTES, max(SMALLEST_STREAMED, new_bytes // (2 * processes)))
        extraction.preload(source.path for source in self.plan.changed)
        return Pool(self.ix, handler, processes, lock_fd)

    def _stream(self, pool: TaskPool, source: SourceFile) -> None:
        """Read a large file here and send its passages to the workers in batches."""
        key = store.key_text(source.path)
        digest = ""
        try:
            digest = _digest(source.path)
            tally = _Tally()
            batch: list[dict[str, Any]] = []
            chars = 0
            for document, fields in passage_fields(extract(Path(source.path), self.options)):
                tally.count(document)
                batch.append(fields)
                chars += len(fields["text"])
                if chars >= BATCH_CHARS:
                    pool.submit(_PassageBatch(key, batch), chars)
                    batch, chars = [], 0
                    self._show_reading(source)
                    self._take(_outcomes(pool.results()))
            if batch:
                pool.submit(_PassageBatch(key, batch), chars)
            outcome = tally.outcome(source, digest)
        except Exception as exc:  # the file is skipped, the run goes on
            pool.discard(key)
            outcome = _failed(source, exc, digest)
        self._take([outcome])

    def _show_reading(self, source: SourceFile) -> None:
        """Move the progress bar on by how far this process has read into `source`."""
        position = read_position(source.path)
        shown = self.shown.get(source.path, 0)
        if position is not None and shown < position <= source.size:
            self.progress.advance(source.path, position - shown, files=0)
            self.shown[source.path] = position

    def _take(self, outcomes: Iterable[_Outcome]) -> None:
        for outcome in outcomes:
            key = store.key_text(outcome.source.path)
            skip = outcome.skip
            if outcome.record is None and key in self.plan.updated and skip is not None:
                # A changed file that could not be read again: its indexed version stays, and
                # the next run tries again (its record still has the old size and time).
                skip = replace(skip, reason=f"{skip.reason} (the version indexed before is kept)")
            else:
                self.change.dropped.add(key)
            if outcome.record is not None:
                self.change.records.append(outcome.record)
            self.written.skipped.extend(outcome.inner_skips)
            if skip is not None:
                self.written.skipped.append(skip)
            elif outcome.record is not None:
                if key in self.plan.updated:
                    self.written.updated += 1
                else:
                    self.written.added += 1
                self.written.passages += outcome.record.passages
                self.written.documents += len(outcome.record.docs)
            size = outcome.source.size - self.shown.pop(outcome.source.path, 0)
            self.progress.advance(outcome.source.path, size)

    def _commit_due(self) -> bool:
        return (
            self.batch_bytes >= self.limits.commit_bytes
            or time.monotonic() - self.batch_began >= self.limits.commit_seconds
        )

    def _commit(self, pool: TaskPool) -> None:
        results, segments = pool.flush()
        self._take(_outcomes(results))
        self.change.segments.extend(segments)
        if self.change:
            store.commit(self.ix, self.change)
            for key in self.change.dropped:
                self.records.pop(key, None)
            self.records.update((record.source, record) for record in self.change.records)
            store.save_manifest(self.ix, self.records)
        self.change = store.Change()
        self.batch_bytes = 0
        self.batch_began = time.monotonic()


def _outcomes(results: list[Any]) -> list[_Outcome]:
    """The outcomes in the workers' results (a list for each task of files)."""
    return [outcome for result in results for outcome in result]


def read_position(path: str) -> int | None:
    """How far this process has read into the file `path` (from Linux's /proc; None when that
    cannot be told)."""
    try:
        for fd in os.listdir("/proc/self/fd"):
            if os.readlink(f"/proc/self/fd/{fd}") == path:
                return os.lseek(int(fd), 0, os.SEEK_CUR)
    except (OSError, ValueError):
        return None
    return None


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _digest(path: str) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


def digest_or_none(path: str) -> str | None:
    try:
        return _digest(path)
    except OSError:
        return None
