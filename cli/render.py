"""Rendering results for people: rich layout on a terminal, stable plain text in a pipe, JSON Lines.

Document text is untrusted: its titles, paths and passages. It only ever reaches the terminal
through `safe_text`, which turns control characters (escape sequences, carriage returns, bidi
overrides) into visible stand-ins one for one, so highlight offsets still line up; and always as
`rich.text.Text` or with markup and emoji codes off, never as markup.

In a pipe, the renderers give the console plain strings, which it writes without loading rich
(`cli.output.ResultsConsole`): rich is imported where a terminal's layout is made.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # the library is imported when something is rendered, not at start-up
    from rich.console import Console
    from rich.text import Text

    from indexer.models import DocumentView, Hit, IndexStats

HIGHLIGHT = "bold yellow"
EXCERPT_CHARS = 240


class Located(Protocol):
    """Where a passage is: a Hit, a Mention or a Place."""

    @property
    def doc(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def line_start(self) -> int: ...
    @property
    def page(self) -> int | None: ...


class Found(Located, Protocol):
    """A passage found by a query: a Hit, or a Mention of a name."""

    @property
    def title(self) -> str: ...
    @property
    def date(self) -> str | None: ...
    @property
    def score(self) -> float: ...
    @property
    def text(self) -> str: ...
    @property
    def highlights(self) -> list[tuple[int, int]]: ...


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


def _any_of(table: dict[int, str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(table)) + "]")


# Whether a text holds any of them: most do not, and a search is quicker than translating
# every character of a text through a dict.
_UNSAFE_CHAR = _any_of(_SAFE_TABLE)
_UNSAFE_ONE_LINE = _any_of(_SAFE_ONE_LINE)


def safe_text(text: str, *, one_line: bool = False) -> str:
    """`text` with every character that could steer a terminal replaced by a visible one."""
    if one_line:
        return text.translate(_SAFE_ONE_LINE) if _UNSAFE_ONE_LINE.search(text) else text
    return text.translate(_SAFE_TABLE) if _UNSAFE_CHAR.search(text) else text


def display_path(path: str) -> str:
    """A path relative to the working folder when it lies below it, else as stored."""
    return _display_path(path, os.getcwd())


def shown_path(path: str) -> str:
    """A path as printed: `display_path`, with every character that could steer a terminal
    replaced (a file name comes with the documents, and is as untrusted as their text)."""
    return safe_text(display_path(path), one_line=True)


@functools.lru_cache(maxsize=4096)
def _display_path(path: str, folder: str) -> str:
    # (a listing names the same few files over and over: relpath is most of a line's time)
    try:
        relative = os.path.relpath(path, folder)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def location(hit: Located) -> str:
    """`path:line`, or `path:pN` for a paged document; safe to print. An e-mail's attachment
    is named after its message (`mail.eml#attachment/report.pdf:p4`): its lines and pages are
    its own."""
    where = display_path(hit.path)
    if hit.doc.startswith(f"{hit.path}#attachment/"):
        where += hit.doc[len(hit.path) :]
    where = safe_text(where, one_line=True)
    if hit.page is not None:
        return f"{where}:p{hit.page}"
    return f"{where}:{hit.line_start}"


# Copies of a passage named under it; more are counted.
COPIES_NAMED = 3


def copies_note(hit: Found) -> str | None:
    """`also in a.txt:3, b.txt:7 and 2 more`, for a hit whose text other documents hold too."""
    copies = getattr(hit, "copies", ())
    if not copies:
        return None
    named = ", ".join(location(copy) for copy in copies[:COPIES_NAMED])
    more = len(copies) - COPIES_NAMED
    return f"the same text is also in {named}" + (f" and {more} more" if more > 0 else "")


def excerpt(hit: Found, width: int = EXCERPT_CHARS) -> Text:
    """The part of the passage around its matches, highlighted, safe to print."""
    from rich.text import Text

    start, end = _excerpt_window(hit, width)
    text = Text(plain_excerpt(hit, width))
    shift = 2 if start > 0 else 0  # after "… "
    for span_start, span_end in hit.highlights:
        if span_start >= start and span_end <= end:
            text.stylize(HIGHLIGHT, span_start - start + shift, span_end - start + shift)
    return text


def plain_excerpt(hit: Found, width: int = EXCERPT_CHARS) -> str:
    """`excerpt(hit, width)` without its highlights, as a string."""
    start, end = _excerpt_window(hit, width)
    before = "… " if start > 0 else ""
    after = " …" if end < len(hit.text) else ""
    return before + safe_text(hit.text[start:end], one_line=True) + after


def _excerpt_window(hit: Found, width: int) -> tuple[int, int]:
    from indexer.highlight import excerpt_window

    return excerpt_window(hit.text, hit.highlights, width)


def hits(
    console: Console, found: Iterable[Found], *, total: int | None = None, first: int = 1
) -> None:
    """Ranked hits, numbered from `first`: a rich layout on a terminal (with how many matched
    in all, when `total` is given), plain lines elsewhere."""
    shown = list(found)
    if console.is_terminal:
        _hits_rich(console, shown, first)
        if total is not None and total > len(shown):
            console.print(f"{len(shown)} of {total:,} matching passages", style="dim")
    else:
        _hits_plain(console, shown)


SOME_WORDS = "only some of the words from here on"


def _some_words_from(previous: Found | None, hit: Found) -> bool:
    """Whether `hit` is the first shown of the passages that hold only some of a query's words
    (after those holding all of them, whose scores may be lower than its own)."""
    if getattr(hit, "all_words", None) is not False:
        return False
    return previous is None or getattr(previous, "all_words", None) is not False


def _hits_rich(console: Console, found: Iterable[Found], first: int) -> None:
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    previous = None
    for rank, hit in enumerate(found, first):
        if _some_words_from(previous, hit):
            console.print(f"    — {SOME_WORDS} —", style="dim", markup=False, soft_wrap=True)
            console.print()
        previous = hit
        title = safe_text(hit.title, one_line=True)
        head = Text.assemble((f"{rank:>2}. ", "dim"), (title, "bold"))
        meta = Text.assemble(
            (location(hit), "cyan"), (f"  {hit.date or 'no date'}  score {hit.score:.2f}", "dim")
        )
        body = Group(meta, excerpt(hit))
        note = copies_note(hit)
        if note:
            body = Group(meta, excerpt(hit), Text(note, style="dim"))
        console.print(head, Padding(body, (0, 0, 1, 4), expand=False), overflow="fold")


def _hits_plain(console: Console, found: Iterable[Found]) -> None:
    previous = None
    for hit in found:
        if _some_words_from(previous, hit):
            console.print(f"-- {SOME_WORDS} --", markup=False, highlight=False, soft_wrap=True)
        previous = hit
        console.print(_plain_head(hit), markup=False, emoji=False, highlight=False, soft_wrap=True)
        console.print(
            "    " + plain_excerpt(hit), markup=False, emoji=False, highlight=False, soft_wrap=True
        )
        note = copies_note(hit)
        if note:
            console.print("    " + note, markup=False, emoji=False, highlight=False, soft_wrap=True)


def _plain_head(hit: Found) -> str:
    head = f"{location(hit)}: {safe_text(hit.title, one_line=True)}"
    return head + f" ({hit.date or 'no date'}, score {hit.score:.2f})"


def hits_in_context(
    console: Console,
    groups: Sequence[tuple[Hit, Sequence[Hit]]],
    results: Collection[tuple[str, int]] = (),
) -> None:
    """Each hit with its neighbouring passages (-C N), like `show`; `--` between hits. The
    hit is marked `>`, and so is any passage among them that is in `results` (doc, number):
    hits close together in a document are shown once, as one group."""
    for number, (hit, around) in enumerate(groups):
        if number:
            console.print("--", style=dim_style(console), markup=False, soft_wrap=True)
        if console.is_terminal:
            from rich.text import Text

            head = Text.assemble(
                (safe_text(hit.title, one_line=True), "bold"),
                (f"  {location(hit)}  score {hit.score:.2f}", "dim"),
            )
            console.print(head, soft_wrap=True)
        else:
            console.print(_plain_head(hit), markup=False, emoji=False, soft_wrap=True)
        note = copies_note(hit)
        if note:
            console.print(note, style=dim_style(console), markup=False, soft_wrap=True)
        marked = {p.passage for p in around if (p.doc, p.passage) in results}
        numbered_passages(console, around, focus={hit.passage} | marked)


def dim_style(console: Console) -> str | None:
    return "dim" if console.is_terminal else None


def document_view(console: Console, view: DocumentView) -> None:
    """`passages show`: the title, where the passage is, then it and its neighbours with line
    numbers in the margin; the passage asked for stands out, the others are dimmed."""
    title = safe_text(view.title, one_line=True)
    place = f"{safe_text(display_path(view.path), one_line=True)}"
    if view.doc != view.path:
        place += f"  ({safe_text(view.doc, one_line=True)})"
    about = f"{place}  {view.date or 'no date'}  passage {view.focus} of {view.count}"
    if console.is_terminal:
        from rich.text import Text

        meta = Text(about)
        meta.stylize("dim")
        console.print(Text(title, style="bold"), meta, Text(), sep="\n", soft_wrap=True)
    else:
        console.print(title, about, "", sep="\n", markup=False, soft_wrap=True)
    numbered_passages(console, view.passages, focus=view.focus)


def numbered_passages(
    console: Console, passages: Sequence[Hit], *, focus: int | Collection[int]
) -> None:
    """Passages line by line, each line with its number in the margin; a blank line between
    passages. The `focus` passage (or passages) is marked `>`, and on a terminal the others
    are dimmed and long lines wrap beside the margin."""
    focused = {focus} if isinstance(focus, int) else set(focus)
    width = len(str(max((p.line_end for p in passages), default=1)))
    if not console.is_terminal:
        for index, passage in enumerate(passages):
            mark = " " if passage.passage not in focused else ">"
            if index:
                console.print("", markup=False, soft_wrap=True)
            for number, line, _ in _numbered_lines(passage):
                row = f"{mark}{number:>{width}} │ {line}".rstrip()
                console.print(row, markup=False, soft_wrap=True)
        return
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="cyan")
    grid.add_column(overflow="fold")
    for index, passage in enumerate(passages):
        dim = passage.passage not in focused
        if index:
            grid.add_row(Text(), Text())
        for number, line, offset in _numbered_lines(passage):
            margin = Text(f"{' ' if dim else '>'}{number:>{width}} │", style="dim" if dim else "")
            grid.add_row(margin, Text(line, style="dim") if dim else _lit(passage, line, offset))
    console.print(grid)


def _numbered_lines(passage: Hit) -> list[tuple[int, str, int]]:
    """Each line of the passage's text, made safe, with its line number and where it starts
    in the text."""
    safe = safe_text(passage.text)
    rows: list[tuple[int, str, int]] = []
    offset = 0
    own_lines = passage.line_end - passage.line_start == safe.count("\n")
    for row, line in enumerate(safe.split("\n")):
        rows.append((passage.line_start + row if own_lines else passage.line_start, line, offset))
        offset += len(line) + 1
    return rows


def _lit(passage: Hit, line: str, offset: int) -> Text:
    """A line of the passage, starting at `offset` in its text, with its matches highlighted."""
    from rich.text import Text

    text = Text(line)
    for start, end in passage.highlights:
        if offset <= start and end <= offset + len(line):
            text.stylize(HIGHLIGHT, start - offset, end - offset)
    return text


# JSON escapes C0 controls itself; these it would write raw, and a terminal may act on them.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def json_lines(console: Console, records: Iterable[Any]) -> None:
    """One JSON object per dataclass, per line; the text exact, but with the characters that
    could steer a terminal written as \\u escapes."""
    for record in records:
        console.out(json_line(asdict(record)), highlight=False)


def json_line(value: Any) -> str:
    """`value` as one line of JSON: the text exact, but with the characters that could steer a
    terminal (which JSON would write raw) as \\u escapes."""
    line = json.dumps(value, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", line)


def stats(console: Console, numbers: IndexStats) -> None:
    """`passages stats` as a two-column table (plain `key: value` lines in a pipe)."""
    rows = [
        ("index", shown_path(numbers.location)),
        ("documents", f"{numbers.documents:,}"),
        ("passages", f"{numbers.passages:,}"),
        ("distinct terms", f"{numbers.terms:,}"),
        ("size on disk", _human_bytes(numbers.size_bytes)),
        ("last updated", numbers.updated or "never"),
        ("format", str(numbers.version)),
    ]
    if not console.is_terminal:
        for key, value in rows:
            console.print(f"{key}: {value}", markup=False, highlight=False, soft_wrap=True)
        return
    from rich.table import Table
    from rich.text import Text

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
