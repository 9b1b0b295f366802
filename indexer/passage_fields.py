"""From extracted documents to the field values of their passages, as the index stores them.

Every passage carries its document's id, path, title, date (a first line too long to be a
heading is shown as the title but not indexed as one) and fields (an e-mail's from and to, the
message an attachment came with), its number in the document (parts
of a large document number on), its lines, page and character offsets in the whole document,
and its text. Ids and paths become text an index term can hold (`store.key_text`), and lone
surrogates that JSON escapes can produce become U+FFFD, so nothing undisplayable is stored.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from indexer.dates import find_date
from indexer.extract.text import blank_terminal_codes
from indexer.models import Document
from indexer.passages import split_into_passages
from indexer.store import key_text

TITLE_CHARS = 200
# A first line taken as the title is indexed as one when it is this short: a longer one is the
# start of the text (a blog post's first paragraph), shown as the title but not weighted as one.
TITLE_WORDS = 16
# A title is looked for in the first lines: this many characters of the text.
TITLE_SCAN_CHARS = 4_000
_HEADING_MARKS = re.compile(r"^\s{0,3}#{1,6}\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def passage_fields(documents: Iterable[Document]) -> Iterator[tuple[Document, dict[str, Any]]]:
    """The fields of every passage of `documents`; parts of one document number on, and their
    character offsets count from the start of the whole document."""
    heads: dict[str, tuple[str, str, str | None]] = {}
    numbers: dict[str, int] = {}
    chars: dict[str, int] = {}
    for document in documents:
        if document.doc not in heads:
            title = _title(document)
            heads[document.doc] = (title, _indexed_title(document, title), _date(document))
        title, indexed_title, date = heads[document.doc]
        kept = {name: _displayable(value) for name, value in document.fields.items()} or None
        offset = numbers.get(document.doc, 0)
        base = chars.get(document.doc, 0)
        doc, path = key_text(document.doc), key_text(document.path)
        text = _displayable(document.text)
        passages = split_into_passages(
            text, line_base=document.line_base, page_starts=document.page_starts
        )
        places = _file_lines(document)
        for passage in passages:
            first, last = passage.line_start, passage.line_end
            if not document.lines_in_source:
                first = last = document.line_base
            elif places is not None:
                first, last = places(passage.start), places(max(passage.start, passage.end - 1))
            yield (
                document,
                {
                    "doc": doc,
                    "path": path,
                    "title": indexed_title,
                    "headline": indexed_title if offset + passage.number == 1 else None,
                    "_stored_title": title,
                    "date": date,
                    "passage": offset + passage.number,
                    "line_start": first,
                    "line_end": last,
                    "start": base + passage.start,
                    "end": base + passage.end,
                    "page": passage.page,
                    "fields": kept,
                    "text": passage.text,
                    "names": passage.text,
                },
            )
        numbers[document.doc] = offset + len(passages)
        chars[document.doc] = base + len(document.text)


def _file_lines(document: Document) -> Callable[[int], int] | None:
    """For a document whose `source_lines` map its text back to its file, the file's line of a
    character offset in the text; None when the text's lines are the file's."""
    if not document.source_lines:
        return None
    offsets = [offset for offset, _ in document.source_lines]
    numbers = [line for _, line in document.source_lines]
    return lambda offset: numbers[max(0, bisect_right(offsets, offset) - 1)]


def _displayable(text: str) -> str:
    """`text` with lone surrogates (which no terminal or UTF-8 file can show) as U+FFFD, and
    terminal codes blanked, whatever format it came from (a JSON record's "\\u001b[31m")."""
    text = blank_terminal_codes(text)
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _title(document: Document) -> str:
    """The extractor's title, else the first non-blank line (a Markdown heading's marks
    dropped), else the file's name."""
    if document.title.strip():
        return _displayable(document.title.strip()[:TITLE_CHARS])
    for line in document.text[:TITLE_SCAN_CHARS].splitlines():
        title = _HEADING_MARKS.sub("", line).strip()
        if title:
            return _displayable(title[:TITLE_CHARS])
    return key_text(Path(document.path).name)


def _indexed_title(document: Document, title: str) -> str:
    """The title to index: the extractor's, or a first line short enough to be a heading."""
    if document.title.strip() or len(title.split()) <= TITLE_WORDS:
        return title
    return ""


def _date(document: Document) -> str | None:
    """The extractor's date, else one written near the top, else one in the file's name
    (`2023-04-13-report.txt`)."""
    if document.date:
        return document.date
    return find_date(document.text) or find_date(key_text(Path(document.path).name))
