"""Faults of the file system, the same for every format: a file that vanished, cannot be
opened, loops, changes while it is read, or has a name that is not UTF-8."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from indexer.errors import ExtractionFailed, UnsupportedFormat
from indexer.extract import extract, reading, supported_suffixes, text

SUFFIXES = sorted(supported_suffixes())


def test_every_suffix_is_read_by_some_extractor() -> None:
    assert {".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".eml", ".jsonl", ".json"} <= set(
        supported_suffixes()
    )


def test_an_unknown_suffix_is_unsupported(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat, match=r"no reader for \.xyz"):
        extract(tmp_path / "data.xyz")


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_vanished_file_fails_with_a_reason(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"gone{suffix}"
    path.write_bytes(b"soon gone")
    path.unlink()
    with pytest.raises(ExtractionFailed, match="^file vanished before it could be read$"):
        list(extract(path))


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_permission_denied_fails_with_a_reason(
    tmp_path: Path, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulated, so that it holds when the tests run as root (who may read anything)."""
    path = tmp_path / f"secret{suffix}"
    path.write_bytes(b"private")

    def refuse(file: object, mode: str = "r", **options: object) -> None:
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr(reading, "open", refuse, raising=False)
    with pytest.raises(ExtractionFailed, match="^permission denied$"):
        list(extract(path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_permission_denied_by_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("private\n", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(ExtractionFailed, match="^permission denied$"):
            list(extract(path))
    finally:
        path.chmod(0o600)


def test_a_symlink_loop_fails_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "loop.txt"
    path.symlink_to(path.name)
    with pytest.raises(ExtractionFailed, match="^symlink loop$"):
        list(extract(path))


def test_a_named_pipe_fails_at_once_instead_of_waiting_for_a_writer(tmp_path: Path) -> None:
    """Regression: a named pipe put where a file was (after the walk) blocked the run."""
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    outcome: list[BaseException] = []

    def read_it() -> None:
        try:
            list(extract(path))
        except BaseException as exc:
            outcome.append(exc)

    reader = threading.Thread(target=read_it, daemon=True)
    reader.start()
    reader.join(timeout=30)
    if reader.is_alive():  # unblock the reader so that the test run can end
        with open(path, "wb"):
            pass
        pytest.fail("reading a named pipe blocked")
    assert [str(exc) for exc in outcome] == ["not a regular file (a named pipe)"]


def test_a_folder_with_a_file_suffix_fails_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "folder.txt"
    path.mkdir()
    with pytest.raises(ExtractionFailed, match="^is a directory$"):
        list(extract(path))


def test_a_file_that_grows_while_it_is_read_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text, "PART_CHARS", 100)
    path = tmp_path / "growing.txt"
    path.write_text("a line of the log\n" * 50, encoding="utf-8")
    documents = extract(path)
    next(documents)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("a line written meanwhile\n")
    with pytest.raises(ExtractionFailed, match="^file changed while being read$"):
        list(documents)


ODD_NAMES = [b"caf\xe9 \xff.txt", b"\xd9\x85\xd9\x84\xd9\x81.txt", b"a\nb.txt", b"-dash.txt"]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_names_with_odd_bytes_are_read(tmp_path: Path, name: bytes) -> None:
    raw = os.path.join(os.fsencode(tmp_path), name)
    with open(raw, "wb") as handle:
        handle.write(b"text under an odd name\n")
    path = Path(os.fsdecode(raw))
    [document] = extract(path)
    assert document.text == "text under an odd name\n"
    assert document.doc == document.path == os.fsdecode(raw)
    assert os.fsencode(document.doc) == raw  # the id gives the file's bytes back
