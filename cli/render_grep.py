"""Line-oriented output for editors and scripts: `--grep` (`path:line:col: text`, one line per
matched word, as ripgrep's --vimgrep), `--files` (one matching document per line) and `--count`.
Every field that comes from a document goes through `safe_text`.

The column counts bytes of the line in UTF-8 from 1, as ripgrep, git grep and vim's quickfix
list do: on a line of Arabic or accented text a count of characters would land vim's cursor
short of the word."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from cli.render import HIGHLIGHT, display_path, safe_text

if TYPE_CHECKING:
    from rich.console import Console

    from indexer.models import Hit, LineMatch


def grep_lines(console: Console, matches: Iterable[LineMatch]) -> int:
    """`path:line:col: text` per match; on a terminal the place is coloured, the word lit.
    Returns how many lines were printed."""
    terminal = console.is_terminal
    printed = 0
    for match in matches:
        printed += 1
        column = byte_column(match.text, match.span[0])
        place = f"{safe_text(display_path(match.path), one_line=True)}:{match.line}:{column}:"
        shown, (start, end) = cropped(match.text, match.span)
        line = " " + safe_text(shown, one_line=True)
        if not terminal:
            console.print(place + line, markup=False, soft_wrap=True, highlight=False)
            continue
        from rich.text import Text

        lit = Text(line)
        lit.stylize(HIGHLIGHT, start + 1, end + 1)
        console.print(Text.assemble((place, "magenta"), lit), soft_wrap=True, highlight=False)
    return printed


# A line longer than this is shown as the part of it around the match (a minified page, a
# file of one long line), as ripgrep's --max-columns-preview does; the column stays the line's.
MAX_LINE_CHARS = 400
CROP_CONTEXT = 100


def cropped(line: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
    """`line` cut to `CROP_CONTEXT` characters either side of `span` when it is longer than
    `MAX_LINE_CHARS`, with … where it was cut; and the span in what is shown."""
    if len(line) <= MAX_LINE_CHARS:
        return line, span
    start = max(0, span[0] - CROP_CONTEXT)
    end = min(len(line), span[1] + CROP_CONTEXT)
    before = "…" if start > 0 else ""
    after = "…" if end < len(line) else ""
    shift = len(before) - start
    return before + line[start:end] + after, (span[0] + shift, span[1] + shift)


def byte_column(line: str, start: int) -> int:
    """The 1-based column, in UTF-8 bytes, of the character at `start` of `line`."""
    return len(line[:start].encode("utf-8", "surrogatepass")) + 1


def document_names(hits: Iterable[Hit]) -> list[str]:
    """Each matching document once, in rank order: its path when it is a whole file, else its
    id (a record of a collection), as `passages show` takes it."""
    names: dict[str, str] = {}
    for hit in hits:
        names.setdefault(hit.doc, display_path(hit.path) if hit.doc == hit.path else hit.doc)
    return list(names.values())


def files(console: Console, hits: Iterable[Hit]) -> None:
    """One matching document per line."""
    for name in document_names(hits):
        console.print(safe_text(name, one_line=True), markup=False, soft_wrap=True, highlight=False)


def count(console: Console, number: int) -> None:
    console.print(str(number), markup=False, soft_wrap=True, highlight=False)
