"""Rendering the name features: mentions in context, totals, a timeline, tables of names.

Mentions print grouped by document, one keyword-in-context line each with `path:line` of the
mention itself. Document text goes through `render.safe_text` and is styled by offsets, never
read as markup, like every other renderer.
"""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict
from itertools import groupby
from typing import TYPE_CHECKING

from cli.output import ResultsConsole
from cli.render import HIGHLIGHT, display_path, json_line, safe_text, shown_path

if TYPE_CHECKING:  # the library is imported when names are looked for, not at start-up
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from indexer.models import Mention
    from indexer.name_reports import DocumentColumn, MonthCount, NameMatrix
    from indexer.namelist import NameCount

CONTEXT_CHARS = 60
BAR = "█"
HINTED_SPELLINGS = 3  # other spellings named when no mention is spelled as typed
KIND_STYLE = {"exact": "", "short": "cyan", "variant": "magenta"}


def mention_location(mention: Mention) -> str:
    """`path:line` of the mention itself (the passage's first line plus the lines before it,
    never past its last: a JSON record's text has line breaks the file has not)."""
    where = shown_path(mention.path)
    line = mention.line_start + mention.text.count("\n", 0, mention.span[0])
    line = min(line, max(mention.line_start, mention.line_end))
    if mention.page is not None:
        return f"{where}:p{mention.page}:{line}"
    return f"{where}:{line}"


def in_context(mention: Mention, width: int = CONTEXT_CHARS) -> Text:
    """The mention with `width` characters either side, on one line, highlighted."""
    from rich.text import Text

    before, shown, after, left = _context(mention, width)
    right = left + len(shown)
    offset = len(before) - left
    text = Text(before)
    text.append(shown)
    start, end = mention.span
    for span_start, span_end in mention.highlights:
        if left <= span_start and span_end <= right and (span_start, span_end) != (start, end):
            text.stylize("bold", span_start + offset, span_end + offset)
    text.stylize(HIGHLIGHT, start + offset, end + offset)
    text.append(after)
    return text


def _context(mention: Mention, width: int) -> tuple[str, str, str, int]:
    """The context window of a mention: the mark before it, its text (made safe to show), the
    mark after it, and where the window starts in the passage."""
    start, end = mention.span
    left, right = _word_bounds(
        mention.text, max(0, start - width), min(len(mention.text), end + width), start, end
    )
    before = "… " if left else ""
    after = " …" if right < len(mention.text) else ""
    return before, safe_text(mention.text[left:right], one_line=True), after, left


def _word_bounds(text: str, left: int, right: int, start: int, end: int) -> tuple[int, int]:
    """Move a context window's edges in to the nearest spaces, never into the mention."""
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    return left, right


def mentions(console: Console, found: list[Mention]) -> None:
    """Mentions grouped by document (date, path, title), then the totals. Where the console
    writes plain lines (a pipe, no colour), the lines are made as strings, the same characters
    as the styled ones (a test compares them), without building rich Text for each of
    thousands of lines: 25 of 38 ms for Kerry's 1,604 mentions at 100,000 blog posts."""
    plain = console if isinstance(console, ResultsConsole) and console.writes_plain() else None
    for _, group in groupby(found, key=lambda m: m.doc):
        items = list(group)
        if plain is not None:  # every part made safe, no tabs: written as it is
            plain.write_lines([_plain_head(items[0]), *map(_plain_mention_line, items), ""])
            continue
        console.print(_head(items[0]), soft_wrap=True, highlight=False)
        for mention in items:
            console.print(_mention_line(mention), soft_wrap=True, highlight=False)
        console.print()
    totals(console, found)


def _head(first: Mention) -> Text:
    from rich.text import Text

    head = Text(f"{first.date or 'no date'}  ", style="dim")
    head.append(shown_path(first.path), style="bold")
    if first.title:
        head.append("  " + safe_text(first.title, one_line=True)[:80], style="dim")
    return head


def _plain_head(first: Mention) -> str:
    """`_head(first).plain`, as a string."""
    head = f"{first.date or 'no date'}  {shown_path(first.path)}"
    return head + ("  " + safe_text(first.title, one_line=True)[:80] if first.title else "")


def _mention_line(mention: Mention) -> Text:
    from rich.text import Text

    line = Text("  ")
    line.append(mention_location(mention), style="cyan")
    line.append(": ")
    line.append_text(in_context(mention))
    if mention.kind != "exact":
        line.append(f"  [{mention.kind}]", style=KIND_STYLE.get(mention.kind, ""))
    return line


def _plain_mention_line(mention: Mention) -> str:
    """`_mention_line(mention).plain`, as a string."""
    before, shown, after, _ = _context(mention, CONTEXT_CHARS)
    kind = f"  [{mention.kind}]" if mention.kind != "exact" else ""
    return f"  {mention_location(mention)}: {before}{shown}{after}{kind}"


def totals(console: Console, found: list[Mention]) -> None:
    """`N mentions in P passages of D documents`."""
    passages = len({(m.doc, m.passage) for m in found})
    documents = len({m.doc for m in found})
    console.print(
        f"{_count(len(found), 'mention')} in {_count(passages, 'passage')} "
        f"of {_count(documents, 'document')}",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )


def variants_found(others: list[Mention], name: str) -> str:
    """`Hezbollah, حزب الله (3 mentions)`: what a search with variants found for `name`, no
    mention of which spells it as typed: its spellings of the whole name, most frequent first,
    a clitic fused to an Arabic spelling (لحزب الله) counted with the spelling without it."""
    # The whole name, not a surname alone (a short mention, or a variant of one: "Harbi").
    whole = 2 if " " in name.strip() else 1
    full = [m for m in others if m.kind != "short" and len(m.match.split()) >= whole]
    spellings = _without_clitics(Counter(mention.match for mention in full or others))
    shown = [spelling for spelling, _ in spellings.most_common(HINTED_SPELLINGS)]
    more = " …" if len(spellings) > len(shown) else ""
    return f"{', '.join(shown)}{more} ({count_of(others)})"


_CLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك")


def _without_clitics(spellings: Counter[str]) -> Counter[str]:
    """The counts of Arabic spellings with a clitic fused to their first word (وحزب الله,
    لحزب الله) moved to the spelling without it, when that is among them."""
    from indexer.names.fold import fold_word

    def key(first: str, rest: str) -> tuple[str, str]:
        return fold_word(first) or first, rest

    firsts: dict[tuple[str, str], str] = {}
    for spelling in spellings:
        first, _, rest = spelling.partition(" ")
        firsts.setdefault(key(first, rest), spelling)
    merged: Counter[str] = Counter()
    for spelling, count in spellings.items():
        first, _, rest = spelling.partition(" ")
        bare = (key(first[len(c) :], rest) for c in _CLITICS if first.startswith(c))
        merged[next((firsts[k] for k in bare if k in firsts), spelling)] += count
    return merged


def count_of(found: list[Mention]) -> str:
    """`1 mention`, `7 mentions`."""
    return _count(len(found), "mention")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def timeline(console: Console, months: list[MonthCount], width: int = 40) -> None:
    """A bar per month: `2023-01 ████████ 7`; undated mentions on a last line."""
    most = max((m.mentions for m in months), default=0)
    plain = console if isinstance(console, ResultsConsole) and console.writes_plain() else None
    for month in months:
        bar = BAR * round(width * month.mentions / most) if most else ""
        if month.mentions and not bar:
            bar = "▏"
        label = f"{month.month or 'no date':>7} "
        if plain is not None:
            plain.write_lines([f"{label}{bar} {month.mentions}"])
            continue
        from rich.text import Text

        line = Text(label, style="dim")
        line.append(bar, style="yellow")
        line.append(f" {month.mentions}")
        console.print(line, highlight=False, soft_wrap=True)


def months_json(console: Console, months: Iterable[MonthCount]) -> None:
    """One JSON object per month."""
    for month in months:
        console.out(json_line(asdict(month)), highlight=False)


def column_labels(columns: Iterable[DocumentColumn]) -> list[str]:
    """Short headers that tell documents apart: each path below the folder the documents
    share (politics/379.txt), and a record of a collection (many documents in one file) by
    its document id; a path and an id alike when they are the same."""
    columns = list(columns)
    folders = [os.path.dirname(column.path) for column in columns]
    try:
        shared = os.path.commonpath(folders) if folders else ""
    except ValueError:  # absolute and relative paths mixed
        shared = ""
    labels = []
    for column in columns:
        if column.doc != column.path and not column.doc.startswith(column.path + "#"):
            labels.append(column.doc)
            continue
        path = os.path.relpath(column.path, shared) if shared else display_path(column.path)
        labels.append(path + column.doc[len(column.path) :])
    return labels


def matrix(console: Console, table: NameMatrix) -> None:
    """Names × documents: one row per name, one column per document, the total last. When
    the documents are too many for the width, one row per document, a column per name;
    when the names are too, one line per name and document."""
    from rich.text import Text

    labels = [safe_text(label, one_line=True) for label in column_labels(table.documents)]
    names = [safe_text(row.name, one_line=True) for row in table.rows]
    if _table_width(names, labels) <= console.width:
        grid = _grid(["name", *labels, "total"])
        for name, row in zip(names, table.rows, strict=True):
            grid.add_row(Text(name), *_cells(row.counts), str(row.total))
    elif _table_width(labels, names) <= console.width:
        grid = _grid(["document", *names])
        for i, label in enumerate(labels):
            grid.add_row(Text(label), *_cells(row.counts[i] for row in table.rows))
        grid.add_row(Text("total", style="bold"), *(str(row.total) for row in table.rows))
    else:
        grid = _grid(["name", "document", "mentions"], labels=2)
        for name, row in zip(names, table.rows, strict=True):
            for label, count in zip(labels, row.counts, strict=True):
                if count:
                    grid.add_row(Text(name), Text(label), str(count))
            if not row.total:
                grid.add_row(Text(name), "·", "0")
    console.print(grid)


def _table_width(rows: list[str], columns: list[str]) -> int:
    """About how wide a table is with these row labels and column headers (and a total)."""
    first = max((len(label) for label in rows), default=4)
    return first + sum(max(len(header), 3) + 2 for header in columns) + 7


def _grid(headers: list[str], labels: int = 1) -> Table:
    """A table whose first `labels` columns are labels, the others counts."""
    from rich.table import Table
    from rich.text import Text

    grid = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for header in headers[:labels]:  # Text: a header is a file or a name, never markup
        grid.add_column(Text(header), no_wrap=True)
    for header in headers[labels:]:
        grid.add_column(Text(header), justify="right")
    return grid


def _cells(counts: Iterable[int]) -> list[str]:
    return [str(count) if count else "·" for count in counts]


def matrix_csv(console: Console, table: NameMatrix) -> None:
    """The table as CSV: `name,<document>...,total`, one line per name; a document is its
    path, or its id when it is a record of a collection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    documents = (safe_text(column.doc, one_line=True) for column in table.documents)
    writer.writerow(["name", *documents, "total"])
    for row in table.rows:
        writer.writerow([safe_text(row.name, one_line=True), *row.counts, row.total])
    console.out(buffer.getvalue(), end="", highlight=False)


def matrix_json(console: Console, table: NameMatrix) -> None:
    """One JSON object per name: its aliases, total and counts per document (its path, or
    its id when it is a record of a collection)."""
    for row in table.rows:
        per_document = {
            column.doc: count for column, count in zip(table.documents, row.counts, strict=True)
        }
        record = {"name": row.name, "aliases": list(row.aliases), "total": row.total}
        record["documents"] = {doc: n for doc, n in per_document.items() if n}
        console.out(json_line(record), highlight=False)


def name_list(console: Console, names: list[NameCount]) -> None:
    """The names most mentioned: rank, name, mentions, documents, other forms seen."""
    from rich.table import Table
    from rich.text import Text

    grid = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for title, justify in (("#", "right"), ("name", "left"), ("mentions", "right"),
                           ("documents", "right"), ("also written", "left")):  # fmt: skip
        grid.add_column(title, justify=justify)  # type: ignore[arg-type]
    for rank, found in enumerate(names, 1):
        forms = ", ".join(safe_text(form, one_line=True) for form in found.forms[:3])
        grid.add_row(
            str(rank),
            Text(safe_text(found.name, one_line=True)),
            str(found.mentions),
            str(found.documents),
            Text(forms, style="dim"),
        )
    console.print(grid)
