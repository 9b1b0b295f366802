"""Opening source files: faults of the file system become ExtractionFailed with a reason a
person can act on ("permission denied", "file vanished before it could be read"...); only
regular files are read (a named pipe would block the run)."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from indexer.errors import ExtractionFailed


@contextmanager
def open_source(path: Path) -> Iterator[BinaryIO]:
    """Open `path` for binary reading; OS errors while opening or reading become
    ExtractionFailed. On leaving, a file whose size or mtime moved while it was read fails too."""
    handle = _open_regular_file(path)
    with handle:
        before = _stamp(handle)
        try:
            yield handle
        except OSError as exc:
            raise ExtractionFailed(describe_os_error(exc)) from exc
        if _stamp(handle) != before:
            raise ExtractionFailed("file changed while being read")


def _open_regular_file(path: Path) -> BinaryIO:
    """`path` opened for binary reading, if it is a regular file. Opened without waiting, so a
    named pipe put in a file's place after the walk fails instead of blocking the run."""
    try:
        handle = open(path, "rb", opener=_without_waiting)  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise ExtractionFailed(describe_os_error(exc)) from exc
    mode = os.fstat(handle.fileno()).st_mode
    if not stat.S_ISREG(mode):
        handle.close()
        raise ExtractionFailed(not_a_file_reason(mode))
    os.set_blocking(handle.fileno(), True)
    return handle


def _without_waiting(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def not_a_file_reason(mode: int) -> str:
    """Why something with a file's name is not read: reading a named pipe would wait forever
    for a writer, and a device may never end."""
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "not a regular file (a named pipe)"
    if stat.S_ISSOCK(mode):
        return "not a regular file (a socket)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "not a regular file (a device)"
    return "not a regular file"


def describe_os_error(exc: OSError) -> str:
    """A short reason for an OS error met while reading a file."""
    if isinstance(exc, FileNotFoundError):
        return "file vanished before it could be read"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    return f"cannot read: {exc.strerror or exc}"


def _stamp(handle: BinaryIO) -> tuple[int, int]:
    status = os.fstat(handle.fileno())
    return status.st_size, status.st_mtime_ns
