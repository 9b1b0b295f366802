"""Walking the paths given to `index`: which files to read, skipping hidden files and folders."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from indexer.errors import PathNotFound


@dataclass(frozen=True)
class SourceFile:
    """A file found on disk, with what incremental indexing compares."""

    path: str
    size: int
    mtime_ns: int


def resolve_roots(paths: Iterable[str | Path]) -> list[Path]:
    """Absolute forms of the paths to index; raises PathNotFound for one that does not exist."""
    roots = []
    for given in paths:
        path = Path(given).expanduser()
        if not path.exists():
            raise PathNotFound(f"{given}: no such file or folder")
        roots.append(path.absolute())
    return roots


def walk_sources(roots: Iterable[Path], accepts: Callable[[str], bool]) -> Iterator[SourceFile]:
    """Files under `roots` whose name `accepts`, hidden files and folders skipped.
    A file named directly is taken even when hidden. Each file is yielded once."""
    seen: set[str] = set()
    for root in roots:
        if root.is_file():
            found: Iterable[SourceFile] = _one_file(root)
        else:
            found = _walk_folder(root, accepts)
        for source in found:
            if source.path not in seen:
                seen.add(source.path)
                yield source


def _one_file(path: Path) -> Iterator[SourceFile]:
    stat = path.stat()
    yield SourceFile(str(path), stat.st_size, stat.st_mtime_ns)


def _walk_folder(root: Path, accepts: Callable[[str], bool]) -> Iterator[SourceFile]:
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not accepts(name):
                continue
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            yield SourceFile(path, stat.st_size, stat.st_mtime_ns)


def is_under(path: str, roots: Iterable[Path]) -> bool:
    """Whether `path` is one of `roots` or lies below one of them."""
    for root in roots:
        text = str(root)
        if path == text or path.startswith(text.rstrip(os.sep) + os.sep):
            return True
    return False
