"""Names files, the names × documents table and mentions per month."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from indexer.errors import BadQuery, PathNotFound
from indexer.models import Mention
from indexer.name_reports import (
    MonthCount,
    NameEntry,
    matrix_in,
    mentions_per_month,
    parse_names_file,
    read_names_file,
)
from tests.names_index import build_index


def test_a_names_file_with_aliases_comments_and_blank_lines() -> None:
    text = "# people\nQais al-Khazali | Abu Ahmad\n\n  Hezbollah|Hizballah |  \nالنجباء\n"
    assert parse_names_file(text) == [
        NameEntry("Qais al-Khazali", ("Abu Ahmad",)),
        NameEntry("Hezbollah", ("Hizballah",)),
        NameEntry("النجباء"),
    ]


def test_an_empty_names_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BadQuery):
        parse_names_file("# nobody\n\n")
    with pytest.raises(PathNotFound):
        read_names_file(tmp_path / "missing.txt")


def test_the_matrix_counts_each_place_once_per_name(tmp_path: Path) -> None:
    build_index(
        tmp_path,
        [
            ("b.txt", "2023-04-13", ["Abu Ahmad, that is Qais al-Khazali, spoke.", "Hezbollah"]),
            ("a.txt", "2023-01-13", ["Qais Al-Khazali met envoys.", "Khazali spoke."]),
            ("c.txt", None, ["Nothing here."]),
        ],
    )
    entries = [NameEntry("Qais al-Khazali", ("Abu Ahmad",)), NameEntry("Hizballah")]
    with whoosh_index.open_dir(str(tmp_path)).searcher() as searcher:
        matrix = matrix_in(searcher, entries, variants=True)
    assert [column.path for column in matrix.documents] == ["a.txt", "b.txt"]
    assert [(row.name, row.total, row.counts) for row in matrix.rows] == [
        ("Qais al-Khazali", 4, (2, 2)),
        ("Hizballah", 1, (0, 1)),
    ]


def mention(date: str | None) -> Mention:
    return Mention(
        doc="d", path="d", title="", date=date, passage=1, line_start=1, line_end=1, score=1.0,
        text="Khazali", highlights=[(0, 7)], match="Khazali", span=(0, 7), kind="exact",
    )  # fmt: skip


def test_mentions_per_month_fill_the_gaps_and_keep_undated_apart() -> None:
    dates = ["2022-11-30", "2023-01-13", "2023-01-02", None]
    assert mentions_per_month(mention(d) for d in dates) == [
        MonthCount("2022-11", 1),
        MonthCount("2022-12", 0),
        MonthCount("2023-01", 2),
        MonthCount(None, 1),
    ]


def test_no_mentions_no_months() -> None:
    assert mentions_per_month([]) == []
