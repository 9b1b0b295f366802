"""check_index compares the index with the disk; repair_index fixes what it finds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from indexer import check_index, index_paths, repair_index, search, store
from indexer.segments import SegmentBuilder
from indexer.sources import Selection
from tests.conftest import write


def key(path: Path) -> str:
    return store.key_text(str(path))


def test_a_fresh_index_matches_the_disk(built: Path) -> None:
    report = check_index(built)
    assert report.healthy and report.problem is None
    assert report.files == 3 and report.passages > 3


def test_missing_and_stale_files_are_found_and_repaired(built: Path, corpus: Path) -> None:
    (corpus / "notes.md").unlink()
    write(corpus / "statement.txt", "The water board met the farmers on Tuesday.\n")
    report = check_index(built)
    assert report.missing == [key(corpus / "notes.md")]
    assert report.stale == [key(corpus / "statement.txt")]
    assert not report.healthy
    repaired = repair_index(built)
    assert repaired.healthy and repaired.repaired
    assert [Path(hit.path).name for hit in search(built, "farmers")] == ["statement.txt"]


def test_a_file_new_in_a_folder_indexed_is_found_and_read_by_repair(
    built: Path, corpus: Path
) -> None:
    write(corpus / "later" / "memo.txt", "The lighthouse keeper resigned on Friday.\n")
    report = check_index(built)
    assert report.new == [key(corpus / "later" / "memo.txt")] and not report.healthy
    assert report.new_in == [key(corpus)]
    repaired = repair_index(built)
    assert repaired.healthy and repaired.new == []
    assert [Path(hit.path).name for hit in search(built, "lighthouse keeper")] == ["memo.txt"]


def test_new_files_follow_the_selection_the_folder_was_indexed_with(
    tmp_path: Path, corpus: Path
) -> None:
    location = tmp_path / "selected"
    selection = Selection(exclude=("drafts/**",))
    index_paths(location, [corpus], selection=selection)
    write(corpus / "drafts" / "draft.txt", "A draft about the quarry.\n")
    assert check_index(location).healthy
    write(corpus / "final.txt", "The final report on the quarry.\n")
    assert check_index(location).new == [key(corpus / "final.txt")]
    assert repair_index(location).healthy
    assert [Path(hit.path).name for hit in search(location, "quarry")] == ["final.txt"]
    index_paths(location, [corpus])  # indexed again with every file: the draft is read
    assert check_index(location).healthy
    assert store.indexed_selections(location) == {}


def test_touched_but_identical_file_is_not_stale(built: Path, corpus: Path) -> None:
    path = corpus / "notes.md"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert check_index(built).healthy


def test_passages_without_a_record_are_orphaned_and_dropped(built: Path) -> None:
    ix = store.open_index(built)
    builder = SegmentBuilder(ix.storage, ix.indexname, ix.schema)
    builder.add({"doc": "/lost/file.txt", "path": "/lost/file.txt", "passage": 1, "text": "Lost."})
    with store.write_lock(ix):
        store.commit(ix, store.Change(segments=[builder.finish()]))
    assert check_index(built).orphaned == ["/lost/file.txt"]
    assert repair_index(built).healthy
    assert search(built, "lost") == []


def test_a_record_whose_passages_are_gone_is_miscounted(built: Path, corpus: Path) -> None:
    ix = store.open_index(built)
    with store.write_lock(ix):
        writer = ix.writer(_lk=False)
        writer.delete_by_term("path", key(corpus / "notes.md"))
        writer.commit()
    assert check_index(built).miscounted == [key(corpus / "notes.md")]
    assert repair_index(built).healthy
    assert search(built, "militia commander")


def test_an_unreadable_index_is_rebuilt_from_its_roots(built: Path) -> None:
    for toc in built.glob("_MAIN_*.toc"):
        toc.write_bytes(b"garbage")
    report = check_index(built)
    assert report.problem is not None and "damaged" in report.problem
    assert repair_index(built).healthy
    assert search(built, "quota")


def test_a_missing_segment_file_is_found_and_the_index_rebuilt(built: Path) -> None:
    """Regression: a segment file gone from the index folder was found only when read, so
    check and search failed with an internal error (FileNotFoundError) instead of saying so."""
    postings = next(built.glob("*.pst"))
    postings.unlink()
    report = check_index(built)
    assert report.problem == f"{postings.name}: no such file or directory"
    assert repair_index(built).healthy
    assert search(built, "quota")


def test_a_first_run_stopped_part_way_leaves_check_its_folder(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folders are remembered before the work: a run stopped before its first commit
    (Ctrl-C) leaves `check` the files it did not index, as new."""
    from indexer import build

    def stopped(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build._Run, "execute", stopped)
    with pytest.raises(KeyboardInterrupt):
        index_paths(tmp_path / "stopped", [corpus])
    report = check_index(tmp_path / "stopped")
    assert len(report.new) == 3 and not report.healthy


def test_a_stored_file_cut_short_is_found_by_check_and_repaired(built: Path) -> None:
    """Regression: check said such an index matched the disk; the search meeting the cut
    record failed with an internal error."""
    stored = max(built.glob("*_stored.col"), key=lambda path: path.stat().st_size)
    stored.write_bytes(stored.read_bytes()[:40])
    report = check_index(built)
    assert report.problem is not None and "damaged" in report.problem
    assert repair_index(built).healthy
    assert search(built, "quota")
