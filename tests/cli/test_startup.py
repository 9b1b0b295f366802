"""What a command imports before it answers: only what it uses (each module left out costs
every run its import time). In a pipe, nothing of rich: the lines are written as they are."""

from __future__ import annotations

import os
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


HELP_PROBE = """
import contextlib, io, sys
if sys.argv[1] == "real":
    import rich.markdown, rich.traceback  # loaded first: typer's help uses them as they are
from cli.app import main
sys.argv = ["passages", *sys.argv[2:]]
shown = io.StringIO()
with contextlib.redirect_stdout(shown), contextlib.suppress(SystemExit):
    main()
loaded = ("rich.markdown", "rich.traceback", "pygments")
print(" ".join(name for name in loaded if name in sys.modules))
print(shown.getvalue(), end="")
"""


def _help(modules: str, *arguments: str) -> tuple[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(HELP_PROBE), modules, *arguments],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "100", "TERM": "dumb"},
    )
    loaded, _, shown = done.stdout.partition("\n")
    return loaded, shown


@pytest.mark.parametrize("arguments", [("--help",), ("search", "--help"), ("mentions", "-h")])
def test_help_leaves_out_markdown_and_tracebacks_and_reads_the_same(
    arguments: tuple[str, ...],
) -> None:
    loaded, shown = _help("lean", *arguments)
    real_loaded, real_shown = _help("real", *arguments)
    assert loaded == ""
    assert real_loaded.startswith("rich.markdown rich.traceback")
    assert "Usage: passages" in shown
    assert shown == real_shown


STAND_IN_PROBE = """
import sys
from cli import lean_typer
lean_typer.install()
from typer import rich_utils
assert "rich.markdown" not in sys.modules and "rich.traceback" not in sys.modules
made = rich_utils.Markdown("*word*")
try:
    raise ValueError("boom")
except ValueError as exc:
    trace = rich_utils.Traceback.from_exception(type(exc), exc, exc.__traceback__)
import rich.markdown, rich.traceback
print(type(made) is rich.markdown.Markdown, type(trace) is rich.traceback.Traceback)
print(sys.modules["rich.markdown"].__file__.endswith("markdown.py"))
"""


def test_a_stand_in_gives_the_real_class_when_it_is_used() -> None:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(STAND_IN_PROBE)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["True", "True", "True"]
