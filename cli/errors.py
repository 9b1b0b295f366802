"""The one place where library errors become a line on stderr and a grep-like exit code."""

from __future__ import annotations

import contextlib
import enum
import os
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


# Our modules that read the index's files, beside Whoosh's.
_INDEX_READERS = tuple(
    os.path.join("indexer", name)
    for name in ("postings.py", "ranked_postings.py", "mapped_files.py", "segments.py", "store.py")
)
# What reading a damaged index file raises (a truncated or overwritten file).
_DAMAGE = (OSError, ValueError, EOFError, KeyError, IndexError, OverflowError)


def reading_index_files(exc: Exception) -> bool:
    """Whether `exc` came from Whoosh reading the index's files (a file cut short, one
    overwritten), not from a fault of ours."""
    if not isinstance(exc, _DAMAGE) and type(exc).__name__ not in ("error", "UnpicklingError"):
        return False
    return any(name.endswith(_INDEX_READERS) or f"{os.sep}whoosh{os.sep}" in name
               for name in traceback_files(exc))  # fmt: skip


def traceback_files(exc: BaseException) -> list[str]:
    """The source files of `exc`'s traceback, outermost first."""
    names = []
    frame = exc.__traceback__
    while frame is not None:
        names.append(frame.tb_frame.f_code.co_filename)
        frame = frame.tb_next
    return names
