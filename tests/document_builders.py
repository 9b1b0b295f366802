"""Small PDF and DOCX files made by the tests themselves (no fixture is copied from elsewhere)."""

from __future__ import annotations

import io
from datetime import datetime

import docx
from pypdf import PdfReader, PdfWriter

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
_IMAGE = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
_IMAGE += b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"


def make_pdf(
    pages: list[list[str]],
    *,
    title: str | None = None,
    images: bool = False,
    created: str | None = None,
) -> bytes:
    """A PDF whose pages hold these lines of Helvetica text (Windows-1252 characters), an empty
    line leaving the space of one (as paragraph spacing does), and a small image on each page
    when `images`; `created` is a raw PDF date (`D:20230413093000Z`)."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", _FONT, _IMAGE]
    kids = []
    for lines in pages:
        shown = " ".join(f"({_pdf_string(line)}) Tj T*" if line else "T*" for line in lines)
        content = f"BT /F1 12 Tf 14 TL 72 720 Td {shown} ET"
        if images:
            content += " q 100 0 0 100 72 300 cm /Im1 Do Q"
        data = content.encode("cp1252")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
            b"<< /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> /Contents %d 0 R >>" % (len(objects))
        )
        kids.append(len(objects))
    references = " ".join(f"{kid} 0 R" for kid in kids)
    objects[1] = f"<< /Type /Pages /Kids [{references}] /Count {len(kids)} >>".encode()
    info = ""
    entries = f"/Title ({_pdf_string(title)}) " if title is not None else ""
    entries += f"/CreationDate ({created})" if created is not None else ""
    if entries:
        objects.append(f"<< {entries} >>".encode("cp1252"))
        info = f" /Info {len(objects)} 0 R"
    return _assemble(objects, info)


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _assemble(objects: list[bytes], info: str) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\n"
    out.write(trailer.encode() + b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def encrypt_pdf(data: bytes, *, user_password: str, algorithm: str = "AES-256") -> bytes:
    """The PDF encrypted; with an empty `user_password` anyone may open it (owner password
    only, as "secured" PDFs mostly are)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(
    blocks: list[str | list[list[str]]],
    *,
    title: str | None = None,
    created: datetime | None = None,
) -> bytes:
    """A DOCX of paragraphs (strings) and tables (lists of rows), with core properties."""
    word = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            word.add_paragraph(block)
        else:
            table = word.add_table(rows=len(block), cols=len(block[0]))
            for row, cells in zip(table.rows, block, strict=True):
                for cell, value in zip(row.cells, cells, strict=True):
                    cell.text = value
    if title is not None:
        word.core_properties.title = title
    if created is not None:
        word.core_properties.created = created
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
