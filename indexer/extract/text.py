"""Plain text and Markdown: bytes decoded by detection, normalised to NFC."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

from indexer.errors import ExtractionFailed
from indexer.extract import ExtractOptions, register
from indexer.models import Document


@register(".txt", ".md", ".markdown", ".text")
def extract_text(path: Path, options: ExtractOptions) -> Iterator[Document]:
    """One document: the whole file, decoded."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractionFailed(f"cannot read: {exc.strerror or exc}") from exc
    text, encoding = decode_bytes(data)
    yield Document(doc=str(path), path=str(path), text=text, encoding=encoding)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text of unknown encoding: UTF-8 (with or without BOM) first, else detection."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ExtractionFailed("binary file")
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8-sig")), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ExtractionFailed("binary file or unknown encoding")
    return unicodedata.normalize("NFC", str(best)), best.encoding
