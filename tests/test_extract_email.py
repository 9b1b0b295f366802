"""E-mail: subject, date and addresses; the plain or HTML body in its charset; attachments of
supported types as documents of their own, linked to the message."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from indexer.extract import extract
from indexer.extract.email import safe_file_name
from indexer.models import Document
from tests.document_builders import encrypt_pdf, make_docx, make_pdf

SENT = datetime(2023, 4, 13, 21, 30, tzinfo=UTC)


def message(
    subject: str = "Minutes of the board", body: str | None = "See you on Monday.\n"
) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = "Salma Haddad <salma@example.org>"
    mail["To"] = "Omar Saleh <omar@example.org>, board@example.org"
    mail["Subject"] = subject
    mail["Date"] = format_datetime(SENT)
    if body is not None:
        mail.set_content(body)
    return mail


def read_mail(tmp_path: Path, mail: EmailMessage | bytes) -> list[Document]:
    path = tmp_path / "mail.eml"
    path.write_bytes(mail if isinstance(mail, bytes) else mail.as_bytes())
    return list(extract(path))


def test_subject_date_addresses_and_plain_body(tmp_path: Path) -> None:
    [document] = read_mail(tmp_path, message())
    assert document.text == "See you on Monday."
    assert document.title == "Minutes of the board"
    assert document.date == "2023-04-13"
    assert document.doc == document.path == str(tmp_path / "mail.eml")
    assert dict(document.fields) == {
        "from": "Salma Haddad <salma@example.org>",
        "to": "Omar Saleh <omar@example.org>, board@example.org",
    }


def test_the_date_is_the_senders_day(tmp_path: Path) -> None:
    mail = message()
    del mail["Date"]
    mail["Date"] = "Fri, 14 Apr 2023 00:30:00 +0300"
    [document] = read_mail(tmp_path, mail)
    assert document.date == "2023-04-14"


def test_encoded_arabic_subject_and_windows_1256_body(tmp_path: Path) -> None:
    mail = message(subject="وصول الوفد إلى بغداد", body=None)
    mail.set_content("وصل الوفد إلى بغداد صباح الخميس.\n", charset="cp1256", cte="8bit")
    assert b"=?utf-8?" in mail.as_bytes()  # the subject travels RFC 2047 encoded
    [document] = read_mail(tmp_path, mail)
    assert (document.title, document.text) == (
        "وصول الوفد إلى بغداد",
        "وصل الوفد إلى بغداد صباح الخميس.",
    )
    assert document.encoding == "cp1256"


def test_a_body_without_charset_is_detected(tmp_path: Path) -> None:
    raw = (
        b"From: a@example.org\r\nSubject: Gare\r\nContent-Type: text/plain\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        + "Le café de la gare a été rénové l'été dernier.\r\n".encode("cp1252")
    )
    [document] = read_mail(tmp_path, raw)
    assert (document.text, document.encoding) == (
        "Le café de la gare a été rénové l'été dernier.",
        "cp1252",
    )


def test_the_plain_alternative_is_preferred(tmp_path: Path) -> None:
    mail = message(body="Plain version.\n")
    mail.add_alternative("<p>HTML <b>version</b>.</p>", subtype="html")
    [document] = read_mail(tmp_path, mail)
    assert document.text == "Plain version."


def test_an_html_only_body_is_converted(tmp_path: Path) -> None:
    mail = message(body=None)
    mail.set_content(
        "<html><body><p>Dear board,</p><p>The minutes are <b>attached</b>.<br>Salma</p>"
        "<script>x()</script></body></html>",
        subtype="html",
    )
    [document] = read_mail(tmp_path, mail)
    assert document.text == "Dear board,\n\nThe minutes are attached.\nSalma"


def test_an_empty_plain_alternative_does_not_hide_the_html_body(tmp_path: Path) -> None:
    """Regression: a mailer's blank text/plain part beside the HTML one was taken as the body,
    so the message was indexed as its subject alone."""
    mail = message(body="\n")
    mail.add_alternative("<p>The minutes are <b>in HTML</b>.</p>", subtype="html")
    [document] = read_mail(tmp_path, mail)
    assert document.text == "The minutes are in HTML."


def test_a_message_without_body_is_read_as_its_subject(tmp_path: Path) -> None:
    [document] = read_mail(tmp_path, message(body=None))
    assert (document.text, document.title) == ("Minutes of the board", "Minutes of the board")


def test_attachments_of_supported_types_become_documents(tmp_path: Path) -> None:
    mail = message()
    mail.add_attachment(b"Agenda: wages, night shifts.\n", "text", "plain", filename="agenda.txt")
    mail.add_attachment(
        make_pdf([["Budget page one"], ["Budget page two"]]),
        "application",
        "pdf",
        filename="budget.pdf",
    )
    mail.add_attachment(
        make_docx(["Minutes in Word."], title="Minutes"),
        "application",
        "vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="minutes.docx",
    )
    mail.add_attachment(b"\x89PNG\r\n\x1a\n", "image", "png", filename="photo.png")
    mail.add_attachment(b"\x1f\x8b", "application", "gzip", filename="backup.tar.gz")
    message_doc, agenda, budget, minutes = read_mail(tmp_path, mail)
    parent = str(tmp_path / "mail.eml")
    assert message_doc.doc == parent
    assert "skipped_attachments" not in message_doc.fields
    assert [agenda.doc, budget.doc, minutes.doc] == [
        f"{parent}#attachment/agenda.txt",
        f"{parent}#attachment/budget.pdf",
        f"{parent}#attachment/minutes.docx",
    ]
    assert {doc.path for doc in (agenda, budget, minutes)} == {parent}
    assert {doc.fields["parent"] for doc in (agenda, budget, minutes)} == {parent}
    assert agenda.text == "Agenda: wages, night shifts.\n"
    assert (budget.text, budget.page_starts) == ("Budget page one\n\nBudget page two", (0, 17))
    assert (minutes.text, minutes.title) == ("Minutes in Word.", "Minutes")


def test_an_unreadable_attachment_is_named_on_the_message(tmp_path: Path) -> None:
    mail = message()
    locked = encrypt_pdf(make_pdf([["secret"]]), user_password="pw")
    mail.add_attachment(locked, "application", "pdf", filename="locked.pdf")
    mail.add_attachment(b"fine\n", "text", "plain", filename="fine.txt")
    message_doc, fine = read_mail(tmp_path, mail)
    assert message_doc.fields["skipped_attachments"] == (
        "locked.pdf: encrypted PDF (needs a password)"
    )
    assert fine.text == "fine\n"


def test_an_attached_message_and_its_own_attachments(tmp_path: Path) -> None:
    inner = message(subject="Forwarded: the quotas", body="The quotas were agreed.\n")
    inner.add_attachment(b"Quota table\n", "text", "plain", filename="quotas.txt")
    outer = message(subject="Fwd", body="Forwarding this.\n")
    outer.add_attachment(inner)
    outer_doc, inner_doc, quotas = read_mail(tmp_path, outer)
    parent = str(tmp_path / "mail.eml")
    assert inner_doc.doc == f"{parent}#attachment/message.eml"
    assert (inner_doc.title, inner_doc.text) == ("Forwarded: the quotas", "The quotas were agreed.")
    assert inner_doc.fields["parent"] == parent
    assert quotas.doc == f"{parent}#attachment/message.eml#attachment/quotas.txt"
    assert quotas.fields["parent"] == inner_doc.doc
    assert quotas.path == parent


def test_attachment_names_cannot_escape_and_do_not_collide(tmp_path: Path) -> None:
    mail = message()
    mail.add_attachment(b"one\n", "text", "plain", filename="../../etc/notes.txt")
    mail.add_attachment(b"two\n", "text", "plain", filename="notes.txt")
    _, first, second = read_mail(tmp_path, mail)
    parent = str(tmp_path / "mail.eml")
    assert first.doc == f"{parent}#attachment/_.._etc_notes.txt"
    assert second.doc == f"{parent}#attachment/notes.txt"
    assert not (tmp_path.parent / "etc").exists()


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd.txt", "_.._etc_passwd.txt"),
        ("C:\\Users\\x.txt", "C__Users_x.txt"),
        ("..", "attachment"),
        ("", "attachment"),
        ("a\x00b\nc.txt", "a_b_c.txt"),
        ("x" * 300 + ".docx", "x" * 139 + ".docx"),
    ],
)
def test_safe_file_name(name: str, safe: str) -> None:
    assert safe_file_name(name) == safe


def test_a_message_with_broken_headers_is_still_read(tmp_path: Path) -> None:
    raw = (
        b"From: <<<broken\r\nTo: ,,,@\r\nDate: the day after tomorrow\r\n"
        b"Subject: still here\r\n\r\nBody survives.\r\n"
    )
    [document] = read_mail(tmp_path, raw)
    assert (document.title, document.text, document.date) == ("still here", "Body survives.", None)
