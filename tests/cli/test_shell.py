"""`passages shell`: a scripted session through the command, the commands one by one, Ctrl-C
and Ctrl-D, and history kept across sessions by the prompt."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console
from typer.testing import CliRunner, Result

from cli.app import app
from cli.shell import Shell, history_path, prompt_reader, run
from indexer import IndexSession, index_paths
from indexer.models import Mention
from tests.cli.conftest import Run
from tests.search_corpus import write_search_corpus


@pytest.fixture
def indexed(run: Run, tmp_path: Path) -> Path:
    corpus = write_search_corpus(tmp_path / "corpus")
    assert run("index", "corpus").exit_code == 0
    return corpus


def shell_with_input(script: str) -> Result:
    """`passages shell` with `script` on stdin (not a terminal: plain lines, no prompt)."""
    return CliRunner().invoke(app, ["shell"], input=script, catch_exceptions=False)


def test_a_scripted_session(run: Run, indexed: Path) -> None:
    script = (
        "Baghdad\n:more\n\nnakh*\n:show 1\n:json\nnakh*\n:rich\nzeppelin\nRajoob\n:bogus\n:quit\n"
    )
    result = shell_with_input(script)
    assert result.exit_code == 0
    out = result.stdout.splitlines()
    assert out[0].startswith("corpus/") and "(" in out[0]
    assert "corpus/news/2023-04-13-nakhala.txt  2023-04-13  passage 2 of 4" in out
    assert ">4 │ Ziyad al-Nakhala led the delegation to Baghdad." in out
    assert [line for line in out if line.startswith("{")] == [
        line for line in out if line.startswith('{"doc": ') and '"passage": 2' in line
    ]
    assert result.stderr.splitlines() == [
        "1–5 of 5 matching passages",
        "no more results",
        "1–1 of 1 matching passages",
        "output: json",
        "output: rich",
        "nothing found",
        "nothing found — did you mean: Rajoub ?",
        "unknown command :bogus — :help lists them",
    ]


def test_more_pages_through_results(run: Run, indexed: Path, tmp_path: Path) -> None:
    with IndexSession(tmp_path / "index") as session:
        out, err = console(), console()
        shell = Shell(session, out, err, page_size=2)
        for line in ("Baghdad", ":more", ":more", ":more"):
            shell.handle(line)
        assert err.file.getvalue().splitlines() == [  # type: ignore[attr-defined]
            "1–2 of 5 matching passages — :more for the next page",
            "3–4 of 5 matching passages — :more for the next page",
            "5–5 of 5 matching passages",
            "no more results",
        ]
        assert len(shell.hits) == 5


def test_show_needs_a_result_number(run: Run, indexed: Path, tmp_path: Path) -> None:
    with IndexSession(tmp_path / "index") as session:
        err = console()
        shell = Shell(session, console(), err)
        shell.handle(":show 1")
        shell.handle("Baghdad")
        shell.handle(":show 9")
        assert err.file.getvalue().splitlines()[0] == "no results to show yet"  # type: ignore[attr-defined]
        assert err.file.getvalue().splitlines()[-1] == ":show takes a result number, 1 to 5"  # type: ignore[attr-defined]


def test_mentions_in_the_shell_lists_every_place_the_name_is_named(run: Run, indexed: Path) -> None:
    result = shell_with_input(":mentions Qais al-Khazali\nBaghdad\n")
    assert result.exit_code == 0
    place = "  corpus/news/2023-01-13-khazali.txt:"
    mentions = [line for line in result.stdout.splitlines() if line.startswith(place)]
    assert len(mentions) == 2
    assert mentions[0].endswith("[short]")


def test_the_shell_says_what_variants_finds_and_lists_it_on_asking(run: Run, indexed: Path) -> None:
    script = ":mentions Ziyad al-Nakhalah\n:variants Ziyad al-Nakhalah\n:mentions Zeppelin Quartz\n"
    result = shell_with_input(script)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "no mention of Ziyad al-Nakhalah as spelled — :variants Ziyad al-Nakhalah finds "
        "Ziyad al-Nakhala (1 mention)",
        "no mention of Zeppelin Quartz",
    ]
    place = "  corpus/news/2023-04-13-nakhala.txt:4: "
    assert [line for line in result.stdout.splitlines() if line.startswith(place)] == [
        place + "Ziyad al-Nakhala led the delegation to Baghdad.  [variant]"
    ]


class FakeSession:
    """Stands in for IndexSession: the first query is interrupted by Ctrl-C."""

    def __init__(self) -> None:
        self.queries: list[str] = []

    def refresh(self) -> None:
        pass

    def find(self, text: str, *, limit: int, fold_copies: bool = False) -> object:
        self.queries.append(text)
        raise KeyboardInterrupt

    def mentions(self, name: str, *, variants: bool = False) -> list[Mention]:
        return [
            Mention(
                "d",
                "/x/d.txt",
                "T",
                None,
                1,
                3,
                3,
                1.0,
                "Qais al-Khazali spoke.",
                [(0, 15)],
                "Qais al-Khazali",
                (0, 15),
                "exact",
                name,
            )  # fmt: skip
        ]


def scripted(*items: str | type[BaseException]) -> Callable[[], str]:
    """A line reader that gives these lines, raises these exceptions, then EOFError."""
    queue = list(items)

    def read() -> str:
        if not queue:
            raise EOFError
        item = queue.pop(0)
        if isinstance(item, str):
            return item
        raise item()

    return read


def test_ctrl_c_cancels_the_running_query_and_the_session_goes_on() -> None:
    session, out, err = FakeSession(), console(), console()
    shell = Shell(session, out, err)  # type: ignore[arg-type]
    run(shell, scripted("slow query", KeyboardInterrupt, ":mentions Khazali"))
    assert session.queries == ["slow query"]
    assert err.file.getvalue() == "cancelled\n"  # type: ignore[attr-defined]
    assert "Qais al-Khazali" in out.file.getvalue()  # type: ignore[attr-defined]


def test_quit_leaves_before_the_end_of_input() -> None:
    session, out, err = FakeSession(), console(), console()
    run(Shell(session, out, err), scripted(":quit", "never run"))  # type: ignore[arg-type]
    assert session.queries == []


def test_ctrl_c_at_the_prompt_clears_the_line_and_ctrl_d_leaves(tmp_path: Path) -> None:
    session, out, err = FakeSession(), console(), console()
    shell = Shell(session, out, err)  # type: ignore[arg-type]
    with create_pipe_input() as keys:
        keys.send_text("half a que\x03:mentions Khazali\r\x04")
        run(shell, prompt_reader(tmp_path / "history", input=keys, output=DummyOutput()))
    assert session.queries == []
    assert "Qais al-Khazali" in out.file.getvalue()  # type: ignore[attr-defined]


def test_history_is_kept_across_sessions(tmp_path: Path) -> None:
    history = tmp_path / "data" / "history"
    with create_pipe_input() as keys:
        keys.send_text("Baghdad militia\r")
        assert prompt_reader(history, input=keys, output=DummyOutput())() == "Baghdad militia"
    assert "+Baghdad militia" in history.read_text()
    with create_pipe_input() as keys:
        keys.send_text("\x1b[A\r")  # up arrow, enter: the last line of the last session
        assert prompt_reader(history, input=keys, output=DummyOutput())() == "Baghdad militia"


def test_history_location() -> None:
    assert history_path({"PASSAGES_HISTORY": "/tmp/h"}) == Path("/tmp/h")
    assert history_path({"XDG_DATA_HOME": "/data"}) == Path("/data/passages/history")
    assert history_path({}) == Path.home() / ".local" / "share" / "passages" / "history"


def console() -> Console:
    return Console(file=io.StringIO(), color_system=None, width=100)


def test_a_session_sees_new_commits(run: Run, indexed: Path, tmp_path: Path) -> None:
    with IndexSession(tmp_path / "index") as session:
        err = console()
        shell = Shell(session, console(), err)
        shell.handle("lighthouse")
        (indexed / "new.txt").write_text("The lighthouse was repainted.\n")
        index_paths(tmp_path / "index", [indexed])
        shell.handle("lighthouse")
        assert err.file.getvalue().splitlines() == [  # type: ignore[attr-defined]
            "nothing found",
            "1–1 of 1 matching passages",
        ]
