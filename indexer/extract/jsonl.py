"""Collections: JSON Lines (.jsonl, .ndjson, and the same gzipped) and JSON arrays (.json),
one document per record, read as a stream so a file of any size takes bounded memory.

A record's keys: `id`/`_id`, `title`, `text`/`body`/`content`, `date`; `ExtractOptions.fields`
maps our names to other keys (`{"id": "newid", "text": "body"}`), and any other name it maps
(`{"author": "by"}`) is kept in the document's fields. A record's doc is its id (else
`<path>#<record number>`), its line_base the line it starts on. A record without text is
read as its title; one with neither by its other fields (`topics: cocoa; places: usa`), so no
record is dropped; one that is not an object, or has nothing but an id, is passed over; a line of
JSON Lines that is not JSON is passed over too and reported as skipped (the file fails when no
line of it is JSON). A JSON file
whose top-level object has no text of its own but lists of objects (`{"articles": [...]}`) is
read as its other values, then the collection of those objects.
"""

from __future__ import annotations

import gzip
import io
import json
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, cast

from indexer.errors import ExtractionFailed
from indexer.extract import ExtractOptions, register
from indexer.extract.metadata import metadata_date
from indexer.extract.reading import open_source
from indexer.models import Document, Skip

KEYS: Mapping[str, tuple[str, ...]] = {
    "id": ("id", "_id"),
    "title": ("title",),
    "text": ("text", "body", "content"),
    "date": ("date",),
}
READ_CHARS = 1 << 20
# A JSON array's record may be this large; beyond it the file is taken to be malformed.
MAX_RECORD_CHARS = 64 << 20
_GZIPPED = (".jsonl.gz", ".ndjson.gz", ".json.gz")
_WHITESPACE = " \t\n\r"
_NUMBER_CHARS = "0123456789+-.eE"

Record = tuple[int, object]  # (line the record starts on, the decoded JSON value)


class Malformed(str):
    """In place of a record's value: a line of JSON Lines that is not JSON, and why."""


@register(".jsonl", ".ndjson")
def extract_jsonl(path: Path, options: ExtractOptions) -> Iterator[Document]:
    """One document per line that holds a JSON object with some text."""
    with open_source(path) as source:
        yield from _documents(json_lines(source), path, options)


@register(".json")
def extract_json(path: Path, options: ExtractOptions) -> Iterator[Document]:
    """One document per object of a top-level JSON array (or the top-level object itself, or
    the objects it holds in a list: `{"articles": [...]}`)."""
    with open_source(path) as source:
        yield from _documents(unwrapped(json_array(source), options.fields), path, options)


@register(*_GZIPPED)
def extract_gzipped(path: Path, options: ExtractOptions) -> Iterator[Document]:
    """A gzipped collection (.jsonl.gz, .ndjson.gz, .json.gz), decompressed as it is read.
    Other gzipped files (backup.tar.gz) have no reader: a walk passes them over."""
    name = path.name.lower()
    with open_source(path) as source, gzip.GzipFile(fileobj=source, mode="rb") as unzipped:
        stream = cast(BinaryIO, unzipped)
        if name.endswith(".json.gz"):
            records = unwrapped(json_array(stream), options.fields)
        else:
            records = json_lines(stream)
        try:
            yield from _documents(records, path, options)
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            raise ExtractionFailed(f"damaged gzip file ({exc})") from exc


def json_lines(source: Iterable[bytes]) -> Iterator[Record]:
    """(line number, value) for each line of JSON Lines that parses; blank lines are passed
    over. Raises ExtractionFailed when lines are there but none of them is JSON."""
    parsed = 0
    first_error = ""
    for number, raw in enumerate(source, start=1):
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8", "replace")
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:
            first_error = first_error or f"line {number}: {exc}"
            if parsed:
                yield number, Malformed(f"a line that is not JSON: line {number} ({exc})")
            continue
        parsed += 1
        yield number, value
    if first_error and not parsed:
        raise ExtractionFailed(f"not JSON Lines ({first_error})")


def json_array(source: BinaryIO) -> Iterator[Record]:
    """(line number, value) for each element of a top-level JSON array, decoded one element at a
    time; a top-level object is one record. Raises ExtractionFailed on malformed JSON."""
    reader = _JsonReader(io.TextIOWrapper(source, encoding="utf-8-sig", newline=""))
    try:
        if not reader.skip_whitespace():
            return
        if reader.peek() != "[":  # one object, or objects one after another (JSON Lines)
            while reader.skip_whitespace():
                yield reader.line, reader.value()
            return
        reader.advance(1)
        while _next_in_array(reader):
            yield reader.line, reader.value()
            if not _next_in_array(reader):
                break
            if reader.peek() != ",":
                found = f"line {reader.line}: expected , or ]"
                raise ExtractionFailed(f"malformed JSON array ({found})")
            reader.advance(1)
    except UnicodeDecodeError as exc:
        raise ExtractionFailed("JSON file is not UTF-8") from exc
    finally:
        reader.detach()


def unwrapped(records: Iterator[Record], fields: Mapping[str, str]) -> Iterator[Record]:
    """The records, with an object that has no text or title of its own but holds lists of
    objects (an export's `{"status": "ok", "articles": [...]}`) read as its other values, then
    each of those objects."""
    for line, value in records:
        if not isinstance(value, dict) or _has_text(value, fields):
            yield line, value
            continue
        listed = {key: item for key, item in value.items() if _is_list_of_objects(item)}
        if not listed:
            yield line, value
            continue
        yield line, {key: item for key, item in value.items() if key not in listed}
        for items in listed.values():
            yield from ((line, item) for item in items)


def _has_text(record: dict[str, object], fields: Mapping[str, str]) -> bool:
    names = ("text", "title")
    keys = [fields.get(name, key) for name in names for key in KEYS[name]]
    return any(record.get(key) not in (None, "", []) for key in keys)


def _is_list_of_objects(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(i, dict) for i in value)


def _next_in_array(reader: _JsonReader) -> bool:
    """Move to the array's next token: False at its closing bracket; fails at the end of
    the text, before any closing bracket."""
    if not reader.skip_whitespace():
        raise ExtractionFailed("malformed JSON array (the file ends before its closing ])")
    return reader.peek() != "]"


class _JsonReader:
    """A window on a stream of JSON text: decodes one value at a time, tracking line numbers."""

    def __init__(self, stream: io.TextIOWrapper) -> None:
        self.stream = stream
        self.buffer = ""
        self.pos = 0
        self.line = 1
        self.eof = False
        self.decoder = json.JSONDecoder()

    def detach(self) -> None:
        self.stream.detach()

    def peek(self) -> str:
        return self.buffer[self.pos : self.pos + 1]

    def advance(self, chars: int) -> None:
        self.line += self.buffer.count("\n", self.pos, self.pos + chars)
        self.pos += chars

    def skip_whitespace(self) -> bool:
        """Move past whitespace; False at the end of the text."""
        while True:
            end = self.pos
            while end < len(self.buffer) and self.buffer[end] in _WHITESPACE:
                end += 1
            self.advance(end - self.pos)
            if self.pos < len(self.buffer) or not self._read_more():
                return self.pos < len(self.buffer)

    def value(self) -> object:
        """Decode the value at the current position, reading on while it is incomplete."""
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as exc:
                if len(self.buffer) - self.pos > MAX_RECORD_CHARS or not self._read_more():
                    line = self.line + self.buffer.count("\n", self.pos, exc.pos)
                    raise ExtractionFailed(f"malformed JSON (line {line}: {exc.msg})") from exc
                continue
            if not self.buffer[end:].strip(_NUMBER_CHARS) and self._read_more():
                continue  # a number (the "1" of "1.5e3") may go on in text not read yet
            self.advance(end - self.pos)
            return value

    def _read_more(self) -> bool:
        """Append more of the stream (as much again as is held, so re-reading stays linear)."""
        if self.eof:
            return False
        self.buffer = self.buffer[self.pos :]
        self.pos = 0
        chunk = self.stream.read(max(READ_CHARS, len(self.buffer)))
        self.eof = not chunk
        self.buffer += chunk
        return bool(chunk)


def _documents(
    records: Iterator[Record], path: Path, options: ExtractOptions
) -> Iterator[Document]:
    """The documents of the records. A line that is not JSON is reported as skipped with the
    document before it (held back one record for that), or the one after when none is."""
    held: Document | None = None
    malformed: list[Skip] = []
    number = 0
    for line, value in records:
        if isinstance(value, Malformed):
            malformed.append(Skip(str(path), str(value)))
            continue
        number += 1
        document = record_document(
            value, path=path, line=line, number=number, fields=options.fields
        )
        if document is None:
            continue
        if held is not None:
            yield _with_skips(held, malformed)
            malformed = []
        held = document
    if held is not None:
        yield _with_skips(held, malformed)


def _with_skips(document: Document, skips: list[Skip]) -> Document:
    return replace(document, skipped=(*document.skipped, *skips)) if skips else document


def record_document(
    record: object, *, path: Path, line: int, number: int, fields: Mapping[str, str]
) -> Document | None:
    """The document of one record, or None when it is not an object or has no text nor title."""
    if not isinstance(record, dict):
        return None

    def lookup(name: str) -> object:
        keys = (fields[name],) if name in fields else KEYS[name]
        return next((record[key] for key in keys if record.get(key) not in (None, "")), None)

    title = " ".join(_text(lookup("title")).split())
    text = _text(lookup("text")).strip() or title
    record_id = lookup("id")
    if not text:
        text = _other_values(record, fields)
        title = f"record {_id_text(record_id) if record_id is not None else number}"
    if not text:
        return None
    extra = {name: _text(record.get(key)) for name, key in fields.items() if name not in KEYS}
    date = lookup("date")
    return Document(
        doc=_id_text(record_id) if record_id is not None else f"{path}#{number}",
        path=str(path),
        text=text,
        title=title,
        date=metadata_date(date),
        line_base=line,
        fields={name: value for name, value in extra.items() if value},
        lines_in_source=False,
    )


def _other_values(record: dict[str, object], fields: Mapping[str, str]) -> str:
    """`key: value` for every non-empty field besides id and date: what a record with neither
    text nor title still says (its tags, dateline), so that it is indexed and can be found."""
    skipped = {*KEYS["id"], *KEYS["date"], fields.get("id"), fields.get("date")}
    parts = []
    for key, value in record.items():
        shown = ", ".join(_text(item) for item in value) if isinstance(value, list) else value
        if key not in skipped and isinstance(shown, str | int | float) and str(shown).strip():
            parts.append(f"{key}: {shown}")
    return "; ".join(parts)


def _text(value: object) -> str:
    """A value as text: strings as they are, lists of strings one paragraph each, numbers."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, list):
        text = "\n\n".join(item for item in map(_text, value) if item)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        text = str(value)
    else:
        return ""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _id_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("$oid"), str):  # a MongoDB export
        return value["$oid"]
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
