"""What a command imports before it answers: only what it uses (each module left out costs
every run its import time). In a pipe, nothing of rich: the lines are written as they are."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PROBE = """
import contextlib, io, sys
from cli.app import main
sys.argv = ["passages", *sys.argv[1:]]
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    main()
print(" ".join(sorted(name for name in LEFT_OUT if name in sys.modules)))
"""

LEFT_OUT = (
    "indexer.dates",
    "indexer.name_reports",
    "pathspec",
    "rich.console",
    "rich.progress",
    "rich.table",
    "rich.text",
)


def _imported(*arguments: str) -> set[str]:
    probe = f"LEFT_OUT = {LEFT_OUT!r}\n" + textwrap.dedent(PROBE)
    done = subprocess.run(
        [sys.executable, "-c", probe, *arguments], capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (("search", "saadi"), set()),
        (("search", "saadi", "--grep"), set()),
        (("search", "saadi", "-C", "1"), set()),
        (("search", "saadi", "--files"), set()),
        (("search", "saadi", "--count"), set()),
        (("search", "saadi", "--json"), set()),
        (("search", "sadi"), set()),  # nothing found: "did you mean" on stderr
        (("search", '"saadi'), set()),  # a quote left open: a notice on stderr
        (("search", "saadi", "--since", "2024"), {"indexer.dates"}),
        (("mentions", "Rami al-Saadi"), set()),
        (("mentions", "Rami al-Saadi", "--timeline"), {"indexer.name_reports"}),
        (("mentions", "Rami"), set()),
        (("stats",), set()),
    ],
)
def test_a_command_imports_what_it_uses(
    arguments: tuple[str, ...], expected: set[str], built: Path
) -> None:
    assert _imported(*arguments, "--index", str(built)) == expected


def test_index_in_a_pipe_imports_no_pattern_matcher_nor_bar(built: Path, corpus: Path) -> None:
    found = _imported("index", str(corpus), "--index", str(built))
    assert not {"pathspec", "rich.console", "rich.progress"} & found
    assert "pathspec" in _imported("index", str(corpus), "--index", str(built), "--exclude", "*.md")
