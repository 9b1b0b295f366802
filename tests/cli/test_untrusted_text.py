"""Documents are untrusted: escape sequences, rich markup, OSC 8 hyperlinks, carriage returns,
bidi overrides and emoji codes in a document's text, title or file name are shown as harmless
text by every renderer, in a pipe and on a colour terminal."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.console import Console

from cli import render, render_grep
from cli.shell import Shell
from indexer import IndexSession, index_paths
from indexer.lines import line_matches
from tests.cli.conftest import Run

TITLE = "[bold red]Alarm[/bold red] \x1b]8;;http://evil.example/\x1b\\Click\x1b]8;;\x1b\\ x\x1b[2J"
BODY = (
    "The [link=http://evil.example]lure[/link] said \x1b[31mred\x1b[0m and \x1b[2J\x1b[H"
    " cleared, over\rwritten, \u202etxt.exe, \x9b31m C1, \x07 bell, \x1bc reset and :thumbs_up:"
    " target."
)
# A text file's colour, screen and link codes are blanked as it is read (indexer.extract.text);
# the others (a lone ESC, C1 codes, bells, bidi overrides) reach the renderers.
BLANKED = [
    "\x1b]8;;http://evil.example/\x1b\\",
    "\x1b]8;;\x1b\\",
    "\x1b[2J",
    "\x1b[H",
    "\x1b[31m",
    "\x1b[0m",
]


def as_read(text: str) -> str:
    for code in BLANKED:
        text = text.replace(code, " " * len(code))
    return text.replace("\r", "\n")


HOSTILE = f"{TITLE}\n2024-01-01\n\n{BODY}\n\nSecond [blink]target[/blink] passage.\n"
FILE_NAME = "evil\x1b[2Jname.txt"

# What rich itself writes for our styles: SGR sequences. Anything else starting with ESC, and
# any raw control character, would come from the document.
OUR_STYLES = re.compile(r"\x1b\[[0-9;]*m")
RAW = ["\x1b", "\x07", "\r", "\x9b", "\u202e", "\x00"]


def assert_harmless(output: str, *, terminal: bool = False) -> None:
    for sequence in ("\x1b[2J", "\x1b[H", "\x1b[31m", "\x1b]8"):
        assert sequence not in output
    visible = OUR_STYLES.sub("", output) if terminal else output
    for char in RAW:
        assert char not in visible, f"{char!r} reached the output"
    assert "👍" not in visible


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / FILE_NAME).write_text(HOSTILE, encoding="utf-8")
    return folder


@pytest.fixture
def session(hostile: Path, tmp_path: Path) -> Iterator[IndexSession]:
    index_paths(tmp_path / "index", [hostile])
    with IndexSession(tmp_path / "index") as opened:
        yield opened


def terminal() -> Console:
    return Console(
        file=io.StringIO(), force_terminal=True, color_system="truecolor", width=100, emoji=False
    )


def plain() -> Console:
    return Console(file=io.StringIO(), color_system=None, width=100, emoji=False)


Render = Callable[[Console, IndexSession], None]


def _hits(console: Console, session: IndexSession) -> None:
    render.hits(console, session.find("target").hits, total=9)


def _grep(console: Console, session: IndexSession) -> None:
    render_grep.grep_lines(console, line_matches(session.find("target").hits))


def _files(console: Console, session: IndexSession) -> None:
    render_grep.files(console, session.find("target").hits)


def _context(console: Console, session: IndexSession) -> None:
    hits = session.find("target").hits
    render.hits_in_context(console, [(h, session.neighbours(h, 1, 1, "target")) for h in hits])


def _show(console: Console, session: IndexSession) -> None:
    hit = session.find("lure").hits[0]
    render.document_view(console, session.show(hit.doc, Path("/"), query="target", context=2))


def _shell(console: Console, session: IndexSession) -> None:
    shell = Shell(session, console, console)
    for line in ("target", ":more", ":show 1", ":json", "target", ":show 2"):
        shell.handle(line)


@pytest.mark.parametrize("renderer", [_hits, _grep, _files, _context, _show, _shell])
@pytest.mark.parametrize("make", [terminal, plain])
def test_renderers_show_hostile_text_as_text(
    session: IndexSession, renderer: Render, make: Callable[[], Console]
) -> None:
    console = make()
    renderer(console, session)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert output
    assert_harmless(output, terminal=make is terminal)
    if renderer in (_hits, _context, _show):
        assert "[bold red]Alarm[/bold red]" in OUR_STYLES.sub("", output)
    if renderer in (_hits, _show):
        assert "[link=http://evil.example]lure[/link]" in OUR_STYLES.sub("", output)


def test_the_terminal_view_does_styles_of_its_own_only(session: IndexSession) -> None:
    console = terminal()
    _show(console, session)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert ":thumbs_up:" in output and "␛c reset" in output


def test_search_in_a_pipe_through_the_command(run: Run, hostile: Path) -> None:
    assert run("index", str(hostile)).exit_code == 0
    for options in ([], ["--grep"], ["--files"], ["-C", "1"], ["--json"]):
        result = run("search", "target", *options)
        assert result.exit_code == 0
        assert_harmless(result.stdout)
    shown = run("show", str(hostile / FILE_NAME), "-q", "target")
    assert_harmless(shown.stdout)
    assert "␛[2J" in shown.stdout


def test_json_keeps_the_exact_text_escaped(run: Run, hostile: Path) -> None:
    run("index", str(hostile))
    records = [json.loads(line) for line in run("search", "lure", "--json").stdout.splitlines()]
    assert records[0]["title"] == as_read(TITLE).strip()
    assert records[0]["text"] == as_read(BODY)


MARKUP_NAME = "[bold red]Markup report.txt"  # (no closing tag: a file name holds no /)


@pytest.fixture
def named(tmp_path: Path) -> Path:
    """Two files whose names are hostile, each naming a person in full."""
    folder = tmp_path / "named"
    folder.mkdir()
    (folder / FILE_NAME).write_text("Qais Khazali spoke to the press.\n", encoding="utf-8")
    (folder / MARKUP_NAME).write_text("Later, Qais Khazali left.\n", encoding="utf-8")
    return folder


def assert_names_shown(output: str) -> None:
    shown = OUR_STYLES.sub("", output)
    assert "evil␛[2Jname.txt" in shown
    assert MARKUP_NAME in shown


def test_name_renderers_show_hostile_file_names_as_text(named: Path, tmp_path: Path) -> None:
    from cli import render_names
    from indexer.mentions import mentions_at
    from indexer.name_reports import matrix_at, parse_names_file

    index_paths(tmp_path / "index", [named])
    found = mentions_at(tmp_path / "index", "Qais Khazali")
    table = matrix_at(tmp_path / "index", parse_names_file("Qais Khazali\nHezbollah\n"))
    for make in (terminal, plain):
        for draw in (
            lambda console: render_names.mentions(console, found),
            lambda console: render_names.matrix(console, table),
        ):
            console = make()
            draw(console)
            output = console.file.getvalue()  # type: ignore[attr-defined]
            assert_harmless(output, terminal=make is terminal)
            assert_names_shown(output)


def test_mentions_in_a_pipe_through_the_command(run: Run, named: Path, tmp_path: Path) -> None:
    assert run("index", str(named)).exit_code == 0
    names_file = tmp_path / "names.txt"
    names_file.write_text("Qais Khazali\n", encoding="utf-8")
    for args in (["Qais Khazali"], ["--names-file", str(names_file)]):
        result = run("mentions", *args)
        assert result.exit_code == 0
        assert_harmless(result.stdout)
        assert_names_shown(result.stdout)


def test_tables_and_runs_for_programs_keep_hostile_names_harmless(
    run: Run, named: Path, tmp_path: Path
) -> None:
    """Regression: the names table's CSV and JSON and a TREC run had written a file name's
    escape codes raw."""
    bidi = named / "bidi\u202etxt.exe.txt"
    bidi.write_text("Qais Khazali was there.\n", encoding="utf-8")
    (named / "c1\x9b31mX.txt").write_text("Qais Khazali again.\n", encoding="utf-8")
    assert run("index", str(named)).exit_code == 0
    names_file = tmp_path / "names.txt"
    names_file.write_text("Qais Khazali\n", encoding="utf-8")
    batch = tmp_path / "queries.tsv"
    batch.write_text("q1\tKhazali\n", encoding="utf-8")
    for args in (
        ["mentions", "--names-file", str(names_file), "--csv"],
        ["mentions", "--names-file", str(names_file), "--json"],
        ["search", "--batch", str(batch), "--format", "trec"],
    ):
        result = run(*args)
        assert result.exit_code == 0, args
        assert_harmless(result.stdout)
        assert result.stdout.count("\n") >= 1
    documents = json.loads(run("mentions", "--names-file", str(names_file), "--json").stdout)
    assert str(bidi) in documents["documents"]  # the exact name, escaped in the JSON text


def test_an_error_naming_a_hostile_path_shows_it_as_text(run: Run, hostile: Path) -> None:
    run("index", str(hostile))
    result = run("show", str(hostile / "no\x1b[2Jsuch.txt"))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert_harmless(result.stderr)
    assert "no␛[2Jsuch.txt" in result.stderr
