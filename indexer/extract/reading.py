"""Opening source files: faults of the file system become ExtractionFailed with a reason a
person can act on ("permission denied", "file vanished before it could be read"...)."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from indexer.errors import ExtractionFailed


@contextmanager
def open_source(path: Path) -> Iterator[BinaryIO]:
    """Open `path` for binary reading; OS errors while opening or reading become
    ExtractionFailed. On leaving, a file whose size or mtime moved while it was read fails too."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the change check
    except OSError as exc:
        raise ExtractionFailed(describe_os_error(exc)) from exc
    with handle:
        before = _stamp(handle)
        try:
            yield handle
        except OSError as exc:
            raise ExtractionFailed(describe_os_error(exc)) from exc
        if _stamp(handle) != before:
            raise ExtractionFailed("file changed while being read")


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
