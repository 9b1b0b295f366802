"""`passages stats`: counts of the index."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Run


def test_stats_counts_documents_and_passages(run: Run, corpus: Path) -> None:
    run("index", str(corpus))
    result = run("stats", "--json")
    assert result.exit_code == 0
    numbers = json.loads(result.stdout)
    assert numbers["documents"] == 3
    assert numbers["passages"] >= 3
    assert numbers["terms"] > 20
    assert numbers["size_bytes"] > 0
    assert numbers["updated"]


def test_stats_plain_lines(run: Run, corpus: Path) -> None:
    run("index", str(corpus))
    lines = run("stats").stdout.splitlines()
    assert lines[0] == "index: index"
    assert lines[1] == "documents: 3"


def test_stats_without_index_is_an_error(run: Run) -> None:
    assert run("stats").exit_code == 2
