"""Walking the paths given to `index`: which files to read.

Hidden files and folders are passed over, and so are files no extractor reads. A selection
narrows the rest, with gitignore patterns (the `pathspec` library) matched against paths
relative to each folder given:
- `--exclude PATTERN` drops files and whole folders (`drafts/**`, `*.tmp`);
- `--include PATTERN` keeps only files that match one of them (`*.pdf`);
- a `.passagesignore` file in any folder drops what its patterns match below that folder, as a
  `.gitignore` does (`!pattern` takes a file back).
A file named on the command line is taken whatever its name. Symbolic links to files are
followed, links to folders are not (so no walk can loop); a file reached by two paths (a link
beside its target, a hard link) is read once, by the path that is not a symbolic link. Named
pipes, sockets and devices are passed over with a reason (reading one could wait forever). A
folder that cannot be read and a link that leads nowhere (or in a circle) are reported as
skipped, and the walk goes on; what the index holds from a folder or file that is there but
cannot be read is kept (`Found.unreadable`).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indexer.errors import BadSelection, PathNotFound
from indexer.extract.reading import not_a_file_reason
from indexer.models import Skip

if TYPE_CHECKING:
    import pathspec

IGNORE_FILE = ".passagesignore"
# The file every index holds (store.FORMAT_FILE): a folder with it is an index, not documents.
INDEX_MARK = "passages.json"


@dataclass(frozen=True)
class SourceFile:
    """A file found on disk, with what incremental indexing compares."""

    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Selection:
    """Which files under the folders given are indexed (see the module's notes)."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    use_ignore_files: bool = True

    def check(self) -> None:
        """Raise BadSelection for a pattern that is not one gitignore can read."""
        for option, patterns in (("--include", self.include), ("--exclude", self.exclude)):
            for pattern in patterns:
                try:
                    _spec((pattern,))
                except (ValueError, re.error) as exc:
                    raise BadSelection(f"{option} {pattern!r} is not a pattern: {exc}") from None

    def remembered(self) -> dict[str, Any] | None:
        """The selection as `passages.json` keeps it; None for the default (every file)."""
        if self == Selection():
            return None
        return {
            "include": list(self.include),
            "exclude": list(self.exclude),
            "use_ignore_files": self.use_ignore_files,
        }

    @classmethod
    def recalled(cls, kept: dict[str, Any] | None) -> Selection:
        """The selection `remembered` gave (the default for None or what cannot be read)."""
        if not kept:
            return cls()
        try:
            return cls(
                tuple(str(p) for p in kept.get("include", ())),
                tuple(str(p) for p in kept.get("exclude", ())),
                bool(kept.get("use_ignore_files", True)),
            )
        except TypeError:
            return cls()


@dataclass
class Found:
    """What a walk found: the files to index, and what it could not look at."""

    files: list[SourceFile] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    """Folders and files that are there but could not be looked at (permission denied): what
    the index holds from them is kept, not taken for deleted."""
    _by_file: dict[tuple[int, int], int] = field(default_factory=dict, repr=False)

    def add(self, path: str, status: os.stat_result) -> None:
        """Take the file at `path`, unless it is one already taken by another path: then the
        path that is not a symbolic link is kept, and the other is skipped, harmlessly."""
        source = SourceFile(path, status.st_size, status.st_mtime_ns)
        key = (status.st_dev, status.st_ino)
        place = self._by_file.get(key) if status.st_ino else None
        if place is None:
            self._by_file[key] = len(self.files)
            self.files.append(source)
            return
        kept = self.files[place]
        if os.path.islink(kept.path) and not os.path.islink(path):
            self.files[place], source = source, kept
        reason = f"the same file as another path ({self.files[place].path})"
        self.skipped.append(Skip(source.path, reason, error=False))


def resolve_roots(paths: Iterable[str | Path]) -> list[Path]:
    """Absolute forms of the paths to index, without `.` and `..` parts (`../shared/x` is kept
    as `/work/shared/x`, not `/work/main/../shared/x`); raises PathNotFound for one that does
    not exist."""
    roots = []
    for given in paths:
        if not str(given).strip():  # Path("") is the current folder: a slip, not a wish
            raise PathNotFound("an empty path: name a file or a folder ('.' for this one)")
        path = Path(given).expanduser()
        if not path.exists():
            raise PathNotFound(f"{given}: no such file or folder")
        roots.append(Path(os.path.abspath(path)))
    return roots


def find_sources(
    roots: Iterable[Path], accepts: Callable[[str], bool], selection: Selection | None = None
) -> Found:
    """The files under `roots` to index, each once, in a stable order."""
    found = Found()
    seen: set[str] = set()
    for root in roots:
        if root.is_dir():
            _Walk(root, accepts, selection or Selection(), found, seen).folder(str(root), [])
        else:
            _add_file(str(root), found, seen)
    return found


def _add_file(path: str, found: Found, seen: set[str]) -> None:
    if path in seen:
        return
    seen.add(path)
    try:
        status = os.stat(path)
    except OSError as exc:
        found.skipped.append(Skip(path, _link_reason(path, exc)))
        if not isinstance(exc, FileNotFoundError) and exc.errno != errno.ELOOP:
            found.unreadable.append(path)
        return
    if not stat.S_ISREG(status.st_mode):
        found.skipped.append(Skip(path, not_a_file_reason(status.st_mode), error=False))
        return
    found.add(path, status)


def _link_reason(path: str, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if isinstance(exc, FileNotFoundError) and os.path.islink(path):
        return "broken symlink (its target does not exist)"
    if isinstance(exc, FileNotFoundError):
        return "file vanished before it could be read"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read: {exc.strerror or exc}"


@dataclass(frozen=True)
class _Rules:
    """Patterns that apply below `base` (a folder's `.passagesignore`)."""

    base: str
    spec: pathspec.PathSpec


def _is_index(folder: str) -> bool:
    """Whether `folder` is an index of ours (`index/` inside the folder indexed), which is
    never a document: its passages.json had been indexed as one."""
    return os.path.isfile(os.path.join(folder, INDEX_MARK))


class _Walk:
    def __init__(
        self,
        root: Path,
        accepts: Callable[[str], bool],
        selection: Selection,
        found: Found,
        seen: set[str],
    ) -> None:
        self.root = str(root)
        self.accepts = accepts
        self.selection = selection
        self.found = found
        self.seen = seen
        self.exclude = _spec(selection.exclude)
        self.include = _spec(selection.include)

    def folder(self, path: str, rules: list[_Rules]) -> None:
        try:
            with os.scandir(path) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            self.found.skipped.append(
                Skip(path, f"folder cannot be read: {_link_reason(path, exc)}")
            )
            if not isinstance(exc, FileNotFoundError):
                self.found.unreadable.append(path)
            return
        if self.selection.use_ignore_files and any(e.name == IGNORE_FILE for e in entries):
            rules = [*rules, _Rules(path, _read_ignore_file(os.path.join(path, IGNORE_FILE)))]
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                if not self._dropped(entry.path + "/", rules) and not _is_index(entry.path):
                    self.folder(entry.path, rules)
            elif self.accepts(entry.name) and self._wanted(entry.path, rules):
                _add_file(entry.path, self.found, self.seen)

    def _wanted(self, path: str, rules: list[_Rules]) -> bool:
        if self._dropped(path, rules):
            return False
        return self.include is None or self.include.match_file(self._relative(path, self.root))

    def _dropped(self, path: str, rules: list[_Rules]) -> bool:
        if self.exclude is not None and self.exclude.match_file(self._relative(path, self.root)):
            return True
        ignored = False
        for rule in rules:
            verdict = rule.spec.check_file(self._relative(path, rule.base)).include
            if verdict is not None:
                ignored = verdict
        return ignored

    @staticmethod
    def _relative(path: str, base: str) -> str:
        return path[len(base) :].lstrip(os.sep)


# pathspec is imported only where patterns are given: 30 ms of every `index` run otherwise.


def _spec(patterns: tuple[str, ...]) -> pathspec.PathSpec | None:
    if not patterns:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _read_ignore_file(path: str) -> pathspec.PathSpec:
    import pathspec

    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return pathspec.GitIgnoreSpec.from_lines(handle)
    except OSError:
        return pathspec.GitIgnoreSpec.from_lines([])


def is_under(path: str, roots: Iterable[Path | str]) -> bool:
    """Whether `path` is one of `roots` or lies below one of them."""
    for root in roots:
        text = str(root)
        if path == text or path.startswith(text.rstrip(os.sep) + os.sep):
            return True
    return False
