"""`passages check`: how the index compares with the files on disk, and `--repair`.

Compared: whether the index can be read at all; each file record with its file (gone from disk,
or changed since it was indexed: size and mtime, the content hash when only the mtime moved);
the passages held for each path with the records (passages of a path without a record, or a
record whose passage count is not what the index holds); the folders indexed (remembered in
`passages.json`, with the `--include` / `--exclude` they were indexed with) with the index:
files there that it does not hold (new since the last run, or skipped for an error).

Repairs: an index that cannot be read is rebuilt from the paths it was made from; records and
passages of missing files and orphaned passages are dropped in one commit; changed and
miscounted files are indexed again, and the folders holding new files.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from whoosh.index import FileIndex

from indexer import store
from indexer.build import Progress, digest_or_none, index_paths
from indexer.errors import IndexCorrupt, IndexIncompatible, IndexMissing
from indexer.extract import is_readable
from indexer.models import CheckReport
from indexer.sources import Selection, find_sources


def check_index(location: Path) -> CheckReport:
    """Compare the index at `location` with the disk. Raises IndexMissing when there is none."""
    return _compare(location)[0]


def _compare(location: Path) -> tuple[CheckReport, dict[str, store.FileRecord]]:
    roots = store.indexed_roots(location)
    try:
        ix = store.open_index(location)
        records = store.records_in_index(ix)
        counts = _passages_by_path(ix)
        _read_stored(ix)
    except (IndexCorrupt, IndexIncompatible) as exc:
        problem = str(exc).removeprefix(f"cannot read the index at {location}: ")
        return CheckReport(str(location), problem=problem, roots=roots), {}
    except IndexMissing:
        raise
    except Exception as exc:  # a damaged file found only once it is read (a bad stored record)
        return CheckReport(str(location), problem=store.damage_reason(exc), roots=roots), {}
    report = CheckReport(
        str(location), files=len(records), passages=sum(counts.values()), roots=roots
    )
    for record in sorted(records.values(), key=lambda r: r.source):
        state = _disk_state(record)
        if state == "missing":
            report.missing.append(record.source)
        elif state == "stale":
            report.stale.append(record.source)
        elif counts.get(record.source, 0) != record.passages:
            report.miscounted.append(record.source)
    report.orphaned.extend(sorted(path for path in counts if path not in records))
    for root, paths in _not_indexed(location, roots, records).items():
        report.new.extend(paths)
        report.new_in.append(root)
    report.new.sort()
    return report, records


def _not_indexed(
    location: Path, roots: list[str], records: dict[str, store.FileRecord]
) -> dict[str, list[str]]:
    """For each folder indexed, the files found there now, as `index` would find them, that
    the index holds no record of."""
    selections = store.indexed_selections(location)
    new: dict[str, list[str]] = {}
    seen: set[str] = set()
    for root in roots:
        if not os.path.isdir(root):
            continue
        selection = Selection.recalled(selections.get(root))
        for source in find_sources([Path(root)], is_readable, selection).files:
            key = store.key_text(source.path)
            if key not in records and key not in seen:
                seen.add(key)
                new.setdefault(root, []).append(key)
    return new


def repair_index(
    location: Path,
    *,
    progress: Progress | None = None,
    on_wait: Callable[[], None] | None = None,
    wait_seconds: float = 60.0,
) -> CheckReport:
    """Fix what `check_index` finds; returns the check made afterwards."""
    found, records = _compare(location)
    if found.problem is not None:
        existing = [root for root in found.roots if os.path.exists(root)]
        if not existing:  # passages.json lost or damaged: the files the segments name
            existing = [path for path in store.recorded_files(location) if os.path.exists(path)]
        if existing:
            index_paths(
                location,
                existing,
                rebuild=True,
                progress=progress,
                on_wait=on_wait,
                wait_seconds=wait_seconds,
            )
    elif not found.healthy:
        _drop(location, {*found.missing, *found.orphaned, *found.miscounted}, on_wait, wait_seconds)
        paths = [records[key].disk_path for key in [*found.stale, *found.miscounted]]
        again = [path for path in paths if os.path.exists(path)]
        if again:
            index_paths(
                location, again, progress=progress, on_wait=on_wait, wait_seconds=wait_seconds
            )
        selections = store.indexed_selections(location)
        for root in found.new_in:
            selection = Selection.recalled(selections.get(root))
            index_paths(
                location,
                [root],
                selection=selection,
                progress=progress,
                on_wait=on_wait,
                wait_seconds=wait_seconds,
            )
    return replace(check_index(location), repaired=True)


def _drop(
    location: Path, sources: set[str], on_wait: Callable[[], None] | None, wait_seconds: float
) -> None:
    ix = store.open_index(location)
    with store.index_writes(location), store.write_lock(ix, timeout=wait_seconds, on_wait=on_wait):
        store.commit(ix, store.Change(dropped=sources))


def _read_stored(ix: FileIndex) -> None:
    """Read every passage's stored record, so that a stored file cut short or overwritten is
    found by `check`, not by the search that meets it (about 10 µs a passage)."""
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for docnum in reader.all_doc_ids():
            reader.stored_fields(docnum)


def _passages_by_path(ix: FileIndex) -> dict[str, int]:
    """How many live passages the index holds for each path."""
    counts: dict[str, int] = {}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for term in list(reader.lexicon("path")):
            path = term.decode("utf-8") if isinstance(term, bytes) else term
            counts[path] = sum(1 for _ in reader.postings("path", term).all_ids())
    return {path: count for path, count in counts.items() if count}


def _disk_state(record: store.FileRecord) -> str:
    """ "missing", "stale" or "same"."""
    try:
        status = os.stat(record.disk_path)
    except OSError:
        return "missing"
    if status.st_size != record.size:
        return "stale"
    if status.st_mtime_ns == record.mtime_ns:
        return "same"
    return "same" if digest_or_none(record.disk_path) == record.digest else "stale"
