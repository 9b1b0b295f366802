"""Walking the paths to index: hidden files, readable suffixes, --include/--exclude,
.passagesignore, links, folders that cannot be read, names that are not UTF-8."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from indexer.errors import PathNotFound
from indexer.extract import is_readable
from indexer.sources import Selection, find_sources, is_under, resolve_roots


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{name}\n")


def names(root: Path, selection: Selection | None = None) -> list[str]:
    found = find_sources([root], is_readable, selection)
    return [os.path.relpath(source.path, root) for source in found.files]


def test_hidden_files_and_unreadable_suffixes_are_passed_over(tmp_path: Path) -> None:
    touch(tmp_path, "a.txt", ".hidden.txt", ".git/b.txt", "c.png", "sub/d.md")
    assert names(tmp_path) == ["a.txt", "sub/d.md"]


def test_exclude_drops_files_and_folders(tmp_path: Path) -> None:
    touch(tmp_path, "a.txt", "drafts/b.txt", "drafts/deep/c.txt", "x/drafts/d.txt", "e.tmp.txt")
    selection = Selection(exclude=("drafts/**", "*.tmp.txt"))
    assert names(tmp_path, selection) == ["a.txt", "x/drafts/d.txt"]


def test_include_keeps_only_matching_files(tmp_path: Path) -> None:
    touch(tmp_path, "a.txt", "b.md", "sub/c.md", "sub/d.pdf")
    assert names(tmp_path, Selection(include=("*.md",))) == ["b.md", "sub/c.md"]
    assert names(tmp_path, Selection(include=("sub/*",))) == ["sub/c.md", "sub/d.pdf"]


def test_passagesignore_applies_below_its_folder_with_negation(tmp_path: Path) -> None:
    touch(tmp_path, "a.txt", "notes/b.txt", "notes/keep.txt", "notes/old/c.txt", "other/b.txt")
    (tmp_path / "notes" / ".passagesignore").write_text(
        "# comment\nb.txt\nold/\n*.txt\n!keep.txt\n"
    )
    assert names(tmp_path) == ["a.txt", "notes/keep.txt", "other/b.txt"]
    assert len(names(tmp_path, Selection(use_ignore_files=False))) == 5


def test_a_file_named_directly_is_taken_whatever_its_name(tmp_path: Path) -> None:
    touch(tmp_path, ".hidden.txt")
    found = find_sources([tmp_path / ".hidden.txt"], is_readable, Selection(include=("*.md",)))
    assert [Path(source.path).name for source in found.files] == [".hidden.txt"]


def test_a_file_given_twice_is_found_once(tmp_path: Path) -> None:
    touch(tmp_path, "a.txt")
    found = find_sources([tmp_path, tmp_path / "a.txt"], is_readable)
    assert len(found.files) == 1


def test_symlink_loop_and_broken_link_are_skipped_with_reasons(tmp_path: Path) -> None:
    touch(tmp_path, "a.txt")
    (tmp_path / "loop.txt").symlink_to("loop2.txt")
    (tmp_path / "loop2.txt").symlink_to("loop.txt")
    (tmp_path / "broken.txt").symlink_to("nowhere.txt")
    found = find_sources([tmp_path], is_readable)
    assert [Path(source.path).name for source in found.files] == ["a.txt"]
    reasons = {Path(skip.path).name: (skip.reason, skip.error) for skip in found.skipped}
    assert reasons == {
        "loop.txt": ("symlink loop", True),
        "loop2.txt": ("symlink loop", True),
        "broken.txt": ("broken symlink (its target does not exist)", True),
    }


def test_links_to_folders_are_not_followed(tmp_path: Path) -> None:
    touch(tmp_path, "real/a.txt")
    (tmp_path / "real" / "again").symlink_to(tmp_path / "real")
    assert names(tmp_path) == ["real/a.txt"]


def test_gzipped_files_other_than_collections_are_passed_over(tmp_path: Path) -> None:
    """Regression: every backup.tar.gz in a folder was taken, then skipped for an error
    ('no reader for gzipped files other than JSON'), so each run ended with exit code 2."""
    touch(tmp_path, "backup.tar.gz", "notes.txt.gz", "feed.jsonl.gz", "dump.JSON.GZ")
    assert names(tmp_path) == ["dump.JSON.GZ", "feed.jsonl.gz"]


def test_named_pipes_and_devices_are_passed_over_with_a_reason(tmp_path: Path) -> None:
    """Regression: a named pipe called notes.txt was opened and read, and the run waited
    forever for a writer; a link to a device would be read without end."""
    touch(tmp_path, "a.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    found = find_sources([tmp_path, tmp_path / "pipe.txt"], is_readable)
    assert [Path(source.path).name for source in found.files] == ["a.txt"]
    reasons = {Path(skip.path).name: (skip.reason, skip.error) for skip in found.skipped}
    assert reasons == {
        "pipe.txt": ("not a regular file (a named pipe)", False),
        "zero.txt": ("not a regular file (a device)", False),
    }


def test_folder_that_cannot_be_read_is_skipped_simulated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulated, so that it holds when the tests run as root (who may read any folder)."""
    touch(tmp_path, "a.txt", "closed/b.txt")
    scandir = os.scandir

    def refuse(path: str) -> object:
        if path == str(tmp_path / "closed"):
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    found = find_sources([tmp_path], is_readable)
    assert [Path(source.path).name for source in found.files] == ["a.txt"]
    assert [skip.reason for skip in found.skipped] == ["folder cannot be read: permission denied"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder whatever its mode")
def test_folder_that_cannot_be_read_is_skipped(tmp_path: Path) -> None:
    touch(tmp_path, "a.txt", "closed/b.txt")
    (tmp_path / "closed").chmod(0)
    try:
        found = find_sources([tmp_path], is_readable)
    finally:
        (tmp_path / "closed").chmod(0o700)
    assert [skip.reason for skip in found.skipped] == ["folder cannot be read: permission denied"]


def test_name_with_bytes_that_are_not_utf8_is_found(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "wb") as handle:
        handle.write(b"Un caf\xc3\xa9.\n")
    [source] = find_sources([tmp_path], is_readable).files
    assert os.fsencode(source.path) == raw


def test_roots_must_exist_and_are_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    touch(tmp_path, "a.txt")
    assert resolve_roots(["a.txt"]) == [tmp_path / "a.txt"]
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert resolve_roots(["../a.txt", "./../sub/."]) == [tmp_path / "a.txt", tmp_path / "sub"]
    with pytest.raises(PathNotFound):
        resolve_roots(["nowhere"])


def test_is_under_compares_whole_folder_names() -> None:
    assert is_under("/data/docs/a.txt", ["/data/docs"])
    assert not is_under("/data/docs2/a.txt", ["/data/docs"])


def test_a_file_reached_by_a_link_is_found_once_by_its_own_path(tmp_path: Path) -> None:
    touch(tmp_path, "report.txt", "other/notes.txt")
    (tmp_path / "a-link.txt").symlink_to("report.txt")  # sorts before its target
    os.link(tmp_path / "other" / "notes.txt", tmp_path / "other" / "copy.txt")
    found = find_sources([tmp_path], is_readable)
    assert [os.path.relpath(source.path, tmp_path) for source in found.files] == [
        "report.txt",
        "other/copy.txt",
    ]
    assert {(os.path.basename(s.path), s.reason, s.error) for s in found.skipped} == {
        ("a-link.txt", f"the same file as another path ({tmp_path / 'report.txt'})", False),
        ("notes.txt", f"the same file as another path ({tmp_path / 'other' / 'copy.txt'})", False),
    }


def test_a_link_to_a_file_outside_the_folder_is_read_by_the_link(tmp_path: Path) -> None:
    touch(tmp_path, "elsewhere/report.txt")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "report.txt").symlink_to(tmp_path / "elsewhere" / "report.txt")
    assert names(tmp_path / "docs") == ["report.txt"]
