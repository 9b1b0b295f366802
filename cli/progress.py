"""A rich progress bar for `index`, shown on a terminal only."""

from __future__ import annotations

import os
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)


class IndexProgress:
    """Files and bytes done, rate and time left; silent when stderr is not a terminal."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.bar: Progress | None = None
        self.task = TaskID(0)
        self.done = 0

    def __enter__(self) -> IndexProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.bar is not None:
            self.bar.stop()

    def start(self, files: int, total_bytes: int) -> None:
        if not self.console.is_terminal or files == 0:
            return
        self.bar = Progress(
            TextColumn("indexing"),
            BarColumn(),
            TextColumn("{task.fields[done]}/{task.fields[files]} files"),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[current]}", markup=False, style="dim"),
            console=self.console,
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task("", total=total_bytes, done=0, files=files, current="")

    def advance(self, path: str, size: int) -> None:
        if self.bar is None:
            return
        self.done += 1
        self.bar.update(
            self.task, advance=size, done=self.done, current=os.path.basename(path)[:40]
        )
