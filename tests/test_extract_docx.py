"""DOCX: paragraphs and tables in document order, title and date from the core properties,
and files that are not DOCX packages failing with their reason."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from indexer.errors import ExtractionFailed
from indexer.extract import extract
from indexer.models import Document
from tests.document_builders import make_docx


def read_docx(tmp_path: Path, data: bytes) -> Document:
    path = tmp_path / "minutes.docx"
    path.write_bytes(data)
    [document] = extract(path)
    return document


def test_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    data = make_docx(
        [
            "Minutes of the water board",
            "",
            "The board met in Qasr Bahri.",
            [["Member", "Vote"], ["Salma Haddad", "for"], ["Omar Saleh", "against"]],
            "The meeting closed at noon.",
        ]
    )
    document = read_docx(tmp_path, data)
    assert document.text == (
        "Minutes of the water board\n\n"
        "The board met in Qasr Bahri.\n\n"
        "Member | Vote\nSalma Haddad | for\nOmar Saleh | against\n\n"
        "The meeting closed at noon."
    )
    assert (document.doc, document.title, document.date) == (
        str(tmp_path / "minutes.docx"),
        "",
        None,  # python-docx's template date (2013-12-23) is not the document's
    )


def test_title_and_date_from_core_properties(tmp_path: Path) -> None:
    data = make_docx(
        ["Body text."],
        title="Minutes, 4 March",
        created=datetime(2024, 3, 4, 9, 30, tzinfo=UTC),
    )
    document = read_docx(tmp_path, data)
    assert (document.title, document.date) == ("Minutes, 4 March", "2024-03-04")


def test_merged_cells_are_given_once_and_nested_tables_are_read(tmp_path: Path) -> None:
    word = docx.Document()
    table = word.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Budget 2024"
    for column, value in enumerate(["Item", "Cost", "Note"]):
        table.cell(1, column).text = value
    table.cell(2, 0).text = "Pumps"
    table.cell(2, 1).text = "1,200"
    inner = table.cell(2, 2).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "see"
    inner.cell(0, 1).text = "annex"
    out = io.BytesIO()
    word.save(out)
    document = read_docx(tmp_path, out.getvalue())
    assert document.text == "Budget 2024\nItem | Cost | Note\nPumps | 1,200 | see | annex"


def test_text_is_nfc_and_arabic_is_kept(tmp_path: Path) -> None:
    document = read_docx(tmp_path, make_docx(["Cafe\u0301", "وصل الوفد إلى بغداد"]))
    assert document.text == "Café\n\nوصل الوفد إلى بغداد"


def test_an_empty_document(tmp_path: Path) -> None:
    assert read_docx(tmp_path, make_docx([])).text == ""


def test_an_encrypted_or_legacy_word_file_fails(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    with pytest.raises(ExtractionFailed, match="^encrypted DOCX, or a Word 97-2003 file"):
        read_docx(tmp_path, ole)


def test_a_zip_that_is_not_a_word_document_fails(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "not a document")
    with pytest.raises(ExtractionFailed, match=r"^damaged DOCX \("):
        read_docx(tmp_path, out.getvalue())


@pytest.mark.parametrize("data", [b"", b"plain text saved as .docx", b"PK\x03\x04truncated"])
def test_files_that_are_not_zip_packages_fail(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(ExtractionFailed, match=r"^damaged DOCX \("):
        read_docx(tmp_path, data)


def test_a_package_with_broken_xml_fails(tmp_path: Path) -> None:
    good = make_docx(["text"])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<w:document" if item.filename == "word/document.xml" else data)
    with pytest.raises(ExtractionFailed, match=r"^damaged DOCX \("):
        read_docx(tmp_path, out.getvalue())


def _word_with_body_xml(body_xml: str) -> bytes:
    """A DOCX whose body starts with this WordprocessingML (as Word writes it)."""
    word = docx.Document()
    word.add_paragraph("Last paragraph.")
    namespaces = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    )
    wrapper = parse_xml(f"<w:body {namespaces}>{body_xml}</w:body>")
    for position, element in enumerate(list(wrapper)):
        word.element.body.insert(position, element)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def test_text_inside_content_controls_is_read(tmp_path: Path) -> None:
    """Regression: paragraphs inside a content control (a template's cover page, a table of
    contents) and runs inside an inline one (a form field) were left out."""
    body = (
        "<w:sdt><w:sdtPr/><w:sdtContent>"
        "<w:p><w:r><w:t>Harbour Authority Annual Report</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
        "<w:p><w:r><w:t xml:space='preserve'>Prepared by </w:t></w:r>"
        "<w:sdt><w:sdtContent><w:r><w:t>Salma Haddad</w:t></w:r></w:sdtContent></w:sdt></w:p>"
    )
    document = read_docx(tmp_path, _word_with_body_xml(body))
    assert document.text == (
        "Harbour Authority Annual Report\n\nPrepared by Salma Haddad\n\nLast paragraph."
    )


def test_tracked_insertions_are_read_and_deletions_are_not(tmp_path: Path) -> None:
    body = (
        "<w:p><w:r><w:t xml:space='preserve'>Wages rose </w:t></w:r>"
        "<w:del><w:r><w:delText>five</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>six</w:t></w:r></w:ins>"
        "<w:r><w:t xml:space='preserve'> percent.</w:t></w:r></w:p>"
    )
    assert read_docx(tmp_path, _word_with_body_xml(body)).text.startswith(
        "Wages rose six percent.\n\n"
    )


def test_a_text_box_is_read_once_not_with_its_fallback_copy(tmp_path: Path) -> None:
    box = "<w:txbxContent><w:p><w:r><w:t>Boxed note.</w:t></w:r></w:p></w:txbxContent>"
    body = (
        "<w:p><w:r><w:t xml:space='preserve'>See: </w:t></w:r><w:r><mc:AlternateContent>"
        f"<mc:Choice Requires='wps'><w:drawing>{box}</w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    assert read_docx(tmp_path, _word_with_body_xml(body)).text.startswith("See: Boxed note.\n\n")
