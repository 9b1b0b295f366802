"""PDF: text per page with the offsets where pages start, the metadata title, and the PDFs
that cannot be read (a password needed, no text layer, damaged) failing with their reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.errors import ExtractionFailed
from indexer.extract import extract
from indexer.extract.pdf import join_pages
from indexer.models import Document
from indexer.passages import split_into_passages
from tests.document_builders import encrypt_pdf, make_pdf

PAGES = [
    ["Quarterly report", "Prepared in Zürich (draft)"],
    ["The board met on 4 March 2024.", "Revenue rose."],
    ["Appendix"],
]


def read_pdf(tmp_path: Path, data: bytes) -> Document:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    [document] = extract(path)
    return document


def test_text_per_page_with_page_starts(tmp_path: Path) -> None:
    document = read_pdf(tmp_path, make_pdf(PAGES))
    assert document.text == (
        "Quarterly report\nPrepared in Zürich (draft)\n\n"
        "The board met on 4 March 2024.\nRevenue rose.\n\n"
        "Appendix"
    )
    assert document.page_starts == (0, 45, 91)
    pages = [document.text[start:] for start in document.page_starts]
    assert [page.split("\n")[0] for page in pages] == [
        "Quarterly report",
        "The board met on 4 March 2024.",
        "Appendix",
    ]
    assert (document.doc, document.title) == (str(tmp_path / "report.pdf"), "")
    assert document.date == "2024-03-04"  # written near the top


def test_title_from_the_metadata(tmp_path: Path) -> None:
    document = read_pdf(tmp_path, make_pdf(PAGES, title="Quarterly  report, Q1"))
    assert document.title == "Quarterly report, Q1"


@pytest.mark.parametrize("title", ["Microsoft Word - report.docx", "report.doc", "Untitled"])
def test_file_names_in_the_title_metadata_are_ignored(tmp_path: Path, title: str) -> None:
    assert read_pdf(tmp_path, make_pdf(PAGES, title=title)).title == ""


def test_blank_pages_keep_their_place(tmp_path: Path) -> None:
    document = read_pdf(tmp_path, make_pdf([["First"], [], ["Third"]]))
    assert document.text == "First\n\n\n\nThird"
    assert document.page_starts == (0, 7, 9)


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_owner_password_only_pdfs_are_read(tmp_path: Path, algorithm: str) -> None:
    data = encrypt_pdf(make_pdf(PAGES), user_password="", algorithm=algorithm)
    assert read_pdf(tmp_path, data).text.startswith("Quarterly report\n")


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_pdfs_that_need_a_password_fail(tmp_path: Path, algorithm: str) -> None:
    data = encrypt_pdf(make_pdf(PAGES), user_password="secret", algorithm=algorithm)
    with pytest.raises(ExtractionFailed, match=r"^encrypted PDF \(needs a password\)$"):
        read_pdf(tmp_path, data)


def test_image_only_pdfs_fail(tmp_path: Path) -> None:
    with pytest.raises(ExtractionFailed, match=r"^image-only PDF \(no text layer\)$"):
        read_pdf(tmp_path, make_pdf([[], []], images=True))


def test_a_page_of_images_beside_pages_of_text_is_fine(tmp_path: Path) -> None:
    document = read_pdf(tmp_path, make_pdf([["Text page"], []], images=True))
    assert (document.text, document.page_starts) == ("Text page\n\n", (0, 11))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html>saved as .pdf by mistake</html>", "^not a PDF file$"),
        (b"", "^not a PDF file$"),
        (b"%PDF-1.4\n" + b"\x00garbage" * 50, "^damaged PDF"),
    ],
)
def test_damaged_pdfs_fail(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(ExtractionFailed, match=reason):
        read_pdf(tmp_path, data)


def test_join_pages() -> None:
    assert join_pages(["ab", "", "c"]) == ("ab\n\n\n\nc", (0, 4, 6))
    assert join_pages([]) == ("", ())


def test_paragraph_spacing_becomes_blank_lines_so_passages_follow_paragraphs(
    tmp_path: Path,
) -> None:
    """Regression: pypdf's text has no blank lines, so a page of short paragraphs was read as
    one paragraph per line, and passages were cut mid-sentence."""
    lines = [
        "The board met the harbour workers on Monday and agreed",
        "to raise the night shift wages.",
        "",
        "The union said the agreement was a first step and",
        "that talks would go on in June.",
    ]
    document = read_pdf(tmp_path, make_pdf([lines]))
    assert document.text == (
        "The board met the harbour workers on Monday and agreed\n"
        "to raise the night shift wages.\n\n"
        "The union said the agreement was a first step and\n"
        "that talks would go on in June."
    )
    passages = split_into_passages(document.text, page_starts=document.page_starts)
    assert [passage.text.split("\n")[0][:12] for passage in passages] == [
        "The board me",
        "The union sa",
    ]


def test_evenly_spaced_lines_get_no_blank_lines(tmp_path: Path) -> None:
    lines = ["Harbour Report", "Wages rose.", "Shifts were cut.", "Talks go on."]
    assert read_pdf(tmp_path, make_pdf([lines])).text == "\n".join(lines)


def test_running_headers_and_footers_are_left_out(tmp_path: Path) -> None:
    findings = ["Wages rose.", "Shifts were cut.", "Talks go on.", "A strike is called."]
    pages = [
        ["Harbour Brief - Confidential", finding, "", f"Page {n} of 4"]
        for n, finding in enumerate(findings, start=1)
    ]
    document = read_pdf(tmp_path, make_pdf(pages))
    assert document.text.split("\n\n") == findings


def test_a_line_on_only_some_pages_is_kept(tmp_path: Path) -> None:
    pages = [["Annex", "First."], ["Second."], ["Third."], ["Annex", "Fourth."]]
    assert read_pdf(tmp_path, make_pdf(pages)).text.count("Annex") == 2


def test_runs_of_spaces_of_justified_text_become_one(tmp_path: Path) -> None:
    document = read_pdf(tmp_path, make_pdf([["Wages   rose  in   June.  "]]))
    assert document.text == "Wages rose in June."


@pytest.mark.parametrize("created", ["D:20230413093000+03'00'", "D:20230413093000Z'", "D:20230413"])
def test_the_date_is_the_creation_date_when_the_text_has_none(tmp_path: Path, created: str) -> None:
    """Regression: a PDF's date came only from its text, so a report without one written near
    the top had no date although its metadata said when it was made (LibreOffice's form,
    with a trailing quote, is one pypdf refuses)."""
    document = read_pdf(tmp_path, make_pdf([["Harbour report"]], created=created))
    assert document.date == "2023-04-13"


def test_a_date_in_the_text_beats_the_creation_date(tmp_path: Path) -> None:
    data = make_pdf([["Harbour report", "4 March 2024"]], created="D:20250101120000Z")
    assert read_pdf(tmp_path, data).date == "2024-03-04"
