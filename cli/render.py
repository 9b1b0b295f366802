"""Rendering results for people: rich layout on a terminal, stable plain text in a pipe, JSON Lines.

Document text is untrusted. It only ever reaches the terminal through `safe_text`, which turns
control characters (escape sequences, carriage returns, bidi overrides) into visible stand-ins one
for one, so highlight offsets still line up; and always as `rich.text.Text`, never as markup.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from indexer.highlight import excerpt_window
from indexer.models import Hit, IndexReport, IndexStats

HIGHLIGHT = "bold yellow"
EXCERPT_CHARS = 240


def _control_picture(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


_UNSAFE = [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)]
_UNSAFE += [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_SAFE_TABLE = {code: _control_picture(code) for code in _UNSAFE}
_SAFE_ONE_LINE = {**_SAFE_TABLE, ord("\n"): " ", ord("\t"): " "}


def safe_text(text: str, *, one_line: bool = False) -> str:
    """`text` with every character that could steer a terminal replaced by a visible one."""
    return text.translate(_SAFE_ONE_LINE if one_line else _SAFE_TABLE)


def display_path(path: str) -> str:
    """A path relative to the working folder when it lies below it, else as stored."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def location(hit: Hit) -> str:
    """`path:line`, or `path:pN` for a paged document."""
    where = display_path(hit.path)
    if hit.page is not None:
        return f"{where}:p{hit.page}"
    return f"{where}:{hit.line_start}"


def excerpt(hit: Hit, width: int = EXCERPT_CHARS) -> Text:
    """The part of the passage around its matches, highlighted, safe to print."""
    start, end = excerpt_window(hit.text, hit.highlights, width)
    text = Text(safe_text(hit.text[start:end], one_line=True))
    for span_start, span_end in hit.highlights:
        if span_start >= start and span_end <= end:
            text.stylize(HIGHLIGHT, span_start - start, span_end - start)
    if start > 0:
        text = Text("… ") + text
    if end < len(hit.text):
        text.append(" …")
    return text


def hits(console: Console, found: Iterable[Hit]) -> None:
    """Ranked hits: a rich layout on a terminal, plain lines elsewhere."""
    if console.is_terminal:
        _hits_rich(console, found)
    else:
        _hits_plain(console, found)


def _hits_rich(console: Console, found: Iterable[Hit]) -> None:
    for rank, hit in enumerate(found, 1):
        head = Text(f"{rank:>2}. ", style="dim")
        head.append(safe_text(hit.title, one_line=True), style="bold")
        meta = Text("    ")
        meta.append(location(hit), style="cyan")
        meta.append(f"  {hit.date or 'no date'}  score {hit.score:.2f}", style="dim")
        body = Text("    ") + excerpt(hit)
        console.print(head, meta, body, Text(), sep="\n", overflow="fold")


def _hits_plain(console: Console, found: Iterable[Hit]) -> None:
    for hit in found:
        head = f"{location(hit)}: {safe_text(hit.title, one_line=True)}"
        head += f" ({hit.date or 'no date'}, score {hit.score:.2f})"
        console.print(head, markup=False, highlight=False, soft_wrap=True)
        console.print(
            Text("    ") + excerpt(hit, width=EXCERPT_CHARS),
            highlight=False,
            soft_wrap=True,
            style="",
        )


def json_lines(console: Console, records: Iterable[Any]) -> None:
    """One JSON object per dataclass, per line."""
    for record in records:
        console.out(json.dumps(asdict(record), ensure_ascii=False), highlight=False)


def index_report(console: Console, report: IndexReport, *, verbose: bool = False) -> None:
    """The summary of an `index` run, and what was skipped (every file with --verbose)."""
    errors = [skip for skip in report.skipped if skip.error]
    line = (
        f"{report.added} added, {report.updated} updated, {report.removed} removed, "
        f"{report.unchanged} unchanged, {len(report.skipped)} skipped"
        f" — {report.passages} passages in {report.seconds:.1f} s"
    )
    console.print(line, markup=False, highlight=False, soft_wrap=True)
    shown = report.skipped if verbose else errors
    for skip in shown[: None if verbose else 20]:
        console.print(
            f"  skipped {display_path(skip.path)}: {safe_text(skip.reason, one_line=True)}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    if not verbose and len(shown) > 20:
        console.print(f"  … and {len(shown) - 20} more (--verbose lists them all)", markup=False)


def stats(console: Console, numbers: IndexStats) -> None:
    """`passages stats` as a two-column table (plain `key: value` lines in a pipe)."""
    rows = [
        ("index", display_path(numbers.location)),
        ("documents", f"{numbers.documents:,}"),
        ("passages", f"{numbers.passages:,}"),
        ("distinct terms", f"{numbers.terms:,}"),
        ("size on disk", _human_bytes(numbers.size_bytes)),
        ("last updated", numbers.updated or "never"),
        ("format", str(numbers.version)),
    ]
    if not console.is_terminal:
        for key, value in rows:
            console.print(f"{key}: {value}", markup=False, highlight=False)
        return
    table = Table(show_header=False, box=None, padding=(0, 2))
    for key, value in rows:
        table.add_row(Text(key, style="dim"), Text(value))
    console.print(table)


def _human_bytes(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"
