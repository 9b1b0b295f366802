"""E-mail messages (.eml), read with the standard library's `email` package (policy.default):
the subject is the title, the Date header the date, From/To/Cc kept as fields; the text is
the plain body, else the HTML body converted, else the subject.

Attachments of a supported type are read by their own extractor and yielded after the
message as documents of their own: doc `<message doc>#attachment/<name>`, fields["parent"]
the message's doc. An attachment that cannot be read is named, with the reason, in the
message's fields["skipped_attachments"] and its `skipped` (which the run's summary counts); it
does not cost the message.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from email import policy
from email.message import EmailMessage, Message, MIMEPart
from email.parser import BytesParser
from pathlib import Path
from typing import cast

from indexer.errors import NoText, PassagesError, UnsupportedFormat
from indexer.extract import ExtractOptions, extract, register, supported_suffixes
from indexer.extract.html import html_to_text
from indexer.extract.metadata import metadata_date
from indexer.extract.reading import open_source
from indexer.extract.text import decode_bytes
from indexer.models import Document, Skip

_ADDRESS_FIELDS = ("from", "to", "cc")
_UNSAFE_NAME = re.compile(r"[\x00-\x1f/\\:]")
NAME_BYTES = 150


@register(".eml")
def extract_email(path: Path, options: ExtractOptions) -> Iterator[Document]:
    """The message, then each readable attachment of a supported type."""
    with open_source(path) as source:
        message = cast(EmailMessage, BytesParser(policy=policy.default).parse(source))
    doc = str(path)
    body, text, encoding = _body(message)
    attachments, skipped = _attachments(message, body, doc, options)
    title = _header(message, "subject")
    fields = _address_fields(message)
    if skipped:
        fields["skipped_attachments"] = "; ".join(
            f"{skip.path.rpartition('#attachment/')[2]}: {skip.reason}" for skip in skipped
        )
    yield Document(
        doc=doc,
        path=doc,
        text=text or title,
        title=title,
        date=_message_date(message),
        encoding=encoding,
        fields=fields,
        skipped=tuple(skipped),
    )
    yield from attachments


def _body(message: EmailMessage) -> tuple[Message | None, str, str | None]:
    """The body part, its text and encoding: the plain text, else the HTML (a mailer may send an
    empty plain alternative beside the HTML that holds the message)."""
    found: tuple[Message | None, str, str | None] = (None, "", None)
    for kind in ("plain", "html"):
        body = message.get_body(preferencelist=(kind,))
        if body is not None:
            text, encoding = _body_text(body)
            if text:
                return body, text, encoding
            found = found if found[0] is not None else (body, text, encoding)
    return found


def _body_text(body: Message | None) -> tuple[str, str | None]:
    """The body's text and encoding: its bytes decoded by its charset (or detection)."""
    if body is None:
        return "", None
    data = body.get_payload(decode=True)
    if not isinstance(data, bytes) or not data.strip():
        return "", None
    text, encoding = decode_bytes(data, body.get_content_charset())
    if body.get_content_type() == "text/html":
        text = html_to_text(text)
    return text.strip(), encoding


def _message_date(message: EmailMessage) -> str | None:
    try:
        moment = getattr(message.get("date"), "datetime", None)
    except (ValueError, IndexError, TypeError):
        moment = None
    return metadata_date(moment) or metadata_date(_header(message, "date"))


def _address_fields(message: EmailMessage) -> dict[str, str]:
    fields = {name: _header(message, name) for name in _ADDRESS_FIELDS}
    return {name: value for name, value in fields.items() if value}


def _header(message: EmailMessage, name: str) -> str:
    """A header's decoded value on one line; "" when it is missing or cannot be parsed."""
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError):  # the header parser's own bugs on odd input
        return ""
    return " ".join(str(value).split()) if value is not None else ""


def _attachments(
    message: EmailMessage, body: Message | None, parent: str, options: ExtractOptions
) -> tuple[list[Document], list[Skip]]:
    """The documents of the attachments of a supported type, and why others failed."""
    documents: list[Document] = []
    skipped: list[Skip] = []
    names: set[str] = set()
    readable = supported_suffixes()
    for raw_name, data in _attached_files(message, body):
        name = _unique(safe_file_name(raw_name), names)
        if not any(name.lower().endswith(suffix) for suffix in readable):
            continue
        doc = f"{parent}#attachment/{name}"
        try:
            documents += _read_attachment(name, data, doc, parent, options)
        except UnsupportedFormat:
            continue  # a suffix we know, of a file we do not read (backup.tar.gz)
        except PassagesError as exc:
            skipped.append(Skip(doc, str(exc), error=not isinstance(exc, NoText)))
    return documents, skipped


def _attached_files(part: Message, body: Message | None) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of every named leaf part other than the body, and of every attached
    message (message/rfc822) as a whole, without looking inside it."""
    for child in part.iter_parts() if isinstance(part, MIMEPart) else ():
        if child is body:
            continue
        if child.get_content_type() == "message/rfc822":
            inner = child.get_payload(0)
            if isinstance(inner, Message):
                yield child.get_filename() or "message.eml", inner.as_bytes()
        elif child.is_multipart():
            yield from _attached_files(child, body)
        elif child.get_filename():
            data = child.get_payload(decode=True)
            if isinstance(data, bytes):
                yield str(child.get_filename()), data


def _read_attachment(
    name: str, data: bytes, doc: str, parent: str, options: ExtractOptions
) -> list[Document]:
    """Extract an attachment from a temporary copy; its documents' ids and paths made ours."""
    with tempfile.TemporaryDirectory(prefix="passages-") as folder:
        copy = Path(folder) / name
        copy.write_bytes(data)
        found = list(extract(copy, options))
    documents = []
    for document in found:
        fields = dict(document.fields)
        inner_parent = fields.get("parent")
        fields["parent"] = _rebase(inner_parent, str(copy), doc) if inner_parent else parent
        own = _rebase(document.doc, str(copy), doc)
        skipped = tuple(
            replace(skip, path=_rebase(skip.path, str(copy), doc)) for skip in document.skipped
        )
        documents.append(replace(document, doc=own, path=parent, fields=fields, skipped=skipped))
    return documents


def _rebase(inner: str, copy: str, doc: str) -> str:
    """The id of a document found in the temporary copy, made relative to the attachment."""
    if inner == copy or inner.startswith(copy + "#"):
        return doc + inner[len(copy) :]
    return f"{doc}/{inner}"


def safe_file_name(name: str) -> str:
    """An attachment's name made safe as one file name: no folders, no control characters,
    not too long for a file system (the suffix kept)."""
    name = _UNSAFE_NAME.sub("_", name.strip()).lstrip(".") or "attachment"
    if len(name.encode("utf-8", "surrogateescape")) > NAME_BYTES:
        stem, dot, suffix = name.rpartition(".")
        keep = suffix if dot and len(suffix) <= 10 else ""
        name = stem.encode("utf-8", "ignore")[: NAME_BYTES - 11].decode("utf-8", "ignore")
        name = f"{name}.{keep}" if keep else name
    return name


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        stem, dot, suffix = name.rpartition(".")
        candidate = f"{stem} ({number}).{suffix}" if dot else f"{name} ({number})"
    taken.add(candidate)
    return candidate
