"""Junk and faults during indexing: each is skipped with its reason (an error or not), the run
goes on, and nothing of a failed file stays in the index."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer import build, index_paths, search, store
from indexer.build import Limits
from indexer.errors import ExtractionFailed, IndexUnwritable
from indexer.extract import _REGISTRY, ExtractOptions, reading, text
from indexer.models import Document
from indexer.store import key_text, load_file_records, open_index
from tests.conftest import write


def skips(report: build.IndexReport) -> dict[str, tuple[str, bool]]:
    return {Path(skip.path).name: (skip.reason, skip.error) for skip in report.skipped}


def paths_in_index(location: Path) -> set[str]:
    with open_index(location).searcher() as searcher:
        return {Path(f["path"]).name for f in searcher.all_stored_fields() if "text" in f}


def test_empty_file_is_skipped_without_error_and_not_read_again(
    tmp_path: Path, index_dir: Path
) -> None:
    write(tmp_path / "docs" / "empty.txt", "")
    write(tmp_path / "docs" / "blank.md", "\n\n   \n")
    write(tmp_path / "docs" / "full.txt", "Some words.\n")
    report = index_paths(index_dir, [tmp_path / "docs"])
    assert skips(report) == {"empty.txt": ("empty file", False), "blank.md": ("no text", False)}
    again = index_paths(index_dir, [tmp_path / "docs"])
    assert (again.unchanged, again.skipped) == (3, [])


def test_file_that_vanishes_before_it_is_read(
    tmp_path: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "docs" / "gone.txt", "Soon gone.\n")
    write(tmp_path / "docs" / "kept.txt", "Kept.\n")
    walk = build.find_sources

    def walk_then_delete(*args: object, **kwargs: object) -> build.Found:  # type: ignore[name-defined]
        found = walk(*args, **kwargs)  # type: ignore[arg-type]
        (tmp_path / "docs" / "gone.txt").unlink()
        return found

    monkeypatch.setattr(build, "find_sources", walk_then_delete)
    report = index_paths(index_dir, [tmp_path / "docs"])
    assert report.added == 1
    assert skips(report) == {"gone.txt": ("file vanished before it could be read", True)}


def test_file_that_changes_while_it_is_read(
    tmp_path: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "docs" / "growing.txt", "Growing.\n")
    write(tmp_path / "docs" / "still.txt", "Still.\n")
    stamps = iter([(1, 1), (2, 2)])
    real_stamp = reading._stamp

    def moving(handle: object) -> tuple[int, int]:
        if str(getattr(handle, "name", "")).endswith("growing.txt"):
            return next(stamps)
        return real_stamp(handle)  # type: ignore[arg-type]

    monkeypatch.setattr(reading, "_stamp", moving)
    report = index_paths(index_dir, [tmp_path / "docs"])
    assert skips(report) == {"growing.txt": ("file changed while being read", True)}
    assert paths_in_index(index_dir) == {"still.txt"}


def test_permission_denied(
    tmp_path: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "docs" / "secret.txt", "Private.\n")
    real_open = open

    def refuse(file: object, mode: str = "r", **options: object) -> object:
        if str(file).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, mode, **options)  # type: ignore[call-overload]

    monkeypatch.setattr(reading, "open", refuse, raising=False)
    report = index_paths(index_dir, [tmp_path / "docs"])
    assert skips(report) == {"secret.txt": ("permission denied", True)}
    assert index_paths(index_dir, [tmp_path / "docs"]).skipped  # tried again next time


def test_a_changed_file_that_cannot_be_read_again_keeps_its_indexed_version(
    tmp_path: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "docs" / "secret.txt", "Private budget figures.\n")
    index_paths(index_dir, [tmp_path / "docs"])
    write(tmp_path / "docs" / "secret.txt", "Private budget figures, revised.\n")
    real_open = open

    def refuse(file: object, mode: str = "r", **options: object) -> object:
        if str(file).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, mode, **options)  # type: ignore[call-overload]

    monkeypatch.setattr(reading, "open", refuse, raising=False)
    report = index_paths(index_dir, [tmp_path / "docs"])
    assert (report.removed, report.updated) == (0, 0)
    assert skips(report) == {
        "secret.txt": ("permission denied (the version indexed before is kept)", True)
    }
    assert paths_in_index(index_dir) == {"secret.txt"}
    monkeypatch.undo()
    again = index_paths(index_dir, [tmp_path / "docs"])  # readable again: read again
    assert (again.updated, again.skipped) == (1, [])


def test_a_folder_that_cannot_be_read_keeps_what_was_indexed_from_it(
    tmp_path: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "docs" / "sub" / "inner.txt", "Inner words.\n")
    write(tmp_path / "docs" / "top.txt", "Top words.\n")
    write(tmp_path / "docs" / "gone" / "old.txt", "Old words.\n")
    index_paths(index_dir, [tmp_path / "docs"])
    (tmp_path / "docs" / "gone" / "old.txt").unlink()
    (tmp_path / "docs" / "gone").rmdir()
    real_scandir = os.scandir

    def refuse(path: str) -> object:
        if str(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr("indexer.sources.os.scandir", refuse)
    report = index_paths(index_dir, [tmp_path / "docs"])
    assert skips(report) == {"sub": ("folder cannot be read: permission denied", True)}
    assert report.removed == 1  # the deleted folder's file, not the unreadable one's
    assert paths_in_index(index_dir) == {"inner.txt", "top.txt"}


def test_symlink_loop_is_reported(tmp_path: Path, index_dir: Path) -> None:
    write(tmp_path / "docs" / "real.txt", "Real.\n")
    (tmp_path / "docs" / "loop.txt").symlink_to("loop.txt")
    report = index_paths(index_dir, [tmp_path / "docs"])
    assert report.added == 1
    assert skips(report) == {"loop.txt": ("symlink loop", True)}


def test_an_extractor_bug_skips_the_file_and_the_run_goes_on(
    tmp_path: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "docs" / "bad.txt", "Trips a bug.\n")
    write(tmp_path / "docs" / "good.txt", "Fine.\n")

    def buggy(path: Path, options: ExtractOptions) -> Iterator[Document]:
        if path.name == "bad.txt":
            raise ValueError("unexpected")
        yield from text.extract_text(path, options)

    monkeypatch.setitem(_REGISTRY, ".txt", buggy)
    report = index_paths(index_dir, [tmp_path / "docs"])
    assert skips(report) == {"bad.txt": ("could not be read (ValueError: unexpected)", True)}
    assert paths_in_index(index_dir) == {"good.txt"}


def test_name_with_bytes_that_are_not_utf8(tmp_path: Path, index_dir: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/caf\xe9 notes.txt", "wb") as handle:
        handle.write(b"The caravan reached the oasis.\n")
    report = index_paths(index_dir, [folder])
    assert report.added == 1
    [hit] = search(index_dir, "caravan")
    assert hit.path == f"{folder}/caf\\xe9 notes.txt"
    assert hit.path == key_text(os.fsdecode(os.fsencode(folder) + b"/caf\xe9 notes.txt"))
    [record] = load_file_records(open_index(index_dir)).values()
    assert os.path.exists(record.disk_path)
    assert index_paths(index_dir, [folder]).unchanged == 1


def test_lone_surrogates_in_a_collection_become_replacement_characters(
    tmp_path: Path, index_dir: Path
) -> None:
    (tmp_path / "records.jsonl").write_text(
        json.dumps({"id": "odd\udc80id", "text": "A broken \udc80 character in the oasis."}) + "\n",
        encoding="utf-8",
        errors="surrogatepass",
    )
    assert index_paths(index_dir, [tmp_path / "records.jsonl"]).added == 1
    [hit] = search(index_dir, "oasis")
    assert "\ufffd" in hit.text
    assert hit.doc == "odd\\x80id"
    hit.text.encode("utf-8")


@pytest.mark.parametrize("processes", [1, 2])
def test_large_file_is_streamed_in_parts_with_the_same_passages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processes: int
) -> None:
    paragraphs = [f"Paragraph {n} speaks of harbour number {n}." for n in range(400)]
    write(tmp_path / "docs" / "big.txt", "\n\n".join(paragraphs) + "\n")
    whole = index_paths(tmp_path / "whole", [tmp_path / "docs"])
    monkeypatch.setattr(build, "STREAM_BYTES", 1_000)
    monkeypatch.setattr(build, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(build, "BATCH_CHARS", 2_000)
    monkeypatch.setattr(text, "PART_CHARS", 3_000)
    streamed = index_paths(
        tmp_path / "parts", [tmp_path / "docs"], limits=Limits(processes=processes)
    )
    assert streamed.passages == whole.passages == 400
    numbers = sorted(hit.passage for hit in search(tmp_path / "parts", "harbour", limit=1000))
    assert numbers == list(range(1, 401))
    [hit] = search(tmp_path / "parts", '"harbour number 399"')
    assert (hit.line_start, hit.passage) == (799, 400)


@pytest.mark.parametrize("processes", [1, 2])
def test_large_file_failing_part_way_leaves_nothing_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processes: int
) -> None:
    write(tmp_path / "docs" / "big.txt", "Harbour text.\n\n" * 500)
    write(tmp_path / "docs" / "small.txt", "Harbour note.\n")

    def fails_late(path: Path, options: ExtractOptions) -> Iterator[Document]:
        parts = text.extract_text(path, options)
        if path.name == "big.txt":
            yield next(parts)
            yield next(parts)
            raise ExtractionFailed("file changed while being read")
        yield from parts

    monkeypatch.setitem(_REGISTRY, ".txt", fails_late)
    monkeypatch.setattr(build, "STREAM_BYTES", 1_000)
    monkeypatch.setattr(build, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(build, "BATCH_CHARS", 500)
    monkeypatch.setattr(text, "PART_CHARS", 1_000)
    report = index_paths(
        tmp_path / "index", [tmp_path / "docs"], limits=Limits(processes=processes)
    )
    assert skips(report) == {"big.txt": ("file changed while being read", True)}
    assert paths_in_index(tmp_path / "index") == {"small.txt"}


def test_index_folder_that_cannot_be_made_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """A real OS error whoever runs the tests (root may write anywhere): a file in the way."""
    write(tmp_path / "docs" / "a.txt", "Some words.\n")
    write(tmp_path / "taken", "a file, not a folder\n")
    with pytest.raises(IndexUnwritable, match="cannot write the index at .*taken"):
        index_paths(tmp_path / "taken" / "index", [tmp_path / "docs"])


def test_disk_full_during_a_commit_is_an_error_and_keeps_the_last_commit(
    tmp_path: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "docs" / "a.txt", "Harbour words.\n")
    index_paths(index_dir, [tmp_path / "docs"])
    write(tmp_path / "docs" / "b.txt", "Militia words.\n")

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "_write_toc", full)
    with pytest.raises(IndexUnwritable, match="no space left") as raised:
        index_paths(index_dir, [tmp_path / "docs"])
    assert "what was committed is kept" in (raised.value.hint or "")
    monkeypatch.undo()
    assert paths_in_index(index_dir) == {"a.txt"}
    assert index_paths(index_dir, [tmp_path / "docs"]).added == 1


@pytest.mark.parametrize("processes", [1, 2])
def test_a_file_failing_among_many_sent_together_leaves_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processes: int
) -> None:
    """Small files go to the workers several to a task: one failing skips it alone."""
    for number in range(2 * build.TASK_FILES + 5):
        write(tmp_path / "docs" / f"note-{number:03}.txt", f"Harbour note {number}.\n")
    write(tmp_path / "docs" / "note-070.jsonl", '{"text": "Harbour record"\n')  # malformed
    monkeypatch.setattr(build, "PARALLEL_BYTES", 0)
    report = index_paths(
        tmp_path / "index", [tmp_path / "docs"], limits=Limits(processes=processes)
    )
    assert report.added == 2 * build.TASK_FILES + 5
    assert list(skips(report)) == ["note-070.jsonl"]
    assert len(paths_in_index(tmp_path / "index")) == 2 * build.TASK_FILES + 5
    assert len(search(tmp_path / "index", "harbour", limit=1000)) == 2 * build.TASK_FILES + 5
