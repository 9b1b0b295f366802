"""Word documents (.docx), read with python-docx: the body's paragraphs and tables in document
order (those inside content controls too), a blank line between blocks, a table row per line
with its cells joined by " | "; title and creation date from the core properties when they are
set. A paragraph's text is every run Word shows in it (hyperlinks, content controls, tracked
insertions, text boxes), not deleted text. Headers, footers, footnotes and comments are not
read.
"""

from __future__ import annotations

import unicodedata
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

import docx
from docx.document import Document as WordDocument
from docx.opc.exceptions import OpcError
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml.etree import LxmlError

from indexer.errors import ExtractionFailed
from indexer.extract import ExtractOptions, register
from indexer.extract.metadata import metadata_date
from indexer.extract.reading import open_source
from indexer.models import Document

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Text under these is not shown: deleted by tracked changes, or the copy of a text box that a
# drawing carries for old readers (markup compatibility's Fallback, beside its Choice).
_UNSHOWN = frozenset(
    (
        _W + "del",
        _W + "moveFrom",
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    )
)
# python-docx's own template carries this creation date: it says nothing about the document.
PYTHON_DOCX_TEMPLATE_DATE = datetime(2013, 12, 23, 23, 15, tzinfo=UTC)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@register(".docx")
def extract_docx(path: Path, options: ExtractOptions) -> Iterator[Document]:
    """One document: paragraphs and tables, with the title and date of the core properties."""
    with open_source(path) as source:
        word = _open_word(source)
        body = word.element.body
        blocks = [block for block in map(_block_text, _blocks(body, word._body)) if block]
        title, date = _core_title_and_date(word)
    text = unicodedata.normalize("NFC", "\n\n".join(blocks))
    yield Document(doc=str(path), path=str(path), text=text, title=title, date=date)


def _open_word(source: BinaryIO) -> WordDocument:
    if source.read(len(_OLE_MAGIC)) == _OLE_MAGIC:
        raise ExtractionFailed("encrypted DOCX, or a Word 97-2003 file named .docx")
    source.seek(0)
    try:
        return docx.Document(source)
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError, LxmlError) as exc:
        raise ExtractionFailed(f"damaged DOCX ({str(exc) or type(exc).__name__})") from exc


def _blocks(element: BaseOxmlElement, parent: Any) -> Iterator[Paragraph | Table]:
    """The paragraphs and tables under `element` in order, those inside content controls
    (a template's cover page, a table of contents) and custom XML included."""
    for child in element.iterchildren():
        if child.tag == _W + "p":
            yield Paragraph(child, parent)
        elif child.tag == _W + "tbl":
            yield Table(child, parent)
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _blocks(content, parent)
        elif child.tag == _W + "customXml":
            yield from _blocks(child, parent)


def _block_text(block: Paragraph | Table) -> str:
    if isinstance(block, Paragraph):
        return paragraph_text(block._p).strip()
    return table_text(block)


def paragraph_text(paragraph: BaseOxmlElement) -> str:
    """A paragraph's text as Word shows it: its runs wherever they sit (in hyperlinks, content
    controls, fields' results, tracked insertions, text boxes), tabs and line breaks kept;
    deleted text, field codes and the fallback copy of a drawing left out."""
    parts: list[str] = []
    for node in paragraph.iter(_W + "t", _W + "tab", _W + "br", _W + "cr"):
        if any(ancestor.tag in _UNSHOWN for ancestor in node.iterancestors()):
            continue
        if node.tag == _W + "t":
            parts.append(node.text or "")
        else:
            parts.append("\t" if node.tag == _W + "tab" else "\n")
    return "".join(parts)


def table_text(table: Table) -> str:
    """A row per line, cells joined by " | "; a merged cell is given once."""
    seen: set[object] = set()
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            if cell._tc in seen:  # the same cell again, merged across columns or rows
                continue
            seen.add(cell._tc)
            cells.append(_cell_text(cell))
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows)


def _cell_text(cell: _Cell) -> str:
    """A cell's paragraphs and nested tables on one line."""
    parts = [
        paragraph_text(item._p) if isinstance(item, Paragraph) else table_text(item)
        for item in _blocks(cell._tc, cell)
    ]
    return " ".join(" ".join(parts).split())


def _core_title_and_date(word: WordDocument) -> tuple[str, str | None]:
    properties = word.core_properties
    title = " ".join((properties.title or "").split())
    created = properties.created
    if created == PYTHON_DOCX_TEMPLATE_DATE:
        return title, None
    return title, metadata_date(created)
