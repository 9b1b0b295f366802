"""Where a hit's matched words sit in its source file: line, column and the line's text, for
`--grep` (`path:line:col: text`, as ripgrep's --vimgrep prints them).

Lines come from the passage: its first line is `line_start` and its text keeps the document's
line breaks. A passage may begin mid-line (a long paragraph cut at a sentence end) or after an
indent, and may end mid-line; so for a plain file the line is read back from the file, and the
passage's piece of it located there. When the file cannot be read, has changed, or the document
is a record of a collection (its text is not the file's lines), the passage's own lines are used.

A web page's passage is text taken out of markup, and its lines are the page's lines that text
came from: each matched word is looked for there, in the text between tags, and its place in the
page's own line given (the passage's, when the page has changed or writes the word otherwise, as
`caf&eacute;`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from itertools import accumulate
from pathlib import Path

from indexer.models import Hit, LineMatch

# Source files read back for their lines: how many are kept, and how large one may be.
CACHED_FILES = 32
MAX_SOURCE_BYTES = 32 * 1024 * 1024


class SourceLines:
    """Lines of source files, read on first use and kept for the last few files."""

    def __init__(self) -> None:
        self.files: OrderedDict[str, _Lines | None] = OrderedDict()

    def line(self, path: str, number: int) -> str | None:
        """Line `number` (1-based) of the file at `path`, None when it cannot be read."""
        found = self._lines(path, number)
        return None if found is None else found.lines[number - 1]

    def line_offset(self, path: str, number: int) -> int | None:
        """Where line `number` starts in the file's text, None when it cannot be read."""
        found = self._lines(path, number)
        return None if found is None else found.starts[number - 1]

    def places(self, path: str) -> tuple[list[int], list[tuple[int, int]]]:
        """For a web page: offsets in its text where runs of text begin, and the (line, column)
        of each in the page (`html.page_places`); empty when the page cannot be read."""
        found = self._lines(path, 1)
        if found is None:
            return [], []
        if found.places is None:
            from indexer.errors import PassagesError
            from indexer.extract.html import page_places

            try:
                places = page_places(found.text)
            except PassagesError:
                places = []
            found.places = ([offset for offset, _, _ in places], [p[1:] for p in places])
        return found.places

    def _lines(self, path: str, number: int) -> _Lines | None:
        if path not in self.files:
            self.files[path] = _read_lines(path)
            if len(self.files) > CACHED_FILES:
                self.files.popitem(last=False)
        found = self.files[path]
        if found is None or not 1 <= number <= len(found.lines):
            return None
        return found


class _Lines:
    """A file's text as the index read it, cut into lines, and where each line starts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.places: tuple[list[int], list[tuple[int, int]]] | None = None
        self.lines = text.split("\n")
        self.starts = list(accumulate((len(line) + 1 for line in self.lines[:-1]), initial=0))


def _read_lines(path: str) -> _Lines | None:
    """The file decoded as indexing decodes it (its encoding detected, or for a web page the
    one it declares; a byte-order mark dropped, line ends made \\n, NFC), so that columns and
    text agree with the passage."""
    from indexer.errors import PassagesError
    from indexer.extract.text import decode_bytes

    try:
        if Path(path).stat().st_size > MAX_SOURCE_BYTES:
            return None
        data = Path(path).read_bytes()
        declared = None
        if _is_markup(path):
            from indexer.extract.html import declared_charset

            declared = declared_charset(data)
        text, _ = decode_bytes(data, declared)
    except (OSError, PassagesError):
        return None
    return _Lines(text)


def _is_markup(path: str) -> bool:
    """Whether `path` is read as a web page, whose text is taken out of its markup."""
    from indexer.extract import MODULES, reader_suffix

    suffix = reader_suffix(Path(path).name)
    return suffix is not None and MODULES[suffix] == "html"


def line_matches(hits: Iterable[Hit], sources: SourceLines | None = None) -> Iterator[LineMatch]:
    """One LineMatch per highlighted word of each hit, in order."""
    sources = sources if sources is not None else SourceLines()
    for hit in hits:
        yield from _hit_line_matches(hit, sources)


def _hit_line_matches(hit: Hit, sources: SourceLines) -> Iterator[LineMatch]:
    if hit.doc == hit.path and _is_markup(hit.path):
        yield from _markup_line_matches(hit, sources)
        return
    pieces = hit.text.split("\n")
    starts = [0]
    for piece in pieces[:-1]:
        starts.append(starts[-1] + len(piece) + 1)
    own_lines = hit.line_end - hit.line_start == len(pieces) - 1
    in_source = own_lines and hit.doc == hit.path
    placed: dict[int, tuple[int, str]] = {}
    for start, end in hit.highlights:
        row = bisect_right(starts, start) - 1
        if row not in placed:
            placed[row] = _place(hit, pieces[row], row, sources if in_source else None)
        offset, line_text = placed[row]
        column = offset + start - starts[row]
        line = hit.line_start + row if own_lines else hit.line_start
        yield LineMatch(hit.path, line, column + 1, line_text, (column, column + end - start))


def _place(hit: Hit, piece: str, row: int, sources: SourceLines | None) -> tuple[int, str]:
    """Where `piece` (row `row` of the passage) begins in its source line, and that line. The
    first row of a passage that begins mid-line is where the passage's offset puts it (the
    same sentence may stand in the line more than once), else its first place in the line."""
    if sources is not None:
        number = hit.line_start + row
        line = sources.line(hit.path, number)
        if line is not None:
            if row > 0:
                return (0, line) if line.startswith(piece) else (0, piece)
            line_offset = sources.line_offset(hit.path, number)
            at = -1 if line_offset is None else hit.char_start - line_offset
            found = at if at >= 0 and line.startswith(piece, at) else line.find(piece)
            if found >= 0:
                return found, line
    return 0, piece


def _markup_line_matches(hit: Hit, sources: SourceLines) -> Iterator[LineMatch]:
    """Each matched word of a web page's passage where it stands in the page: looked for in
    the page's text from where the run of text holding it begins, each word after the one
    before; where a word is not found so, the passage's own line."""
    offsets, places = sources.places(hit.path)
    line, column = hit.line_start, 0
    for start, end in hit.highlights:
        at = bisect_right(offsets, hit.char_start + start) - 1
        if at >= 0 and places[at] > (line, column):
            line, column = places[at]
        words = hit.text[start:end].split()
        found = _find_in_markup(sources, hit.path, words, line, column, hit.line_end)
        if found is None:
            row_start = hit.text.rfind("\n", 0, start) + 1
            row_end = hit.text.find("\n", end)
            row = hit.text[row_start : len(hit.text) if row_end < 0 else row_end]
            at = start - row_start
            yield LineMatch(hit.path, hit.line_start, at + 1, row, (at, at + end - start))
            continue
        line, column, length = found
        text = sources.line(hit.path, line) or ""
        yield LineMatch(hit.path, line, column + 1, text, (column, column + length))
        column += length


def _find_in_markup(
    sources: SourceLines, path: str, words: list[str], line: int, column: int, last: int
) -> tuple[int, int, int] | None:
    """(line, column, length) of the first place at or after (`line`, `column`) and on or
    before line `last` where `words` stand as whole words in the page's text: all of them with
    spaces between, else the first alone."""
    from indexer.extract.html import find_in_text

    tries = [words, words[:1]] if len(words) > 1 else [words]
    for wanted in tries:
        for number in range(line, max(line, last) + 1):
            text = sources.line(path, number)
            if text is None:
                return None
            found = find_in_text(text, wanted, column if number == line else 0)
            if found is not None:
                return number, found[0], found[1] - found[0]
    return None
