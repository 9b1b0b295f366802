"""Indexing on every core: forked worker processes that each build segments of passages.

A `Pool` starts workers by `fork` (before any thread exists: the progress bar starts after), each
running a loop: take a task, call the pipeline's `handler(task, sink)`, send back its result
(None for nothing to report). The
`Sink` is where a handler puts passages: it fills a `SegmentBuilder`, starts a new one when the
held postings grow past a memory budget, and hands every finished segment to the parent on
`flush`, which the parent calls before each commit. Nothing a worker writes is part of the
index until the parent commits it, so a worker or a parent killed at any moment leaves files
that the next commit removes.

A worker dies with its parent (Linux's PR_SET_PDEATHSIG) and drops its copy of the write lock's
file descriptor, so a killed `passages index` never leaves a process holding the lock.
`InlinePool` has the same interface and runs the handler in the calling process (small runs,
one core, tests).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import random
import signal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from whoosh.codec.base import Segment
from whoosh.index import FileIndex

from indexer.errors import PassagesError
from indexer.segments import SegmentBuilder

# A worker starts a new segment when the postings it holds take about this much memory: with
# the interpreter and its caches, two workers and the parent stay under 500 MB together.
SEGMENT_MEMORY_BYTES = 80 << 20
# Tasks sent to one worker and not yet answered: enough to keep it busy, few enough that
# results never fill the pipe while the parent is sending.
MAX_IN_FLIGHT = 4
POLL_SECONDS = 0.5

_PR_SET_PDEATHSIG = 1


class WorkerDied(PassagesError):
    """An indexing worker process ended without answering."""


@dataclass
class _Range:
    key: str
    slot: int  # index into Sink.finished, or -1 for the builder still open
    first: int
    last: int


class Sink:
    """Where a worker's handler puts passages (`add`), one segment after another."""

    def __init__(self, ix: FileIndex, memory_bytes: int = SEGMENT_MEMORY_BYTES) -> None:
        self.ix = ix
        self.memory_bytes = memory_bytes
        self.builder: SegmentBuilder | None = None
        self.finished: list[Segment] = []
        self.ranges: list[_Range] = []

    def add(self, key: str, fields: dict[str, Any]) -> None:
        """Add one passage of the source `key`."""
        if self.builder is None:
            self.builder = SegmentBuilder(self.ix.storage, self.ix.indexname, self.ix.schema)
        docnum = self.builder.add(fields)
        last = self.ranges[-1] if self.ranges else None
        if last is not None and last.key == key and last.slot == -1 and last.last == docnum - 1:
            last.last = docnum
        else:
            self.ranges.append(_Range(key, -1, docnum, docnum))
        if self.builder.memory_bytes() > self.memory_bytes:
            self._finish_builder()

    def discard(self, key: str) -> None:
        """Delete every passage of `key` added since the last flush (its file failed)."""
        for found in self.ranges:
            if found.key != key:
                continue
            docnums = range(found.first, found.last + 1)
            if found.slot == -1 and self.builder is not None:
                self.builder.discard(docnums)
            elif found.slot >= 0:
                for docnum in docnums:
                    self.finished[found.slot].delete_document(docnum)

    def flush(self) -> list[Segment]:
        """Every segment made since the last flush, finished and ready to commit."""
        self._finish_builder()
        segments, self.finished, self.ranges = self.finished, [], []
        return segments

    def cancel(self) -> None:
        if self.builder is not None:
            self.builder.cancel()
            self.builder = None

    def _finish_builder(self) -> None:
        if self.builder is None:
            return
        builder, self.builder = self.builder, None
        if builder.count == 0:
            builder.cancel()
            return
        slot = len(self.finished)
        self.finished.append(builder.finish())
        for found in self.ranges:
            if found.slot == -1:
                found.slot = slot


Handler = Callable[[Any, Sink], Any]


class TaskPool(Protocol):
    """What the pipeline needs of a pool: submit tasks, collect results, flush segments."""

    def submit(self, task: Any, size: int) -> None: ...

    def results(self, block: bool = False) -> list[Any]: ...

    def pending(self) -> int: ...

    def discard(self, key: str) -> None: ...

    def flush(self) -> tuple[list[Any], list[Segment]]: ...

    def close(self) -> None: ...


class InlinePool:
    """Runs every task at once in this process."""

    def __init__(self, ix: FileIndex, handler: Handler) -> None:
        self.sink = Sink(ix)
        self.handler = handler
        self.done: list[Any] = []

    def submit(self, task: Any, size: int) -> None:
        result = self.handler(task, self.sink)
        if result is not None:
            self.done.append(result)

    def results(self, block: bool = False) -> list[Any]:
        done, self.done = self.done, []
        return done

    def pending(self) -> int:
        return 0

    def discard(self, key: str) -> None:
        self.sink.discard(key)

    def flush(self) -> tuple[list[Any], list[Segment]]:
        return self.results(), self.sink.flush()

    def close(self) -> None:
        self.sink.cancel()


class Pool:
    """`processes` forked workers; tasks go to the least busy one. Tasks and results travel
    through multiprocessing queues, whose feeder threads never block the sender, so neither side
    can wait on the other while both are sending."""

    def __init__(self, ix: FileIndex, handler: Handler, processes: int, lock_fd: int) -> None:
        context = multiprocessing.get_context("fork")
        self.results_queue: Any = context.Queue()
        self.task_queues: list[Any] = []
        self.workers: list[Any] = []
        self.loads: list[list[int]] = []  # sizes of the tasks each worker has not answered
        self.ready: list[Any] = []
        self.flushed: list[list[Segment] | None] = []
        parent = os.getpid()
        for number in range(processes):
            tasks = context.Queue()
            worker = context.Process(
                target=_serve,
                args=(number, tasks, self.results_queue, ix, handler, parent, lock_fd),
                daemon=True,
            )
            worker.start()
            self.task_queues.append(tasks)
            self.workers.append(worker)
            self.loads.append([])
            self.flushed.append(None)

    def submit(self, task: Any, size: int) -> None:
        """Send `task` to the worker with the least work waiting (waiting for one to answer
        when all have MAX_IN_FLIGHT tasks)."""
        while all(len(load) >= MAX_IN_FLIGHT for load in self.loads):
            self._collect(block=True)
        number = min(range(len(self.loads)), key=lambda n: sum(self.loads[n]))
        self.task_queues[number].put(("task", task))
        self.loads[number].append(size)

    def results(self, block: bool = False) -> list[Any]:
        """The results that have come back (with `block`, at least one when any is due)."""
        if not self.ready:
            self._collect(block=block and self.pending() > 0)
        ready, self.ready = self.ready, []
        return ready

    def pending(self) -> int:
        return sum(len(load) for load in self.loads)

    def discard(self, key: str) -> None:
        for tasks in self.task_queues:
            tasks.put(("discard", key))

    def flush(self) -> tuple[list[Any], list[Segment]]:
        """Wait for every task's result, then for every worker's finished segments."""
        for tasks in self.task_queues:
            tasks.put(("flush", None))
        while self.pending() or any(found is None for found in self.flushed):
            self._collect(block=True)
        segments = [segment for found in self.flushed for segment in found or []]
        self.flushed = [None] * len(self.workers)
        ready, self.ready = self.ready, []
        return ready, segments

    def close(self) -> None:
        for tasks in self.task_queues:
            with contextlib.suppress(OSError, ValueError):
                tasks.put(("stop", None))
        for worker in self.workers:
            worker.join(timeout=5)
            if worker.is_alive():
                worker.kill()
                worker.join()
        for channel in [*self.task_queues, self.results_queue]:
            channel.cancel_join_thread()
            channel.close()

    def _collect(self, block: bool) -> None:
        """Take what the workers have sent; with `block`, wait until something comes."""
        while True:
            try:
                number, kind, payload = self.results_queue.get(timeout=POLL_SECONDS if block else 0)
            except queue.Empty:
                if not block:
                    return
                self._check_alive()
                continue
            self._receive(number, kind, payload)
            block = False

    def _receive(self, number: int, kind: str, payload: Any) -> None:
        if kind == "done":
            self.loads[number].pop(0)
            if payload is not None:
                self.ready.append(payload)
        elif kind == "flushed":
            self.flushed[number] = payload
        else:
            raise WorkerDied(f"an indexing worker failed: {payload}")

    def _check_alive(self) -> None:
        for worker in self.workers:
            if not worker.is_alive():
                raise WorkerDied(
                    f"an indexing worker process ended unexpectedly (exit code {worker.exitcode})",
                    hint="what this run committed is kept; run `passages index` again",
                )


def _serve(
    number: int,
    tasks: Any,
    results: Any,
    ix: FileIndex,
    handler: Handler,
    parent: int,
    lock_fd: int,
) -> None:
    """A worker's life: answer tasks until told to stop (or until the parent is gone)."""
    _die_with_parent(parent)
    with contextlib.suppress(OSError):
        os.close(lock_fd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    random.seed()
    sink = Sink(ix)
    try:
        while True:
            kind, payload = tasks.get()
            if kind == "stop":
                break
            if kind == "task":
                results.put((number, "done", handler(payload, sink)))
            elif kind == "discard":
                sink.discard(payload)
            elif kind == "flush":
                results.put((number, "flushed", sink.flush()))
    except Exception as exc:  # reported to the parent, which stops the run
        results.put((number, "failed", f"{type(exc).__name__}: {exc}"))
    finally:
        sink.cancel()
        results.close()
        results.join_thread()


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies; elsewhere, do without."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
