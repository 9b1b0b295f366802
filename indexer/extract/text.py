"""Plain text and Markdown: the encoding detected, the text decoded, newlines made "\\n" and
characters NFC; large files streamed as several parts cut at line boundaries.

Detection, in order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16 without a mark when
one byte of every pair is mostly zero; NUL or control bytes elsewhere mean a binary file;
UTF-8 when the whole file decodes as UTF-8; otherwise charset-normalizer, asked first to choose
among the encodings users' folders hold here (Windows-1256, ISO-8859-6, Windows-1252, Latin-1),
because unguided it takes a short Arabic or French text for Thai or Baltic code pages.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from indexer.errors import ExtractionFailed, NoText
from indexer.extract import ExtractOptions, register
from indexer.extract.reading import open_source
from indexer.models import Document

# A large file comes as parts of about this many characters, cut at a blank line when it can.
PART_CHARS = 4_000_000
READ_BYTES = 1 << 20
HEAD_BYTES = 64 * 1024
SAMPLE_BYTES = 2 << 20
LIKELY_ENCODINGS = ["cp1256", "iso8859_6", "cp1252", "latin_1"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = re.compile(rb"[\x00-\x06\x0e-\x1a\x1c-\x1f]")
"""Bytes of no text. Not the bell and backspace, which saved terminal sessions and logs hold
(`script` output, "b\\bb" overstrike), nor ESC (colour codes, blanked by `_plain`)."""
_NON_ASCII = re.compile(rb"[\x80-\xff]")
# An Arabic letter next to a Latin one, as a wrong Arabic code page makes them.
_ARABIC_LETTER = "\u0621-\u064a\u0671-\u06d3"
_LATIN_LETTER = "A-Za-z\u00c0-\u024f"
_MIXED_PAIR = re.compile(f"[{_ARABIC_LETTER}][{_LATIN_LETTER}]|[{_LATIN_LETTER}][{_ARABIC_LETTER}]")
# A terminal's colour and cursor codes (ECMA-48 CSI sequences, OSC titles and links), as a
# saved terminal session or a log holds them.
_TERMINAL_CODE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?")


@register(".txt", ".md", ".markdown", ".text")
def extract_text(path: Path, options: ExtractOptions) -> Iterator[Document]:
    """The file as one document, or as parts 0, 1, 2... of one document when it is large."""
    with open_source(path) as source:
        encoding = detect_encoding(source)
        source.seek(0)
        for part, (text, line_base) in enumerate(decode_in_parts(source, encoding)):
            yield Document(
                doc=str(path),
                path=str(path),
                text=text,
                encoding=encoding,
                line_base=line_base,
                part=part,
            )


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode text of unknown encoding held in memory: (NFC text, encoding). A `declared`
    encoding (an HTML meta charset, a MIME charset) is used when the bytes are not UTF-8 and
    decode with it."""
    encoding = detect_encoding(io.BytesIO(data), declared)
    parts = decode_in_parts(io.BytesIO(data), encoding, part_chars=len(data) + 1)
    return "".join(text for text, _ in parts), encoding


def detect_encoding(source: BinaryIO, declared: str | None = None) -> str:
    """The encoding of the text in `source` (read to its end), as a Python codec name.
    A byte-order mark and valid UTF-8 outrank a `declared` encoding, which outranks a guess.
    Raises ExtractionFailed for binary content."""
    head = source.read(HEAD_BYTES)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if b"\x00" in head:
        return _bomless_utf16(head)
    if _looks_binary(head):
        raise NoText("binary file")
    valid_utf8, sample = _scan(head, source)
    if valid_utf8:
        return "utf-8"
    return _agreeing(sample, declared) or _guess_single_byte(sample)


def decode_in_parts(
    source: BinaryIO, encoding: str, part_chars: int | None = None
) -> Iterator[tuple[str, int]]:
    """Yield (text, first line number) for consecutive parts of the decoded `source`; a part is
    cut at a blank line, else at a line end, once it holds `part_chars` (PART_CHARS)
    characters."""
    part_chars = part_chars or PART_CHARS
    reader = io.TextIOWrapper(source, encoding=encoding, errors="strict", newline=None)
    buffer = ""
    line_base = 1
    emitted = False
    try:
        while chunk := reader.read(READ_BYTES):
            buffer += chunk
            while len(buffer) >= part_chars:
                cut = _cut(buffer, part_chars)
                part, buffer = buffer[:cut], buffer[cut:]
                yield _plain(part), line_base
                emitted = True
                line_base += part.count("\n")
    except UnicodeDecodeError as exc:
        raise ExtractionFailed(f"not valid {encoding} text (detected from its beginning)") from exc
    finally:
        reader.detach()
    if buffer or not emitted:
        yield _plain(buffer), line_base


def _plain(text: str) -> str:
    """`text` in NFC, with terminal codes blanked out (see blank_terminal_codes)."""
    return blank_terminal_codes(unicodedata.normalize("NFC", text))


def blank_terminal_codes(text: str) -> str:
    """`text` with terminal codes as spaces, so that "\\x1b[31mred" is the word "red" and every
    later character keeps its column and offset."""
    if "\x1b" not in text:
        return text
    return _TERMINAL_CODE.sub(lambda code: " " * len(code.group()), text)


def _cut(buffer: str, limit: int) -> int:
    """Where to end a part of `buffer`: after a blank line in its second half, else after a
    line end, else after a space, else at `limit`."""
    for mark in ("\n\n", "\n", " "):
        found = buffer.rfind(mark, limit // 2, limit)
        if found >= 0:
            return found + len(mark)
    return limit


def _bomless_utf16(head: bytes) -> str:
    """UTF-16 without a byte-order mark, when one byte of each pair is often zero (ASCII spaces
    and digits in Arabic text, every letter in Latin text) and the other almost never."""
    even = head[0::2].count(0) / max(1, len(head[0::2]))
    odd = head[1::2].count(0) / max(1, len(head[1::2]))
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros > 0.1 and others < 0.01 and _decodes_as_text(head, encoding):
            return encoding
    raise NoText("binary file")


def _decodes_as_text(head: bytes, encoding: str) -> bool:
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head)
    controls = sum(1 for char in text if char < " " and char not in "\t\n\r\f\v\x1b")
    return "\ufffd" not in text and controls <= len(text) // 100


def _looks_binary(head: bytes) -> bool:
    return len(_CONTROL_BYTES.findall(head)) > max(1, len(head) // 100)


def _scan(head: bytes, source: BinaryIO) -> tuple[bool, bytes]:
    """Read `source` to its end: is it all UTF-8, and a sample to guess another encoding from
    (the whole text when small, else lines with non-ASCII bytes from all over the file).
    NUL bytes past the head mean binary."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    valid = True
    whole: list[bytes] | None = []
    windows: list[bytes] = []
    size = windows_size = 0
    chunk = head
    while chunk:
        if valid:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                valid = False
        if whole is not None:
            whole.append(chunk)
            size += len(chunk)
            whole = whole if size <= SAMPLE_BYTES else None
        if windows_size < SAMPLE_BYTES:
            windows.append(_non_ascii_lines(chunk))
            windows_size += len(windows[-1])
        chunk = source.read(READ_BYTES)
        if b"\x00" in chunk:
            raise NoText("binary file")
    if valid:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            valid = False
    return valid, b"".join(whole if whole is not None else windows)


def _non_ascii_lines(chunk: bytes, width: int = 64 * 1024) -> bytes:
    """About `width` bytes of whole lines of `chunk` from its first non-ASCII byte on."""
    found = _NON_ASCII.search(chunk)
    if found is None:
        return b""
    start = chunk.rfind(b"\n", 0, found.start()) + 1
    end = chunk.rfind(b"\n", found.start(), start + width)
    return chunk[start : end + 1] if end >= 0 else chunk[start : start + width]


def _guess_single_byte(sample: bytes) -> str:
    """charset-normalizer's best guess, among the likely encodings first, then any."""
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=LIKELY_ENCODINGS).best() or from_bytes(sample).best()
    if best is None:
        raise NoText("binary file or unknown text encoding")
    return _fewest_mixed_letters(sample, codecs.lookup(best.encoding).name)


def _fewest_mixed_letters(sample: bytes, guess: str) -> str:
    """`guess`, unless another likely encoding reads `sample` with fewer Arabic letters next to
    Latin ones: on a few words charset-normalizer may take ISO-8859-6 for Windows-1256, which
    makes `زياد` into `زêاد`. (One or two words may read as Arabic in both: then the guess
    stands.)"""
    mixed = {}
    for encoding in dict.fromkeys([guess, *(codecs.lookup(e).name for e in LIKELY_ENCODINGS)]):
        try:
            mixed[encoding] = len(_MIXED_PAIR.findall(sample.decode(encoding)))
        except UnicodeDecodeError:
            continue
    return min(mixed, key=lambda encoding: (mixed[encoding], encoding != guess), default=guess)


def _agreeing(data: bytes, declared: str | None) -> str | None:
    """`declared` as a codec name if `data` decodes with it, else None. A declared Latin-1 is
    read as Windows-1252, as browsers do."""
    if not declared:
        return None
    try:
        name = codecs.lookup(declared.strip()).name
    except LookupError:
        return None
    if name in ("iso8859-1", "ascii"):
        name = "cp1252"
    try:
        data.decode(name)
    except UnicodeDecodeError:
        return None
    return name
