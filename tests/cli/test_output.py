"""The results console: in a pipe, lines it writes itself are the ones rich would write."""

from __future__ import annotations

import io
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text

from cli.output import ResultsConsole

LINES: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((Text("plain words"),), {"soft_wrap": True}),
    ((Text.assemble(("1. ", "dim"), ("A title", "bold")),), {"soft_wrap": True}),
    ((Text("x" * 300, style="cyan"),), {"soft_wrap": True, "highlight": False}),
    ((Text("wide 漢字 and عربي and emoji 😀 :smile:"),), {"soft_wrap": True}),
    ((Text("two\nlines"),), {"soft_wrap": True}),
    ((Text("trailing spaces   "),), {"soft_wrap": True}),
    (("[bold]not markup[/bold] :smile:",), {"soft_wrap": True, "markup": False}),
    (("a bell \x07 and an escape \x1b[31m",), {"soft_wrap": True, "markup": False}),
    ((Text("a"), Text("b")), {"soft_wrap": True}),
    ((Text("    ") + Text("indented", style="bold yellow"),), {"soft_wrap": True, "style": ""}),
    ((), {}),
    ((Text("a\ttab"),), {"soft_wrap": True}),  # rich expands tabs: rich prints it
    ((Text("wrapped " * 30),), {}),  # not soft-wrapped: rich wraps it
    (("[bold]markup[/bold]",), {"soft_wrap": True}),  # markup read: rich prints it
]


def printed(console_type: type[Console], objects: tuple[Any, ...], options: dict[str, Any]) -> str:
    file = io.StringIO()
    console = console_type(file=file, highlight=False, emoji=False, width=80)
    console.print(*objects, **options)
    console.print(*objects, sep="|", end="$\n", **options)
    return file.getvalue()


@pytest.mark.parametrize(("objects", "options"), LINES)
def test_a_pipe_gets_what_rich_would_print(
    objects: tuple[Any, ...], options: dict[str, Any]
) -> None:
    assert printed(ResultsConsole, objects, options) == printed(Console, objects, options)


def test_soft_wrapped_text_is_written_without_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    rendered: list[Any] = []
    monkeypatch.setattr(Console, "render", lambda self, *args, **kw: rendered.append(args) or [])
    file = io.StringIO()
    console = ResultsConsole(file=file, highlight=False, emoji=False)
    console.print(Text("one line", style="bold"), soft_wrap=True)
    console.print()
    assert file.getvalue() == "one line\n\n"
    assert rendered == []


def test_a_terminal_or_colour_goes_through_rich() -> None:
    for options in ({"force_terminal": True}, {"color_system": "standard", "force_terminal": True}):
        file = io.StringIO()
        console = ResultsConsole(file=file, emoji=False, **options)
        console.print(Text("styled", style="bold"), soft_wrap=True)
        assert "\x1b[1m" in file.getvalue()


def test_a_capture_holds_what_is_printed() -> None:
    file = io.StringIO()
    console = ResultsConsole(file=file, emoji=False)
    with console.capture() as captured:
        console.print(Text("held"), soft_wrap=True)
    assert captured.get() == "held\n"
    assert file.getvalue() == ""
