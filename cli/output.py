"""Where output goes: the console for stdout, a pager for long output on a terminal, and a
closed pipe (`passages search x | head -1`) that ends the command quietly with exit code 0.

Colour follows the terminal: none in a pipe, none with NO_COLOR set (rich reads it), and
TERM=dumb or FORCE_COLOR as rich understands them. The environment is read when a console is
made, at the start of each command, not when the module is imported.
"""

from __future__ import annotations

import builtins
import contextlib
import functools
import os
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    _Console = Console  # (for type checking, a ResultsConsole is a Console)
else:
    _Console = object

# less: quit when the text fits on one screen, pass colours through, leave the text on screen.
LESS_DEFAULTS = "FRX"

# print() options that leave a soft-wrapped line's text as it is when there is no colour
_PLAIN_OPTIONS = {"soft_wrap", "highlight", "emoji", "markup", "style"}

# What rich's `strip_control_codes` takes out of a string it prints (rich.control's table): a
# test holds the two the same. Importing rich.control would import most of rich.
_STRIPPED = dict.fromkeys([7, 8, 11, 12, 13])

# Variables with which rich decides for itself whether it writes to a terminal.
_TERMINAL_VARIABLES = ("FORCE_COLOR", "TTY_COMPATIBLE")


class ResultsConsole(_Console):
    """rich's Console for stdout or stderr, made only when something needs it.

    In a pipe without colour, a soft-wrapped line of text is written as it is: rich would
    render it to the very same characters (a test compares them) at about 0.2 ms a line, and
    importing rich's console takes 30-40 ms of every command's start. So `search`, `mentions`
    and the other commands print to a pipe without loading rich at all. Anything else (a
    terminal, colour, a capture, a table) goes to the rich console, made on first use with the
    options given here; so does any attribute this class does not define.

    A closed stdout raises BrokenPipeError (rich's own handling exits with code 1, which says
    "nothing found"), for `closed_pipe_is_quiet` to end the command; a closed stderr is left
    alone (there is no one to tell)."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._rich: Console | None = None

    @property
    def rich(self) -> Console:
        """The rich console behind this one, made the first time it is asked for."""
        if self._rich is None:
            self._rich = _rich_console_type()(self, **self._options)
        return self._rich

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_options", "_rich"):
            raise AttributeError(name)
        return getattr(self.rich, name)

    @property
    def file(self) -> IO[str]:
        if self._rich is not None:
            return self._rich.file
        chosen = self._options.get("file")
        if chosen is not None:
            return chosen
        return sys.stderr if self._options.get("stderr") else sys.stdout

    @file.setter
    def file(self, new_file: IO[str]) -> None:
        self._options["file"] = new_file
        if self._rich is not None:
            self._rich.file = new_file

    @property
    def is_terminal(self) -> bool:
        if self._rich is not None:
            return self._rich.is_terminal
        forced = self._options.get("force_terminal")
        if forced is not None:
            return bool(forced)
        if _rich_decides():
            return self.rich.is_terminal
        try:
            return self.file.isatty()
        except (AttributeError, ValueError):  # no isatty, or a closed file: as rich answers
            return False

    def writes_plain(self) -> bool:
        """No terminal, no colour, nothing recorded or held in a buffer: text goes as it is."""
        if self._rich is not None:
            console = self._rich
            held = getattr(console, "_buffer_index", 1) or getattr(console, "_render_hooks", [1])
            return not (console.is_terminal or console.color_system or console.record or held)
        colour = self._options.get("color_system", "auto")
        return not (self.is_terminal or colour not in (None, "auto") or self._options.get("record"))

    def print(self, *objects: Any, sep: str = " ", end: str = "\n", **options: Any) -> None:
        plain = self._plain_line(objects, options)
        if plain is None:
            self.rich.print(*objects, sep=sep, end=end, **options)
        else:
            self._write(sep.join(plain) + end)

    def out(self, *objects: Any, sep: str = " ", end: str = "\n", **options: Any) -> None:
        """As rich's `out`: the objects as strings, never read as markup or emoji codes."""
        line = sep.join(str(item) for item in objects)
        if options.get("style") or "\t" in line or not self.writes_plain():
            self.rich.out(*objects, sep=sep, end=end, **options)
        else:
            self._write(line.translate(_STRIPPED) + end)

    def write_lines(self, lines: list[str]) -> None:
        """Write lines as they are: for text already made safe (`render.safe_text`), without
        tabs, where `writes_plain` says the console would print it unchanged."""
        self._write("\n".join(lines) + "\n")

    def on_broken_pipe(self) -> None:
        if not self._options.get("stderr"):
            silence_stdout()
            raise BrokenPipeError

    def _write(self, text: str) -> None:
        if self._options.get("quiet") or (self._rich is not None and self._rich.quiet):
            return
        file: IO[str] | None = self.file  # None: closed when the program started (`2>&-`)
        if file is None:  # as rich: nothing is written
            return
        try:
            file.write(text)
        except BrokenPipeError:
            self.on_broken_pipe()

    def _plain_line(self, objects: tuple[Any, ...], options: dict[str, Any]) -> list[str] | None:
        """The texts of `objects` when rich would print them unchanged, else None."""
        soft_wrap = options.get("soft_wrap", self._options.get("soft_wrap", False))
        if objects and not soft_wrap:
            return None
        if options.keys() - _PLAIN_OPTIONS or options.get("style") or not self.writes_plain():
            return None
        text_type = _text_type()
        emoji = options.get("emoji", self._options.get("emoji", True))
        texts = []
        for item in objects:
            if text_type is not None and isinstance(item, text_type):
                texts.append(item.plain)
            elif isinstance(item, str) and options.get("markup") is False and not emoji:
                texts.append(item.translate(_STRIPPED))  # as rich's Text does
            else:
                return None
        if any("\t" in text for text in texts):  # rich expands tabs
            return None
        return texts


def _rich_decides() -> bool:
    """Whether rich's own answer to "is this a terminal?" is wanted: the environment forces
    one, or the program runs in IDLE or Jupyter, where rich answers otherwise than isatty."""
    if any(name in os.environ for name in _TERMINAL_VARIABLES):
        return True
    if getattr(sys.stdin, "__module__", "").startswith("idlelib"):
        return True
    return hasattr(builtins, "get_ipython")


def _text_type() -> Any:
    """rich's Text, when something has loaded it (else no object can be one)."""
    module = sys.modules.get("rich.text")
    return getattr(module, "Text", None)


@functools.cache
def _rich_console_type() -> Callable[..., Console]:
    from rich.console import Console

    class _ResultsRichConsole(Console):
        """A rich console that leaves a closed pipe to the ResultsConsole it works for."""

        def __init__(self, owner: ResultsConsole, **options: Any) -> None:
            super().__init__(**options)
            self._owner = owner

        def on_broken_pipe(self) -> None:
            self._owner.on_broken_pipe()

    return _ResultsRichConsole


def rich_console(console: Console) -> Console:
    """The rich Console itself, for what takes one (a progress bar): behind a ResultsConsole,
    or `console` when it is one."""
    return console.rich if isinstance(console, ResultsConsole) else console


def stdout_console() -> Console:
    """The console for results: never reads markup or emoji codes out of strings."""
    return ResultsConsole(highlight=False, emoji=False)


def stderr_console() -> Console:
    return ResultsConsole(stderr=True, highlight=False, emoji=False, soft_wrap=True)


@contextlib.contextmanager
def closed_pipe_is_quiet() -> Iterator[None]:
    """End the command with exit code 0 and no traceback when stdout's reader has gone; with
    one `error:` line and exit code 2 when stdout cannot be written (a full disk)."""
    import typer

    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        raise typer.Exit(0) from None
    except OSError as exc:
        from cli.errors import ExitCode, print_error, reading_index_files

        if reading_index_files(exc):
            raise  # not the output's: a damaged index file (told by main)
        silence_stdout()

        print_error(f"cannot write the output: {exc.strerror or exc}")
        raise typer.Exit(ExitCode.ERROR) from None


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
    """The pager to run: $PAGER split like a shell would, else `less` (also for a $PAGER a
    shell could not read, such as one with a quote not closed)."""
    try:
        return shlex.split(os.environ.get("PAGER", "")) or ["less"]
    except ValueError:
        return ["less"]


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
