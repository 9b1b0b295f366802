"""Dates: written near a document's top, given as metadata, and as --since/--until bounds."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.dates import find_date, parse_date, parse_date_bound
from indexer.errors import BadQuery

WRITTEN = [
    ("January 13, 2023", "2023-01-13"),
    ("13 January 2023", "2023-01-13"),
    ("Jan. 13, 2023", "2023-01-13"),
    ("Jan 13 2023", "2023-01-13"),
    ("13 Jan 2023", "2023-01-13"),
    ("2023-01-13", "2023-01-13"),
    ("April 13, 2023", "2023-04-13"),
    ("Wednesday, 13 January 2023", "2023-01-13"),
    ("Friday, January 13th, 2023", "2023-01-13"),
    ("the 13th of January, 2023", "2023-01-13"),
    ("Sept. 5, 2023", "2023-09-05"),
    ("13.01.2023", "2023-01-13"),
    ("13/01/2023", "2023-01-13"),
    ("01/13/2023", "2023-01-13"),
    ("05.05.2023", "2023-05-05"),
    ("2023/01/13", "2023-01-13"),
    ("26-FEB-1987", "1987-02-26"),
    ("14,May,2004", "2004-05-14"),
]


@pytest.mark.parametrize(("written", "iso"), WRITTEN)
def test_find_date_reads_every_written_form(written: str, iso: str) -> None:
    assert find_date(f"Some Headline\n\nPublished {written} by the desk\n\nText.") == iso


@pytest.mark.parametrize(("written", "iso"), WRITTEN)
def test_parse_date_reads_every_written_form(written: str, iso: str) -> None:
    assert parse_date(f"  {written} ") == iso


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("2023-04-13-islamic-jihad-in-baghdad.txt", "2023-04-13"),
        ("report-13.04.2023.pdf", "2023-04-13"),
        ("minutes 2023.04.13.docx", "2023-04-13"),
    ],
)
def test_find_date_reads_a_file_name(name: str, iso: str) -> None:
    assert find_date(name) == iso


def test_find_date_prefers_the_first_date() -> None:
    text = "Report of 2 March 2021\nJanuary 13, 2023 Special Dispatch\n2022-12-01\n"
    assert find_date(text) == "2021-03-02"
    assert find_date("Dated 2022-12-01, about the events of January 13, 2023") == "2022-12-01"


@pytest.mark.parametrize(
    "text",
    [
        "Veteran Singer Dies\n\nThe singer, who was born on 25 August, 1938, died on Monday.",
        "Deadline Nears\n\nFirms must comply by 15 July 2006, the regulator said.",
        "Title\n\nThe long-running dispute between the two companies over the software"
        " licence finally went to court on 3 May 2004 in the end.",
    ],
)
def test_a_date_the_text_talks_about_is_not_the_document_s(text: str) -> None:
    assert find_date(text) is None


def test_a_dateline_is_the_document_s_date_after_a_date_it_talks_about() -> None:
    text = "BAGHDAD, 13 January 2023 - The envoy, born on 2 May 1960, arrived."
    assert find_date(text) == "2023-01-13"
    assert find_date("Obituary\nborn 1 June 1920\nPosted on 4 March 2005") == "2005-03-04"


def test_find_date_reads_only_the_top_of_a_document() -> None:
    lines = [f"Line {i} of the text." for i in range(12)]
    assert find_date("\n\n".join([*lines, "January 13, 2023"])) is None
    assert find_date("\n\n".join([*lines[:11], "January 13, 2023"])) == "2023-01-13"
    assert find_date("x" * 1500 + " January 13, 2023") is None


@pytest.mark.parametrize(
    "text",
    [
        "Special Dispatch No. 10421",
        "In 2023 the militia grew.",
        "Founded 1987",
        "February 30, 2023",
        "31 April 2023",
        "2023-02-29",
        "2023-13-01",
        "01/02/2023",  # 1 February or 2 January: not said
        "13.13.2023",
        "January 2023",
        "Jan 13",
        "Janet 13, 2023",
        "version 12.10.20231",
        "release 1.13.04.2023",
        "serial 12023-04-13",
        "",
    ],
)
def test_find_date_ignores_what_is_not_a_full_valid_date(text: str) -> None:
    assert find_date(text) is None


def test_leap_day_is_valid_in_a_leap_year() -> None:
    assert find_date("29 February 2024") == "2024-02-29"
    assert find_date("29 February 2023") is None


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2023-01-13T10:00:00Z", "2023-01-13"),
        ("2023-01-13T23:30:00-05:00", "2023-01-13"),
        ("2023-01-13 10:00", "2023-01-13"),
        ("20230113", "2023-01-13"),
        ("Fri, 13 Jan 2023 10:00:00 +0000", "2023-01-13"),
        ("13 Jan 23 10:00:00 GMT", "2023-01-13"),
        ("26-FEB-1987 15:01:01.79", "1987-02-26"),
        ("31,May,2004", "2004-05-31"),
    ],
)
def test_parse_date_reads_metadata_values(value: str, iso: str) -> None:
    assert parse_date(value) == iso


@pytest.mark.parametrize(
    "value", ["", "   ", "soon", "2023", "2023-01", "2023-02-30", "30-FEB-1987", "20231301"]
)
def test_parse_date_gives_none_for_what_it_cannot_read(value: str) -> None:
    assert parse_date(value) is None


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)))
def test_parse_date_round_trips_written_forms(day: date) -> None:
    iso = day.isoformat()
    assert parse_date(iso) == iso
    assert parse_date(day.strftime("%a, %d %b %Y 12:00:00 +0000")) == iso
    assert parse_date(day.strftime("%B %d, %Y")) == iso
    assert find_date(day.strftime("Title\n\n%d %b %Y\n")) == iso


def test_parse_date_of_an_absurd_year_is_none_not_an_overflow() -> None:
    assert parse_date("Fri, 13 Jan 99999999999999999999 10:00:00 +0000") is None


@given(st.text(max_size=60))
def test_date_readers_never_raise(text: str) -> None:
    for reader in (find_date, parse_date):
        result = reader(text)
        assert result is None or len(result) == 10


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2023", "2023-01-01", "2023-12-31"),
        ("2023-04", "2023-04-01", "2023-04-30"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2023-02", "2023-02-01", "2023-02-28"),
        ("2023-4", "2023-04-01", "2023-04-30"),
        ("2023-04-13", "2023-04-13", "2023-04-13"),
        (" 2023-12 ", "2023-12-01", "2023-12-31"),
    ],
)
def test_date_bounds_span_the_period(value: str, start: str, end: str) -> None:
    assert parse_date_bound(value, end=False) == start
    assert parse_date_bound(value, end=True) == end


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("last week", "not a date"),
        ("", "not a date"),
        ("23", "not a date"),
        ("2023-04-13T10:00", "not a date"),
        ("13/04/2023", "not a date"),
        ("2023-13", "no such month"),
        ("2023-00-10", "no such month"),
        ("0000", "no such year"),
        ("2023-02-30", "no such day"),
    ],
)
def test_date_bounds_reject_anything_else(value: str, message: str) -> None:
    for end in (False, True):
        with pytest.raises(BadQuery, match=message) as caught:
            parse_date_bound(value, end=end)
        assert repr(value.strip()) in str(caught.value) or value == ""
