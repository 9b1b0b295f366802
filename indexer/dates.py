"""Dates: the date written near the top of a document, metadata dates, and --since/--until bounds.

Every date comes out as an ISO day, `YYYY-MM-DD`, checked by `datetime.date` (no 30 February).
Written forms understood: `January 13, 2023`, `Jan. 13, 2023`, `13 January 2023`, `13 Jan 2023`,
`Wednesday, 13 January 2023`, `13th of January 2023`, `26-FEB-1987`, `14,May,2004`, ISO
`2023-01-13` (also with `/` or `.`), and day and month in figures (`13.01.2023`, `01/13/2023`)
only when the order is plain: one of the two numbers is over 12, or both are the same.
A time of day or a time zone is ignored: the date is the day as written.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date

from indexer.errors import BadQuery

# How much of a document's beginning find_date reads.
HEAD_LINES = 12
HEAD_CHARS = 1500

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_YEAR = r"(?P<year>[12]\d{3})(?!\d)"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"

_WRITTEN_DATES = (
    # January 13, 2023 · Jan. 13 2023 · January 13th, 2023
    re.compile(rf"\b{_MONTH}[ \t]+{_DAY}(?:,[ \t]*|[ \t]+){_YEAR}", re.IGNORECASE),
    # 13 January 2023 · 13th of January, 2023 · 26-FEB-1987 · 14,May,2004
    re.compile(
        rf"(?<!\d){_DAY}(?:[ \t]+of)?[ \t,./-]*{_MONTH}[ \t,./-]*{_YEAR}",
        re.IGNORECASE,
    ),
)
# 2023-01-13 · 2023/01/13 · 2023.01.13 (also the date of 2023-01-13T10:00:00Z)
_ISO_DATE = re.compile(
    r"(?<!\d)(?<!\d[./-])(?P<year>[12]\d{3})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)"
)
# 13.01.2023 · 13/01/2023 · 01-13-2023 (not the tail of a longer run of numbers: 1.13.01.2023)
_NUMERIC_DATE = re.compile(
    r"(?<!\d)(?<!\d[./-])(?P<first>\d{1,2})(?P<sep>[-/.])(?P<second>\d{1,2})(?P=sep)" + _YEAR
)
_COMPACT_ISO = re.compile(r"(?P<year>[12]\d{3})(?P<month>\d{2})(?P<day>\d{2})(?:T[\d:.]*Z?)?")
# Every form above has a year of four figures: a text without one holds no date.
_ANY_YEAR = re.compile(r"[12]\d{3}")
_Converter = Callable[[re.Match[str]], str | None]
_BOUND = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?")


# A date this far into a line of prose, with this much else on the line, is one the text
# talks about ("I was born on 25 August, 1938"), not a dateline.
DATELINE_START = 40
DATELINE_OTHER_CHARS = 60
_ABOUT_A_DATE = re.compile(
    r"\b(?:since|until|till|before|after|from|between|by|due|deadline|expires?|scheduled"
    r"|planned|expected)\b[\s,]*(?:on|in|of)?[\s,]*\Z",
    re.IGNORECASE,
)
"""Words just before a date that the text talks about: "by 15 July 2006", "since 2 May"."""
_LIFE_EVENT = re.compile(
    r"\b(?:born|died|dies|aged|founded|established|launched|birth|death)\b[^.!?]*\Z",
    re.IGNORECASE,
)
"""The same, further back in the sentence: "Born in Luton, Bedfordshire, on 5 April 1920"."""


def find_date(text: str) -> str | None:
    """The first date written in the first lines of `text` as a document's own date, as
    `YYYY-MM-DD`, or None.

    Only the first 12 non-blank lines (and at most 1,500 characters) are read: a date further
    down is more likely one the document talks about than the one it was written on. So is a
    date after "born", "since", "until", "deadline"... and one inside a long line of prose.
    """
    lines = [line for line in text[:HEAD_CHARS].split("\n") if line.strip()]
    for line in lines[:HEAD_LINES]:
        for start, end, iso in _dates_in(line):
            if _ABOUT_A_DATE.search(line, max(0, start - 24), start) or _LIFE_EVENT.search(
                line, max(0, start - 80), start
            ):
                continue
            if start <= DATELINE_START or len(line.strip()) - (end - start) <= DATELINE_OTHER_CHARS:
                return iso
    return None


def _dates_in(line: str) -> list[tuple[int, int, str]]:
    """Every valid date of `line`, (start, end, ISO day), in order."""
    if _ANY_YEAR.search(line) is None:
        return []
    found = []
    for pattern, convert in _readers():
        for match in pattern.finditer(line):
            iso = convert(match)
            if iso is not None:
                found.append((match.start(), match.end(), iso))
    return sorted(found)


def parse_date(value: str) -> str | None:
    """A metadata value (JSON field, HTML meta, e-mail header) as `YYYY-MM-DD`, or None."""
    value = value.strip()
    compact = _COMPACT_ISO.fullmatch(value)
    if compact:
        return _iso(compact["year"], compact["month"], compact["day"])
    return _first_date(value) or _rfc2822_date(value)


def parse_date_bound(value: str, *, end: bool) -> str:
    """The first (or, with `end`, the last) day of a period given as `2023`, `2023-04` or
    `2023-04-13`, as `YYYY-MM-DD`. Raises BadQuery for anything else."""
    match = _BOUND.fullmatch(value.strip())
    if not match:
        raise BadQuery(
            f"not a date: {value!r}",
            hint="give a year, a month or a day: 2023, 2023-04 or 2023-04-13",
        )
    year = int(match["year"])
    month = int(match["month"]) if match["month"] else (12 if end else 1)
    if year < 1:
        raise BadQuery(f"no such year: {value!r}", hint="years start at 0001")
    if not 1 <= month <= 12:
        raise BadQuery(f"no such month: {value!r}", hint="months run from 01 to 12")
    day = int(match["day"]) if match["day"] else (calendar.monthrange(year, month)[1] if end else 1)
    iso = _iso(year, month, day)
    if iso is None:
        raise BadQuery(f"no such day: {value!r}")
    return iso


def _first_date(text: str) -> str | None:
    """The valid date that starts first in `text`, in any written or numeric form."""
    if _ANY_YEAR.search(text) is None:  # most texts: four quick scans saved
        return None
    found = [
        hit for pattern, convert in _readers() if (hit := _first_match(pattern, text, convert))
    ]
    return min(found)[1] if found else None


def _readers() -> list[tuple[re.Pattern[str], _Converter]]:
    return [
        *((pattern, _written) for pattern in _WRITTEN_DATES),
        (_ISO_DATE, _iso_match),
        (_NUMERIC_DATE, _numeric),
    ]


def _first_match(
    pattern: re.Pattern[str], text: str, convert: _Converter
) -> tuple[int, str] | None:
    """The first valid date `pattern` finds in `text`, with the offset where it starts."""
    for match in pattern.finditer(text):
        iso = convert(match)
        if iso is not None:
            return match.start(), iso
    return None


def _written(match: re.Match[str]) -> str | None:
    return _iso(match["year"], _MONTHS[match["month"][:3].lower()], match["day"])


def _iso_match(match: re.Match[str]) -> str | None:
    return _iso(match["year"], match["month"], match["day"])


def _numeric(match: re.Match[str]) -> str | None:
    """Day and month in figures, when their order is plain (one over 12, or both the same)."""
    first, second = int(match["first"]), int(match["second"])
    if first > 12 >= second or first == second:
        return _iso(match["year"], second, first)
    if second > 12 >= first:
        return _iso(match["year"], first, second)
    return None


def _rfc2822_date(value: str) -> str | None:
    """An RFC 2822 date (`Fri, 13 Jan 23 10:00:00 +0000`) that the patterns did not catch."""
    from email.utils import parsedate_tz  # 6 ms to import, for e-mail's dates only

    parsed = parsedate_tz(value)
    if parsed is None:
        return None
    return _iso(parsed[0], parsed[1], parsed[2]) if parsed[0] >= 1000 else None


def _iso(year: int | str, month: int | str, day: int | str) -> str | None:
    """`YYYY-MM-DD`, or None when there is no such day."""
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except (ValueError, OverflowError):
        return None
