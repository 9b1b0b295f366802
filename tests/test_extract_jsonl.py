"""Collections: one document per JSON record, streamed, with ids, titles, text, dates, the
line each record starts on, and field mappings; JSON Lines, JSON arrays and gzipped files."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.errors import ExtractionFailed, UnsupportedFormat
from indexer.extract import ExtractOptions, extract, is_readable, jsonl
from indexer.models import Document

# Records shaped like a newswire export: id under "newid", text under "body".
WIRE = [
    {
        "newid": "1",
        "date": "26-FEB-1987 15:01:01.79",
        "title": "COCOA REVIEW",
        "body": "Showers continued\nthroughout the week.",
        "places": ["usa"],
    },
    {"newid": "2", "date": "26-FEB-1987 15:02:20.00", "title": "ONLY A HEADLINE", "body": ""},
    {"newid": "3", "date": "26-FEB-1987 15:03:27.51", "title": "", "body": ""},
    {"newid": 4, "date": "not a date", "title": "NUMBERED", "body": "Numeric id."},
]


def write_lines(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def read(path: Path, **fields: str) -> list[Document]:
    return list(extract(path, ExtractOptions(fields=fields)))


def test_default_keys(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "docs.jsonl",
        [
            {"id": "a", "title": "Alpha", "text": "First text.", "date": "2021-03-04"},
            {"_id": "b", "body": "Second text."},
            {"content": "Third text.", "title": "Gamma"},
        ],
    )
    first, second, third = read(path)
    assert (first.doc, first.title, first.text, first.date) == (
        "a",
        "Alpha",
        "First text.",
        "2021-03-04",
    )
    assert (second.doc, second.title, second.text, second.date) == ("b", "", "Second text.", None)
    assert (third.doc, third.text) == (f"{path}#3", "Third text.")  # no id: the record's number
    assert {document.path for document in (first, second, third)} == {str(path)}
    assert [document.line_base for document in (first, second, third)] == [1, 2, 3]


def test_mapped_fields_records_without_text_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(
        "\n".join(json.dumps(record) for record in WIRE[:2])
        + "\n\n"  # a blank line: line 3
        + "\n".join(json.dumps(record) for record in WIRE[2:])
        + "\n",
        encoding="utf-8",
    )
    cocoa, headline, numbered = read(path, id="newid", text="body", places="places")
    assert (cocoa.doc, cocoa.title, cocoa.text, cocoa.date, cocoa.line_base) == (
        "1",
        "COCOA REVIEW",
        "Showers continued\nthroughout the week.",
        "1987-02-26",
        1,
    )
    assert dict(cocoa.fields) == {"places": "usa"}
    assert (headline.doc, headline.text, headline.line_base) == ("2", "ONLY A HEADLINE", 2)
    # record 3 has nothing but its id and date: passed over
    assert (numbered.doc, numbered.date, numbered.line_base) == ("4", None, 5)


def test_a_mapping_replaces_the_default_keys(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "d.jsonl", [{"id": "x", "text": "default", "summary": "mapped"}])
    [document] = read(path, text="summary")
    assert document.text == "mapped"


def test_values_of_other_types(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "d.jsonl",
        [
            {"id": {"$oid": "65f0c0ffee"}, "text": ["First paragraph.", "Second."]},
            {"id": [1, 2], "text": 42},
            {"id": "nfc", "text": "Cafe\u0301\r\nline"},
        ],
    )
    mongo, listed, nfc = read(path)
    assert (mongo.doc, mongo.text) == ("65f0c0ffee", "First paragraph.\n\nSecond.")
    assert (listed.doc, listed.text) == ("[1, 2]", "42")
    assert nfc.text == "Café\nline"


def test_dates_given_as_unix_times_in_seconds_or_milliseconds(tmp_path: Path) -> None:
    """Regression: a record's date that is a number (an export's Unix time) was dropped."""
    path = write_lines(
        tmp_path / "d.jsonl",
        [
            {"id": "s", "text": "Seconds.", "date": 1681344000},
            {"id": "ms", "text": "Milliseconds.", "date": 1681344000123},
            {"id": "odd", "text": "A count, not a time.", "date": 42},
            {"id": "flag", "text": "Not a date either.", "date": True},
        ],
    )
    assert [document.date for document in read(path)] == ["2023-04-13", "2023-04-13", None, None]


def test_an_object_wrapping_a_list_of_records_gives_each_record(tmp_path: Path) -> None:
    """Regression: an export shaped `{"status": "ok", "articles": [...]}` was one record whose
    text was `status: ok; total: 2`: every article in it was lost."""
    export = {
        "status": "ok",
        "total": 2,
        "articles": [
            {"title": "Quota talks", "content": "The board met.", "date": "2023-04-13"},
            {"title": "Harbour strike", "content": "Workers walked out."},
        ],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export, indent=1))
    wrapper, first, second = read(path)
    assert wrapper.text == "status: ok; total: 2"
    assert [(first.title, first.text, first.date), (second.title, second.text)] == [
        ("Quota talks", "The board met.", "2023-04-13"),
        ("Harbour strike", "Workers walked out."),
    ]


def test_an_object_with_text_of_its_own_is_one_record_whatever_it_lists(tmp_path: Path) -> None:
    record = {"title": "Minutes", "text": "Agreed.", "votes": [{"name": "a"}, {"name": "b"}]}
    path = tmp_path / "minutes.json"
    path.write_text(json.dumps(record))
    [document] = read(path)
    assert (document.title, document.text) == ("Minutes", "Agreed.")


def test_lines_that_are_not_objects_or_not_json_are_passed_over(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"id": "1", "text": "good"}\n[1, 2]\n"a string"\n{broken\n{"id": "2", "text": "also',
        encoding="utf-8",
    )
    documents = read(path)
    assert [document.doc for document in documents] == ["1"]
    assert [skip.reason.split(" (")[0] for skip in documents[0].skipped] == [
        "a line that is not JSON: line 4",
        "a line that is not JSON: line 5",
    ]


def test_a_malformed_line_is_reported_with_the_record_before_it(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(
        '{"id": "1", "text": "one"}\n{broken\n{"id": "2", "text": "two"}\n', encoding="utf-8"
    )
    documents = read(path)
    assert [(d.doc, len(d.skipped)) for d in documents] == [("1", 1), ("2", 0)]
    assert all(skip.error for skip in documents[0].skipped)


def test_a_file_with_no_json_line_fails(tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_text("just some notes\nnot json\n", encoding="utf-8")
    with pytest.raises(ExtractionFailed, match=r"^not JSON Lines \(line 1: Expecting value"):
        read(path)


@pytest.mark.parametrize("content", [b"", b"\n\n", b"\xef\xbb\xbf"])
def test_empty_collections_give_no_documents(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)
    assert read(path) == []


def test_a_byte_order_mark_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "1", "text": "after the mark"}\n')
    assert [document.text for document in read(path)] == ["after the mark"]


def test_a_json_array_streamed_across_chunk_boundaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonl, "READ_CHARS", 7)
    records = [{"id": str(n), "title": f"T{n}", "text": f"Record number {n}."} for n in range(30)]
    path = tmp_path / "array.json"
    path.write_text("[\n" + ",\n".join(json.dumps(record) for record in records) + "\n]\n")
    documents = read(path)
    assert [document.doc for document in documents] == [str(n) for n in range(30)]
    assert [document.line_base for document in documents] == [n + 2 for n in range(30)]
    assert documents[29].text == "Record number 29."


def test_a_pretty_printed_array_gives_each_record_its_first_line(tmp_path: Path) -> None:
    records = [{"id": "a", "text": "one"}, {"id": "b", "text": "two"}]
    path = tmp_path / "pretty.json"
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    assert [document.line_base for document in read(path)] == [2, 6]


def test_numbers_cut_by_a_chunk_boundary_are_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonl, "READ_CHARS", 3)
    path = tmp_path / "numbers.json"
    path.write_text('[12345, {"id": 67890, "text": "after"}]', encoding="utf-8")
    assert [document.doc for document in read(path)] == ["67890"]


def test_a_top_level_object_and_concatenated_objects(tmp_path: Path) -> None:
    single = tmp_path / "single.json"
    single.write_text('{"id": "only", "text": "One record."}', encoding="utf-8")
    assert [document.doc for document in read(single)] == ["only"]
    lines = write_lines(
        tmp_path / "lines.json", [{"id": "1", "text": "a"}, {"id": "2", "text": "b"}]
    )
    assert [(document.doc, document.line_base) for document in read(lines)] == [("1", 1), ("2", 2)]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            '[{"id": "1", "text": "a"} {"id": "2"}]',
            r"^malformed JSON array \(line 1: expected , or \]",
        ),
        ('[{"id": "1", "text": "a"},\n{"id": ', r"^malformed JSON \(line 2: Expecting value"),
        ("[1, 2", r"^malformed JSON array \(the file ends before its closing \]\)"),
        ('[{"id": "1", "text": "a"},', r"^malformed JSON array \(the file ends"),
        ("[", r"^malformed JSON array \(the file ends"),
    ],
)
def test_malformed_json_fails(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ExtractionFailed, match=reason):
        read(path)


def test_json_that_is_not_utf8_fails(tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes('[{"id": "1", "text": "café"}]'.encode("cp1252"))
    with pytest.raises(ExtractionFailed, match="^JSON file is not UTF-8$"):
        read(path)


def test_gzipped_json_lines_and_arrays(tmp_path: Path) -> None:
    records = [{"id": "g1", "text": "zipped one"}, {"id": "g2", "text": "zipped two"}]
    lines = tmp_path / "posts.jsonl.gz"
    lines.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode()))
    array = tmp_path / "posts.json.gz"
    array.write_bytes(gzip.compress(json.dumps(records).encode()))
    for path in (lines, array):
        assert [(document.doc, document.text) for document in read(path)] == [
            ("g1", "zipped one"),
            ("g2", "zipped two"),
        ]


def test_other_gzipped_files_are_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "backup.tar.gz"
    path.write_bytes(gzip.compress(b"not json"))
    assert not is_readable(path.name)
    with pytest.raises(UnsupportedFormat, match="no reader for .gz"):
        read(path)


@pytest.mark.parametrize(
    "data", [b"not gzip at all", gzip.compress(b'{"id": "1", "text": "x"}\n')[:-12]]
)
def test_a_damaged_gzip_file_fails(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "broken.jsonl.gz"
    path.write_bytes(data)
    with pytest.raises(ExtractionFailed, match=r"^damaged gzip file \("):
        read(path)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=3), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(JSON_VALUES, max_size=6), st.integers(min_value=1, max_value=16), st.booleans())
def test_json_arrays_decode_whole_at_any_chunk_size(
    values: list[object], chunk: int, pretty: bool
) -> None:
    text = json.dumps(values, indent=1 if pretty else None)
    with mock.patch.object(jsonl, "READ_CHARS", chunk):
        records = list(jsonl.json_array(io.BytesIO(text.encode("utf-8"))))
    assert [value for _, value in records] == values
    lines = [line for line, _ in records]
    if pretty:  # each element of the array starts a line indented by one space
        starts = [
            number
            for number, line in enumerate(text.split("\n"), start=1)
            if line[:1] == " " and line[1:2] not in (" ", "]", "}")
        ]
        assert lines == starts
    else:
        assert set(lines) <= {1}


def test_a_record_with_neither_text_nor_title_is_read_by_its_other_fields(tmp_path: Path) -> None:
    path = tmp_path / "tags.jsonl"
    record = {
        "newid": "7",
        "date": "1987-03-02",
        "body": "",
        "title": "",
        "topics": ["cocoa"],
        "places": ["usa", "ghana"],
        "people": [],
        "dateline": "ACCRA, March 2 -",
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [document] = read(path, id="newid", text="body")
    assert (document.doc, document.title, document.date) == ("7", "record 7", "1987-03-02")
    assert document.text == "topics: cocoa; places: usa, ghana; dateline: ACCRA, March 2 -"
    assert document.lines_in_source is False
