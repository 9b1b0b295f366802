"""Shared fixtures: a small corpus written by the tests themselves, and an index built from it."""

from __future__ import annotations

from pathlib import Path

import pytest

REPORT = """\
Envoy Rami al-Saadi Meets Harbour Workers' Union

March 4, 2024
Monitor Brief No. 77

On March 1, 2024, the office of Rami al-Saadi reported that al-Saadi met the leaders of the
harbour workers' union in the port of Qasr Bahri.

The statement from Al-Saadi's office said the meeting covered wages and the night shifts.
Saadi reiterated his support for the union's demands.
"""

STATEMENT = """\
Water Board Statement on the Summer Quotas
2024-05-17
The water board rejected a proposal for a ceasefire in the quota dispute.
The farming cooperatives announced a second round of talks in June.
Militias were not mentioned in the statement, the board said.
"""

NOTES = """\
# Notes from the valley

No date here. The militia commander did not attend the meetings; talks resume later.
"""


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of three documents, plus a hidden file and folder that must be skipped."""
    root = tmp_path / "corpus"
    write(root / "reports" / "envoy.txt", REPORT)
    write(root / "statement.txt", STATEMENT)
    write(root / "notes.md", NOTES)
    write(root / ".hidden.txt", "hidden militia text\n")
    write(root / ".cache" / "inside.txt", "cached militia text\n")
    write(root / "image.png", "not text")
    return root


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"


@pytest.fixture
def built(corpus: Path, index_dir: Path) -> Path:
    """The corpus, indexed; returns the index folder."""
    from indexer import index_paths

    index_paths(index_dir, [corpus])
    return index_dir
