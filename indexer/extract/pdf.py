"""PDF files, read with pypdf: the text of each page, pages separated by a blank line, and
where each page starts (`page_starts`) so every passage knows its page. Within a page, a blank
line marks where the space between lines says a paragraph ends (`paragraphs_apart`), and
running headers and footers are left out (`without_running_lines`).

A PDF encrypted with an owner password only (readable by anyone, as most "secured" PDFs are)
is read; one that needs a password to open fails as "encrypted PDF". One whose pages hold no
text at all fails as "image-only PDF (no text layer)": it needs OCR, which passages does not do.
The date is one written near the top of the text, else the day the PDF says it was made (its
creation date in the metadata).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from pypdf import PdfReader
from pypdf.errors import DependencyError, PdfReadError, PyPdfError

from indexer.dates import find_date
from indexer.errors import ExtractionFailed, NoText
from indexer.extract import ExtractOptions, register
from indexer.extract.metadata import metadata_date
from indexer.extract.reading import open_source
from indexer.models import Document

# pypdf reports every quirk of a damaged file as a logging warning; without a handler Python
# would print them on stderr, through the progress bar. What matters becomes a skip reason.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

PAGE_SEPARATOR = "\n\n"
# Running headers and footers: lines at the same end of this many pages at least (and of most).
RUNNING_PAGES = 3
_DIGITS = re.compile(r"\d+")
_RAW_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})(\d{2})")
# Space down to the next line, over the page's usual line spacing, that ends a paragraph.
PARAGRAPH_SPACING = 1.4
# Justified text's runs of spaces between words (not indents), and spaces ending a line.
_SPACE_RUNS = re.compile(r"(?<=\S)[ \t]{2,}|[ \t]+$", re.MULTILINE)
# Bullets of Word's Symbol and Wingdings fonts, which PDFs give as private-use characters.
_SYMBOL_FONT_BULLETS = str.maketrans({"\uf0b7": "•", "\uf0a7": "▪"})
# Titles that PDF producers put in the metadata instead of the document's: file names.
_FILE_NAME_TITLE = re.compile(r"(^microsoft \w+ - )|(\.\w{2,4}$)|(^untitled$)", re.IGNORECASE)


@register(".pdf")
def extract_pdf(path: Path, options: ExtractOptions) -> Iterator[Document]:
    """One document: every page's text, with `page_starts`; the title from the metadata."""
    with open_source(path) as source:
        reader = _open_reader(source)
        pages = [_page_text(reader, number) for number in range(len(reader.pages))]
        title = _metadata_title(reader)
        made = _creation_date(reader)
    pages = without_running_lines(pages)
    if pages and not any(page.strip() for page in pages):
        raise NoText("image-only PDF (no text layer)")
    text, starts = join_pages(pages)
    date = find_date(text) or made
    yield Document(
        doc=str(path), path=str(path), text=text, title=title, date=date, page_starts=starts
    )


def join_pages(pages: list[str]) -> tuple[str, tuple[int, ...]]:
    """The pages' text as one text, and the offset at which each page starts."""
    starts: list[int] = []
    offset = 0
    for number, page in enumerate(pages):
        if number:
            offset += len(PAGE_SEPARATOR)
        starts.append(offset)
        offset += len(page)
    return PAGE_SEPARATOR.join(pages), tuple(starts)


def without_running_lines(pages: list[str]) -> list[str]:
    """The pages without their running headers and footers: a first or last line that comes
    back, digits aside ("Page 3 of 12"), at the same end of most pages (at least RUNNING_PAGES).
    Left in, they would be a passage on every page, found by every search for the report's
    name."""
    if len(pages) < RUNNING_PAGES:
        return pages
    lines = [page.split("\n") for page in pages]
    for end in (0, -1):
        shapes = Counter(_shape(page[end]) for page in lines if page[end].strip())
        least = max(RUNNING_PAGES, len(pages) // 2 + 1)
        running = {shape for shape, count in shapes.items() if count >= least}
        for page in lines:
            if page[end].strip() and _shape(page[end]) in running:
                del page[end]
                _drop_blank_end(page, end)
    return ["\n".join(page) for page in lines]


def _shape(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()))


def _drop_blank_end(page: list[str], end: int) -> None:
    while page and not page[end].strip():
        del page[end]
    if not page:
        page.append("")


def _open_reader(source: BinaryIO) -> PdfReader:
    """A reader ready to give pages, decrypted with the empty password when it must be."""
    if b"%PDF-" not in source.read(1024):
        raise ExtractionFailed("not a PDF file")
    source.seek(0)
    try:
        reader = PdfReader(source)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionFailed("encrypted PDF (needs a password)")
        len(reader.pages)
    except DependencyError as exc:
        raise ExtractionFailed("encrypted PDF (AES: the cryptography package is missing)") from exc
    except NotImplementedError as exc:
        raise ExtractionFailed(f"encrypted PDF (unsupported encryption: {exc})") from exc
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise ExtractionFailed(f"damaged PDF ({exc})") from exc
    return reader


def _page_text(reader: PdfReader, number: int) -> str:
    """One page's text, NFC, paragraphs apart, without runs of spaces or trailing blanks; ""
    for a page pypdf cannot read."""
    lines = _PageLines()
    try:
        text = reader.pages[number].extract_text(visitor_text=lines.visit)
    except Exception:  # any failure of a damaged page must not cost the other pages
        logging.getLogger(__name__).debug("page %d unreadable", number + 1, exc_info=True)
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if lines.text() == text:
        text = paragraphs_apart(text.split("\n"), lines.heights)
    text = _SPACE_RUNS.sub(_one_space, text.translate(_SYMBOL_FONT_BULLETS))
    return unicodedata.normalize("NFC", text).rstrip()


def _one_space(run: re.Match[str]) -> str:
    return "" if run.end() == len(run.string) or run.string[run.end()] == "\n" else " "


class _PageLines:
    """What pypdf's text visitor sees of a page: its text, and how high each line starts."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.heights: dict[int, float] = {}  # line number → height of its baseline
        self.line = 0

    def visit(self, text: str, cm: list[float], tm: list[float], *_: object) -> None:
        self.pieces.append(text)
        for number, part in enumerate(text.split("\n")):
            self.line += 1 if number else 0
            if part.strip() and self.line not in self.heights:
                self.heights[self.line] = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]

    def text(self) -> str:
        return "".join(self.pieces).replace("\r\n", "\n").replace("\r", "\n")


def paragraphs_apart(lines: list[str], heights: dict[int, float]) -> str:
    """The lines of a page, with a blank line where the space down to the next line is well over
    the page's usual line spacing (paragraph spacing, as word processors set it). pypdf's plain
    text has no blank lines at all, so without this a page of short paragraphs would read as
    one paragraph per line, cut mid-sentence; its layout mode keeps the spacing but costs three
    times as long and pads every line with spaces."""
    gaps: dict[int, float] = {}
    previous: int | None = None
    for number in sorted(heights):
        if previous is not None and lines[previous].strip():
            gaps[number] = heights[previous] - heights[number]
        previous = number
    downward = sorted(gap for gap in gaps.values() if gap > 0)
    if len(downward) < 2:
        return "\n".join(lines)
    usual = downward[len(downward) // 2]
    out: list[str] = []
    for number, line in enumerate(lines):
        if gaps.get(number, 0) > PARAGRAPH_SPACING * usual and out and out[-1].strip():
            out.append("")
        out.append(line)
    return "\n".join(out)


def _creation_date(reader: PdfReader) -> str | None:
    """The metadata's creation date. pypdf refuses some that producers write (LibreOffice's
    `D:20230413093000Z'`): then the day is read from the start of the raw value."""
    try:
        info = reader.metadata
        if info is None:
            return None
        try:
            return metadata_date(info.creation_date)
        except ValueError:
            raw = _RAW_PDF_DATE.match(str(info.get("/CreationDate", "")))
            return metadata_date("-".join(raw.groups())) if raw else None
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError):
        return None


def _metadata_title(reader: PdfReader) -> str:
    try:
        title = reader.metadata.title if reader.metadata else None
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError):
        return ""
    title = " ".join(str(title or "").split())
    return "" if _FILE_NAME_TITLE.search(title) else title
