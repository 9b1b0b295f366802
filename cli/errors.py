"""The one place where library errors become a line on stderr and a grep-like exit code."""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Iterator

import typer

from cli.output import stderr_console


class ExitCode(enum.IntEnum):
    OK = 0
    NO_MATCHES = 1
    ERROR = 2
    INTERRUPTED = 130


_stderr = stderr_console()


def print_error(message: str, hint: str | None = None) -> None:
    """`error: message — hint` on one line of stderr, never interpreted as markup or as
    terminal codes (a message may name a file or quote a document)."""
    line = f"error: {message}" + (f" — {hint}" if hint else "")
    _stderr.print(_safe(line), markup=False, style="bold red" if _stderr.is_terminal else None)


def print_notice(message: str) -> None:
    """A one-line notice on stderr (not an error), shown as `print_error` shows its line."""
    _stderr.print(_safe(message), markup=False, style="yellow" if _stderr.is_terminal else None)


def _safe(line: str) -> str:
    from cli.render import safe_text  # (rendering is loaded when something is shown)

    return safe_text(line, one_line=True)


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Turn a PassagesError into `error: …` and exit code 2."""
    from indexer.errors import PassagesError

    try:
        yield
    except PassagesError as exc:
        print_error(str(exc), exc.hint)
        raise typer.Exit(ExitCode.ERROR) from None
