"""The results console: in a pipe, lines it writes itself are the ones rich would write; so are
the mention lines made as strings."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from cli import render, render_grep, render_names
from cli.output import ResultsConsole
from indexer.models import Hit, Mention

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


def test_strings_lose_the_control_codes_rich_strips() -> None:
    from rich.control import strip_control_codes

    from cli.output import _STRIPPED

    every = "".join(map(chr, range(0x3000)))
    assert every.translate(_STRIPPED) == strip_control_codes(every)


@pytest.mark.parametrize(
    ("objects", "options"),
    [
        (('{"text": "a \\u001b bell \x07 [bold]x[/bold] :smile:"}',), {"highlight": False}),
        (("two", 3, "parts"), {"sep": "|"}),
        (("a\ttab",), {}),  # rich expands tabs: rich writes it
        (("styled",), {"style": "bold"}),
        (("no end",), {"end": ""}),
    ],
)
def test_out_writes_what_rich_would(objects: tuple[Any, ...], options: dict[str, Any]) -> None:
    outputs = []
    for console_type in (ResultsConsole, Console):
        file = io.StringIO()
        console_type(file=file, highlight=False, width=80).out(*objects, **options)
        outputs.append(file.getvalue())
    assert outputs[0] == outputs[1]


def test_emoji_codes_are_read_where_the_console_reads_them() -> None:
    outputs = []
    for console_type in (ResultsConsole, Console):
        file = io.StringIO()
        console_type(file=file).print("a :smile:", markup=False, soft_wrap=True)
        outputs.append(file.getvalue())
    assert outputs[0] == outputs[1] == "a 😄\n"


def test_the_environment_can_make_a_pipe_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    file = io.StringIO()
    console = ResultsConsole(file=file, emoji=False)
    assert console.is_terminal
    console.print(Text("styled", style="bold"), soft_wrap=True)
    assert "\x1b[1m" in file.getvalue()


def test_a_closed_stderr_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    silenced: list[bool] = []
    monkeypatch.setattr("cli.output.silence_stdout", lambda: silenced.append(True))

    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    console = ResultsConsole(file=Closed(), stderr=True, emoji=False)
    console.print("error: gone", markup=False, soft_wrap=True)
    assert silenced == []


def test_a_quiet_console_writes_nothing() -> None:
    file = io.StringIO()
    console = ResultsConsole(file=file, quiet=True, emoji=False)
    console.print("words", markup=False, soft_wrap=True)
    console.write_lines(["more"])
    console.out("and more")
    assert file.getvalue() == ""


# Mentions as `render_names.mentions` lists them: written as strings in a pipe, as rich Text
# elsewhere. The characters must be the same.
_ALPHABET = st.sampled_from([*"ab Kz.,'-", "\n", "\t", "\r", "\x1b", "\x07", "…", "ع", "\u202e"])
# Either side of a mention: up to well past the context shown (hypothesis keeps texts short).
_SIDE = st.integers(0, 150).flatmap(lambda n: st.text(_ALPHABET, min_size=n, max_size=n))


@st.composite
def _mentions(draw: st.DrawFn) -> list[Mention]:
    found = []
    for number in range(draw(st.integers(1, 4))):
        before, name, after = draw(_SIDE), draw(st.text(_ALPHABET, min_size=1)), draw(_SIDE)
        text = before + name + after
        start, end = len(before), len(before) + len(name)
        others = draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, 5)), max_size=3))
        highlights = [(s, min(len(text), s + n)) for s, n in others] + [(start, end)]
        doc = draw(st.sampled_from(["a.txt", "dir/b\x1b[2J.md", "/abs/c\td.txt"]))
        found.append(
            Mention(
                doc=doc,
                path=doc,
                title=draw(st.sampled_from(["", "A title", "t\x1b]8;;x\x07\nitle" * 10])),
                date=draw(st.sampled_from([None, "2023-01-13"])),
                passage=number,
                line_start=draw(st.integers(1, 9)),
                line_end=draw(st.integers(1, 12)),
                score=1.0,
                text=text,
                highlights=highlights,
                match=text[start:end],
                span=(start, end),
                kind=draw(st.sampled_from(["exact", "short", "variant"])),
                page=draw(st.sampled_from([None, 3])),
            )
        )
    found.sort(key=lambda mention: mention.doc)
    return found


@settings(max_examples=200, deadline=None)
@given(_mentions())
def test_mentions_in_a_pipe_are_the_lines_rich_would_print(found: list[Mention]) -> None:
    outputs = []
    for console_type in (ResultsConsole, Console):
        file = io.StringIO()
        render_names.mentions(console_type(file=file, highlight=False, emoji=False), found)
        outputs.append(file.getvalue())
    assert outputs[0] == outputs[1]
    assert outputs[0].count("\n") == len(found) + 2 * len({m.doc for m in found}) + 1


def test_lines_written_to_a_closed_pipe_end_the_command_as_printing_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    silenced: list[bool] = []
    monkeypatch.setattr("cli.output.silence_stdout", lambda: silenced.append(True))

    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    console = ResultsConsole(file=Closed(), emoji=False)
    with pytest.raises(BrokenPipeError):
        console.write_lines(["one"])
    assert silenced == [True]


# Hits as `render` lists them in a pipe: strings, the same characters as rich would print.
@st.composite
def _hits(draw: st.DrawFn) -> list[Hit]:
    found = []
    for number in range(draw(st.integers(1, 3))):
        text = draw(st.text(_ALPHABET, min_size=1, max_size=600))
        spans = draw(st.lists(st.tuples(st.integers(0, len(text) - 1), st.integers(1, 6))))
        found.append(
            Hit(
                doc="d.txt",
                path="d.txt",
                title=draw(st.sampled_from(["", "A title", "t\x1b]8;;x\x07\nitle"])),
                date=draw(st.sampled_from([None, "2023-01-13"])),
                passage=number + 1,
                line_start=number * 3 + 1,
                line_end=number * 3 + 1 + text.count("\n"),
                score=1.5,
                text=text,
                highlights=sorted({(s, min(len(text), s + n)) for s, n in spans}),
            )
        )
    return found


@settings(max_examples=150, deadline=None)
@given(_hits())
def test_an_excerpt_is_its_plain_text_highlighted(found: list[Hit]) -> None:
    from indexer.highlight import excerpt_window

    for hit in found:
        for width in (20, render.EXCERPT_CHARS):
            styled = render.excerpt(hit, width)
            assert styled.plain == render.plain_excerpt(hit, width)
            start, end = excerpt_window(hit.text, hit.highlights, width)
            shift = 2 if start else 0  # "… "
            expected = {
                (s - start + shift, e - start + shift)
                for s, e in hit.highlights
                if start <= s and e <= end and s < e
            }
            assert {(span.start, span.end) for span in styled.spans} == expected
            assert all(span.style == render.HIGHLIGHT for span in styled.spans)


@settings(max_examples=100, deadline=None)
@given(_hits())
def test_hits_in_a_pipe_are_the_lines_rich_would_print(found: list[Hit]) -> None:
    outputs = []
    for console_type in (ResultsConsole, Console):
        file = io.StringIO()
        console = console_type(file=file, highlight=False, emoji=False)
        render.hits(console, found, total=99)
        render.hits_in_context(console, [(hit, found) for hit in found], {("d.txt", 1)})
        render_grep.files(console, found)
        render_grep.count(console, len(found))
        outputs.append(file.getvalue())
    assert outputs[0] == outputs[1]
