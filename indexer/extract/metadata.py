"""Dates from document metadata (HTML meta tags, DOCX core properties, e-mail headers, JSON
fields), made ISO by the same rules as dates found in text (`indexer.dates.parse_date`)."""

from __future__ import annotations

import re
from datetime import date, datetime

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def metadata_date(value: object) -> str | None:
    """An ISO date for a metadata value (a string, a date or a datetime), or None."""
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
