"""A small corpus for the query language: two dated news reports in `news/`, an undated
sports story in `sport/`, and dated draft notes in `notes/`, written by the tests."""

from __future__ import annotations

from pathlib import Path

KHAZALI = """\
Khazali Meets Rajoub in Baghdad
January 13, 2023

Qais al-Khazali met Jibril Rajoub in Baghdad on Monday.

The militia leader pledged support for the Palestinian cause.

Drones were not discussed, but Israel was.
"""

NAKHALA = """\
Islamic Jihad Delegation Visits Baghdad
April 13, 2023

Ziyad al-Nakhala led the delegation to Baghdad.

An Iraqi militia threatened to launch drones at targets in Israel.

The Islamic Jihad movement thanked its hosts.
"""

HARBOUR = """\
Harbour Cup Final

The harbour workers' team won the cup.

Workers of the harbour celebrated all night.
"""

DRAFT = """\
Draft notes
2024-02-01

Ceasefire talks in Baghdad stalled again.
"""

FILES = {
    "news/2023-01-13-khazali.txt": KHAZALI,
    "news/2023-04-13-nakhala.txt": NAKHALA,
    "sport/match.txt": HARBOUR,
    "notes/draft.md": DRAFT,
}


def write_search_corpus(root: Path) -> Path:
    """Write the corpus under `root`; returns `root`."""
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
