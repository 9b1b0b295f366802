"""PDF files, read with pypdf: the text of each page, pages separated by a blank line, and
where each page starts (`page_starts`) so every passage knows its page.

A PDF encrypted with an owner password only (readable by anyone, as most "secured" PDFs are)
is read; one that needs a password to open fails as "encrypted PDF". One whose pages hold no
text at all fails as "image-only PDF (no text layer)": it needs OCR, which passages does not do.
The date is left to the pipeline (a date in the text beats the day the PDF was produced).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from pypdf import PdfReader
from pypdf.errors import DependencyError, PdfReadError, PyPdfError

from indexer.errors import ExtractionFailed, NoText
from indexer.extract import ExtractOptions, register
from indexer.extract.reading import open_source
from indexer.models import Document

# pypdf reports every quirk of a damaged file as a logging warning; without a handler Python
# would print them on stderr, through the progress bar. What matters becomes a skip reason.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

PAGE_SEPARATOR = "\n\n"
# Titles that PDF producers put in the metadata instead of the document's: file names.
_FILE_NAME_TITLE = re.compile(r"(^microsoft \w+ - )|(\.\w{2,4}$)|(^untitled$)", re.IGNORECASE)


@register(".pdf")
def extract_pdf(path: Path, options: ExtractOptions) -> Iterator[Document]:
    """One document: every page's text, with `page_starts`; the title from the metadata."""
    with open_source(path) as source:
        reader = _open_reader(source)
        pages = [_page_text(reader, number) for number in range(len(reader.pages))]
        title = _metadata_title(reader)
    if pages and not any(page.strip() for page in pages):
        raise NoText("image-only PDF (no text layer)")
    text, starts = join_pages(pages)
    yield Document(doc=str(path), path=str(path), text=text, title=title, page_starts=starts)


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
    """One page's text, NFC, without trailing blanks; "" for a page pypdf cannot read."""
    try:
        text = reader.pages[number].extract_text()
    except Exception:  # any failure of a damaged page must not cost the other pages
        logging.getLogger(__name__).debug("page %d unreadable", number + 1, exc_info=True)
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).rstrip()


def _metadata_title(reader: PdfReader) -> str:
    try:
        title = reader.metadata.title if reader.metadata else None
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError):
        return ""
    title = " ".join(str(title or "").split())
    return "" if _FILE_NAME_TITLE.search(title) else title
