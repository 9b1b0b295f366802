"""`--grep` positions: the line and column of each matched word in its source file."""

from __future__ import annotations

from pathlib import Path

from indexer.lines import line_matches
from indexer.models import Hit


def hit(path: Path, text: str, line: int, spans: list[tuple[int, int]], doc: str = "") -> Hit:
    return Hit(
        doc=doc or str(path),
        path=str(path),
        title="",
        date=None,
        passage=1,
        line_start=line,
        line_end=line + text.count("\n"),
        score=1.0,
        text=text,
        highlights=spans,
    )


def test_second_line_of_a_passage(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Title\n\nfirst line\nsecond target line\n")
    text = "first line\nsecond target line"
    start = text.index("target")
    [match] = line_matches([hit(source, text, 3, [(start, start + 6)])])
    assert (match.line, match.column, match.text) == (4, 8, "second target line")
    assert match.text[match.span[0] : match.span[1]] == "target"


def test_passage_that_starts_mid_line_is_placed_in_its_source_line(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("  One sentence. Another sentence with the target.\n")
    text = "Another sentence with the target."
    start = text.index("target")
    [match] = line_matches([hit(source, text, 1, [(start, start + 6)])])
    assert match.column == source.read_text().index("target") + 1
    assert match.text == "  One sentence. Another sentence with the target."


def test_without_the_source_file_the_passage_is_the_line(tmp_path: Path) -> None:
    text = "Another sentence with the target."
    [match] = line_matches([hit(tmp_path / "gone.txt", text, 7, [(26, 32)])])
    assert (match.line, match.column, match.text) == (7, 27, text)


def test_a_record_of_a_collection_stays_on_its_line(tmp_path: Path) -> None:
    source = tmp_path / "c.jsonl"
    source.write_text('{"id": "r1", "text": "one\\ntwo target"}\n')
    text = "one\ntwo target"
    record = Hit("r1", str(source), "", None, 1, 1, 1, 1.0, text, [(8, 14)])
    [match] = line_matches([record])
    assert (match.line, match.column, match.text) == (1, 5, "two target")
