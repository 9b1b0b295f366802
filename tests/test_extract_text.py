"""Plain text: encodings detected and decoded, NFC, newlines, binary and empty files, and large
files streamed as parts."""

from __future__ import annotations

import codecs
import io
import tracemalloc
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.errors import ExtractionFailed
from indexer.extract import extract, text
from indexer.extract.text import decode_bytes, decode_in_parts

# Realistic short texts, written for these tests: a one-line Arabic news sentence, an English
# report with a line of Arabic in it, and short French, German and English lines.
ARABIC_LINE = "وصل الوفد إلى بغداد صباح الخميس والتقى مسؤولين في وزارة الخارجية.\n"
ARABIC_SHORT = "وصل الوفد إلى بغداد صباح الخميس.\n"
MIXED = (
    "The delegation arrived in Baghdad on Thursday and met officials of the Foreign Ministry.\n"
    "The statement was also published in Arabic:\n"
    + ARABIC_LINE
    + "Talks are expected to continue next week.\n"
)
FRENCH = "Le café de la gare a été rénové l'été dernier; à côté, une crêperie a ouvert.\n"
GERMAN = "Die Gespräche über die Zölle wurden am Dienstag in München fortgesetzt.\n"
QUOTES = "He said \u201cthe talks went well\u201d \u2014 and the \u20ac2bn deal was close.\n"


def read(path: Path) -> tuple[str, str | None]:
    [document] = extract(path)
    return document.text, document.encoding


@pytest.mark.parametrize(
    ("content", "encoding", "detected"),
    [
        (MIXED, "utf-8", "utf-8"),
        (MIXED, "utf-8-sig", "utf-8-sig"),
        (MIXED, "utf-16", "utf-16"),
        (MIXED, "utf-16-le", "utf-16-le"),
        (MIXED, "utf-16-be", "utf-16-be"),
        (ARABIC_LINE, "utf-16-le", "utf-16-le"),
        (MIXED, "utf-32", "utf-32"),
        (ARABIC_SHORT, "cp1256", "cp1256"),
        (ARABIC_LINE, "cp1256", "cp1256"),
        (MIXED, "cp1256", "cp1256"),
        (ARABIC_SHORT, "iso8859-6", "iso8859-6"),
        (ARABIC_LINE, "iso8859-6", "iso8859-6"),
        (MIXED, "iso8859-6", "iso8859-6"),
        (FRENCH, "cp1252", "cp1252"),
        (QUOTES, "cp1252", "cp1252"),
        (GERMAN, "latin-1", "cp1252"),  # the same characters: Windows-1252 extends Latin-1
        (FRENCH, "latin-1", "cp1252"),
    ],
)
def test_encodings_are_detected_and_decoded(
    tmp_path: Path, content: str, encoding: str, detected: str
) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(content.encode(encoding))
    assert read(path) == (content, detected)


@pytest.mark.parametrize("name", ["زياد النخالة", "قيس الخزعلي يلتقي", "وفد الجهاد الإسلامي"])
def test_a_short_iso_8859_6_text_is_not_read_as_windows_1256(tmp_path: Path, name: str) -> None:
    """Regression: a name or two in ISO-8859-6 was guessed as Windows-1256, which reads its
    ي as ê (`زêاد انوخانة`), so the file could not be found by the name."""
    path = tmp_path / "name.txt"
    path.write_bytes(name.encode("iso8859-6"))
    assert read(path) == (name, "iso8859-6")


def test_text_is_normalised_to_nfc(tmp_path: Path) -> None:
    path = tmp_path / "decomposed.txt"
    path.write_text(unicodedata.normalize("NFD", "Café in Zürich\n"), encoding="utf-8")
    text_read, _ = read(path)
    assert text_read == "Café in Zürich\n"
    assert text_read == unicodedata.normalize("NFC", text_read)


def test_terminal_codes_are_blanked_keeping_columns(tmp_path: Path) -> None:
    path = tmp_path / "session.txt"
    saved = "\x1b[1;31mERROR\x1b[0m disk full\n\x1b]0;title\x07done \x1b]8;;http://x\x1b\\link\n"
    path.write_text(saved, encoding="utf-8")
    text_read, _ = read(path)
    assert text_read.split() == ["ERROR", "disk", "full", "done", "link"]
    widths = [len(line) for line in saved.split("\n")]
    assert [len(line) for line in text_read.split("\n")] == widths
    assert text_read.index("disk") == saved.index("disk")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_newlines_become_line_feeds(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(newline.join(["one", "", "two", ""]).encode("cp1252"))
    assert read(path) == ("one\n\ntwo\n", "utf-8")


def test_document_ids_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\nbody\n", encoding="utf-8")
    [document] = extract(path)
    assert (document.doc, document.path, document.part, document.line_base) == (
        str(path),
        str(path),
        0,
        1,
    )
    assert (document.title, document.date) == ("", None)  # the pipeline fills them


@pytest.mark.parametrize(
    "content",
    [
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
        bytes(range(256)) * 4,
        b"text at first" + b"\n" * 70000 + b"\x00\x01\x02 then binary",
        b"\x01\x02\x03\x04\x05\x06 no NUL but control bytes \x07\x08\x0e\x0f\x10\x11",
    ],
    ids=["elf", "png", "all-bytes", "nul-after-head", "controls"],
)
def test_binary_files_fail_as_binary(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "program.txt"
    path.write_bytes(content)
    with pytest.raises(ExtractionFailed, match="binary file"):
        read(path)


def test_backspaces_and_bells_of_a_terminal_session_are_text(tmp_path: Path) -> None:
    path = tmp_path / "session.txt"
    path.write_bytes(b"Title c\n\nback\x08\x08space test done\x07\nN\x08NA\x08AM\x08ME\n")
    text_read, _ = read(path)
    assert "test done" in text_read


@pytest.mark.parametrize("content", [b"", b"  \n\t\n", codecs.BOM_UTF8])
def test_empty_files_give_one_empty_document(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    text_read, _ = read(path)
    assert text_read.strip() == ""


def test_a_large_file_comes_in_parts_cut_at_blank_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text, "PART_CHARS", 100)
    paragraphs = [f"paragraph {n}\nits second line\n" for n in range(40)]
    path = tmp_path / "big.txt"
    path.write_text("\n".join(paragraphs), encoding="utf-8")
    documents = list(extract(path))
    assert len(documents) > 5
    assert [document.part for document in documents] == list(range(len(documents)))
    assert {document.doc for document in documents} == {str(path)}
    assert "".join(document.text for document in documents) == "\n".join(paragraphs)
    line = 1
    for document in documents:
        assert document.line_base == line
        assert document.text.startswith("paragraph ")
        assert document.text.endswith("\n\n") or document is documents[-1]
        line += document.text.count("\n")


def test_a_part_without_blank_lines_is_cut_at_a_line_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text, "PART_CHARS", 50)
    path = tmp_path / "lines.txt"
    path.write_text("".join(f"line {n}\n" for n in range(100)), encoding="utf-8")
    documents = list(extract(path))
    assert all(document.text.endswith("\n") for document in documents)
    assert documents[1].line_base == documents[0].text.count("\n") + 1


def test_a_single_huge_line_is_cut_at_a_space(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text, "PART_CHARS", 50)
    path = tmp_path / "one-line.txt"
    path.write_text("word " * 100, encoding="utf-8")
    documents = list(extract(path))
    assert all(document.line_base == 1 for document in documents)
    assert all(document.text.endswith(" ") for document in documents)
    assert "".join(document.text for document in documents) == "word " * 100


def test_streaming_keeps_memory_bounded(tmp_path: Path) -> None:
    """A 48 MB file is read in parts of about PART_CHARS characters, never whole."""
    path = tmp_path / "huge.txt"
    block = ("A line of an enormous log file, with some words in it.\n" * 30 + "\n") * 1000
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(28):
            handle.write(block)
    size = path.stat().st_size
    tracemalloc.start()
    try:
        parts = 0
        total = 0
        for document in extract(path):
            parts += 1
            total += len(document.text)
            assert len(document.text) <= text.PART_CHARS
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert total == size
    assert parts >= size // text.PART_CHARS
    assert peak < size // 2


def test_cp1256_in_a_large_file_is_found_past_its_ascii_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guess is made on lines with non-ASCII bytes, wherever they are in the file."""
    monkeypatch.setattr(text, "SAMPLE_BYTES", 4096)
    monkeypatch.setattr(text, "READ_BYTES", 4096)
    english = "An English line of the report, long enough to fill the head.\n" * 2000
    path = tmp_path / "report.txt"
    path.write_bytes((english + ARABIC_LINE).encode("cp1256"))
    assert read(path) == (english + ARABIC_LINE, "cp1256")


def test_a_file_that_is_not_its_detected_encoding_to_the_end_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mixed.txt"
    monkeypatch.setattr(text, "detect_encoding", lambda source: "iso8859-6")
    path.write_bytes(ARABIC_LINE.encode("cp1256"))
    with pytest.raises(ExtractionFailed, match="not valid iso8859-6 text"):
        read(path)


def test_decode_bytes_prefers_utf8_then_the_declared_encoding() -> None:
    assert decode_bytes("café".encode(), "iso-8859-1") == ("café", "utf-8")
    assert decode_bytes(ARABIC_SHORT.encode("cp1256"), "windows-1256") == (ARABIC_SHORT, "cp1256")
    assert decode_bytes("“café”".encode("cp1252"), "iso-8859-1") == ("“café”", "cp1252")
    assert decode_bytes(FRENCH.encode("cp1252"), "no-such-charset") == (FRENCH, "cp1252")


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab \n\r\u0627\u0644e\u0301")),
    st.integers(min_value=2, max_value=40),
)
def test_parts_lose_no_text_and_count_lines(content: str, part_chars: int) -> None:
    data = content.encode("utf-8")
    parts = list(decode_in_parts(io.BytesIO(data), "utf-8", part_chars=part_chars))
    expected = content.replace("\r\n", "\n").replace("\r", "\n")
    joined = "".join(part for part, _ in parts)
    assert unicodedata.normalize("NFC", joined) == unicodedata.normalize("NFC", expected)
    line = 1
    for part, line_base in parts:
        assert line_base == line
        line += part.count("\n")
