"""Where output goes: the console for stdout, a pager for long output on a terminal, and a
closed pipe (`passages search x | head -1`) that ends the command quietly with exit code 0.

Colour follows the terminal: none in a pipe, none with NO_COLOR set (rich reads it), and
TERM=dumb or FORCE_COLOR as rich understands them. The environment is read when a console is
made, at the start of each command, not when the module is imported.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

from rich.console import Console
from rich.control import strip_control_codes
from rich.text import Text

# less: quit when the text fits on one screen, pass colours through, leave the text on screen.
LESS_DEFAULTS = "FRX"


# print() options that leave a soft-wrapped line's text as it is when there is no colour
_PLAIN_OPTIONS = {"soft_wrap", "highlight", "emoji", "markup", "style"}


class ResultsConsole(Console):
    """A console whose closed pipe raises BrokenPipeError (rich's own handling exits with
    code 1, which says "nothing found"), for `closed_pipe_is_quiet` to end the command.

    In a pipe without colour, a soft-wrapped line of text is written as it is: rich would
    render it to the very same characters at about 0.2 ms a line, which is most of the time
    of a long listing (`mentions` of a common name prints thousands of lines)."""

    def print(self, *objects: Any, sep: str = " ", end: str = "\n", **options: Any) -> None:
        plain = self._plain_line(objects, options)
        if plain is None:
            super().print(*objects, sep=sep, end=end, **options)
        elif not self.quiet:
            try:
                self.file.write(sep.join(plain) + end)
            except BrokenPipeError:
                self.on_broken_pipe()

    def _plain_line(self, objects: tuple[Any, ...], options: dict[str, Any]) -> list[str] | None:
        """The texts of `objects` when rich would print them unchanged, else None."""
        if objects and not options.get("soft_wrap"):
            return None
        if options.keys() - _PLAIN_OPTIONS or options.get("style") or not self.writes_plain():
            return None
        texts = []
        for item in objects:
            if isinstance(item, Text):
                texts.append(item.plain)
            elif isinstance(item, str) and options.get("markup") is False:
                texts.append(strip_control_codes(item))  # as rich's Text does
            else:
                return None
        if any("\t" in text for text in texts):  # rich expands tabs
            return None
        return texts

    def write_lines(self, lines: list[str]) -> None:
        """Write lines as they are: for text already made safe (`render.safe_text`), without
        tabs, where `writes_plain` says the console would print it unchanged."""
        if not self.quiet:
            try:
                self.file.write("\n".join(lines) + "\n")
            except BrokenPipeError:
                self.on_broken_pipe()

    def writes_plain(self) -> bool:
        """No terminal, no colour, nothing recorded or held in a buffer: text goes as it is."""
        held = getattr(self, "_buffer_index", 1) or getattr(self, "_render_hooks", [1])
        return not (self._to_terminal() or self.color_system or self.record or held)

    def _to_terminal(self) -> bool:
        """`is_terminal`, asked once per output file (rich looks at the environment and the
        file each time: a tenth of the time of printing a line)."""
        file = self.file
        known = self.__dict__.get("_terminal_of")
        if known is None or known[0] is not file:
            known = self.__dict__["_terminal_of"] = (file, self.is_terminal)
        return bool(known[1])

    def on_broken_pipe(self) -> None:
        silence_stdout()
        raise BrokenPipeError


def stdout_console() -> Console:
    """The console for results: never reads markup or emoji codes out of strings."""
    return ResultsConsole(highlight=False, emoji=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, emoji=False, soft_wrap=True)


@contextlib.contextmanager
def closed_pipe_is_quiet() -> Iterator[None]:
    """End the command with exit code 0 and no traceback when stdout's reader has gone."""
    import typer

    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        raise typer.Exit(0) from None


def silence_stdout() -> None:
    """Point stdout at the null device, so that flushing at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


@contextlib.contextmanager
def paged(console: Console, *, enabled: bool = True) -> Iterator[Console]:
    """Print into `console`; on a terminal, output taller than the screen goes through a pager
    ($PAGER, else `less`; LESS defaults to FRX). Anywhere else, or not `enabled`, it prints."""
    if not enabled or not console.is_terminal:
        yield console
        return
    with console.capture() as captured:
        yield console
    text = captured.get()
    if text.count("\n") < console.size.height - 1 or not page(text):
        console.file.write(text)
        console.file.flush()


def pager_command() -> list[str]:
    """The pager to run: $PAGER split like a shell would, else `less`."""
    return shlex.split(os.environ.get("PAGER", "")) or ["less"]


def page(text: str) -> bool:
    """Show `text` through the pager; False when there is no pager to run."""
    env = dict(os.environ)
    env.setdefault("LESS", LESS_DEFAULTS)
    try:
        process = subprocess.Popen(pager_command(), stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert process.stdin is not None
    with contextlib.suppress(BrokenPipeError, KeyboardInterrupt):
        process.stdin.write(text.encode("utf-8", "replace"))
    with contextlib.suppress(BrokenPipeError):
        process.stdin.close()
    while True:  # the pager owns Ctrl-C while it runs
        with contextlib.suppress(KeyboardInterrupt):
            process.wait()
            return True
