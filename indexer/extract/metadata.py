"""Dates from document metadata (HTML meta tags, DOCX core properties, e-mail headers, JSON
fields), made ISO by the same rules as dates found in text (`indexer.dates.parse_date`)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# Unix times in seconds, or in milliseconds, of 1973 to 2286: what JSON exports hold as numbers.
_EPOCH_SECONDS = (1e8, 1e10)
_EPOCH_MILLISECONDS = (1e11, 1e13)


def metadata_date(value: object) -> str | None:
    """An ISO date for a metadata value (a string, a date or a datetime, a Unix time in seconds
    or milliseconds), or None."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _epoch_date(float(value))
    if isinstance(value, datetime | date):
        value = value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    try:
        from indexer.dates import parse_date
    except ImportError:  # pragma: no cover - until indexer.dates lands
        match = _ISO_DATE.match(text)
        return match.group(0) if match else None
    return parse_date(text)


def _epoch_date(seconds: float) -> str | None:
    """The UTC day of a Unix time, read as milliseconds when it is too large for seconds."""
    if _EPOCH_MILLISECONDS[0] <= seconds < _EPOCH_MILLISECONDS[1]:
        seconds /= 1000
    if not _EPOCH_SECONDS[0] <= seconds < _EPOCH_SECONDS[1]:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
