"""The progress bar of `index` and `check --repair`, on a terminal only (nothing elsewhere).

Files done of files to read, bytes done of bytes to read, the rate, the time left and the name
of the last file finished. A large file read in batches moves the bytes on while it is read.
"""

from __future__ import annotations

import os
from types import TracebackType
from typing import TYPE_CHECKING

from cli.output import rich_console
from cli.render import safe_text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

NAME_CHARS = 40


class IndexProgress:
    """Implements the pipeline's Progress protocol with a rich bar; silent when `console` is
    not a terminal."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.bar: Progress | None = None
        self.task: TaskID | None = None
        self.done = 0

    def __enter__(self) -> IndexProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self, files: int, total_bytes: int) -> None:
        """A run begins: `files` files of `total_bytes` bytes to read."""
        self.stop()
        self.done = 0
        if not self.console.is_terminal or files == 0:
            return
        # imported only for a bar: 17 ms of every run in a pipe or a script otherwise
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self.bar = Progress(
            TextColumn("indexing"),
            BarColumn(),
            TextColumn("{task.fields[done]:,}/{task.fields[files]:,} files"),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[current]}", markup=False, style="dim"),
            console=rich_console(self.console),
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task("", total=total_bytes, done=0, files=files, current="")

    def advance(self, path: str, size: int, files: int = 1) -> None:
        """`size` more bytes read; `files` more files finished (0 while a file is read)."""
        if self.bar is None or self.task is None:
            return
        self.done += files
        name = os.path.basename(path)[:NAME_CHARS].encode("utf-8", "replace").decode("utf-8")
        name = safe_text(name, one_line=True)
        self.bar.update(self.task, advance=size, done=self.done, current=name)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
