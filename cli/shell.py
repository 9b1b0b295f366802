"""`passages shell`: an interactive session on one open index, so no query pays start-up costs.

Type a query to see its best passages; `:more` shows the next page, `:show N` opens result N in
context, `:mentions NAME` lists where a name is mentioned (`:variants NAME` in other spellings
too), `:json` / `:rich` switch the output,
`:help` lists the commands. Ctrl-C cancels a query that is running (or clears the line), Ctrl-D
leaves. The index is re-read before each query when another process has committed to it.

The prompt is prompt_toolkit's: line editing, history kept across sessions in a file (with
Ctrl-R search and suggestions from it), completion of the `:` commands. When stdin is not a
terminal, lines are read plainly, one command per line, without prompt or history.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from cli import render

if TYPE_CHECKING:
    from indexer.models import Hit
    from indexer.search import IndexSession

PROMPT = "passages> "
HISTORY_ENV = "PASSAGES_HISTORY"
PAGE_SIZE = 10
COMMANDS = {
    ":more": "the next page of results",
    ":show N": "result N in full, with the passages around it",
    ":mentions NAME": "every mention of a name, spelled as typed",
    ":variants NAME": "the same, and other spellings (typos, Latin ↔ Arabic)",
    ":json": "results as JSON Lines",
    ":rich": "results for reading (the default)",
    ":help": "this list",
    ":quit": "leave (or Ctrl-D)",
}

ReadLine = Callable[[], str]


def history_path(environ: dict[str, str] | os._Environ[str] = os.environ) -> Path:
    """$PASSAGES_HISTORY, else passages/history in the user's data folder
    ($XDG_DATA_HOME, else ~/.local/share)."""
    if environ.get(HISTORY_ENV):
        return Path(environ[HISTORY_ENV])
    data = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "passages" / "history"


@dataclass
class Shell:
    """The commands of a session; `handle` runs one line and says whether to go on."""

    session: IndexSession
    out: Console
    err: Console
    page_size: int = PAGE_SIZE
    json: bool = False
    query: str | None = None
    hits: list[Hit] = field(default_factory=list)

    def handle(self, line: str) -> bool:
        line = line.strip()
        if not line:
            return True
        if not line.startswith(":"):
            self.search(line)
            return True
        command, _, argument = line.partition(" ")
        return self.command(command, argument.strip())

    def command(self, command: str, argument: str) -> bool:
        if command in (":quit", ":q", ":exit"):
            return False
        if command in (":json", ":rich"):
            self.json = command == ":json"
            self.note(f"output: {command[1:]}")
        elif command == ":more":
            self.more()
        elif command == ":show":
            self.show(argument)
        elif command == ":mentions":
            self.mentions(argument)
        elif command == ":variants":
            self.mentions(argument, variants=True)
        elif command in (":help", ":h", ":?"):
            self.help()
        else:
            self.note(f"unknown command {command} — :help lists them")
        return True

    def search(self, query: str) -> None:
        self.session.refresh()
        results = self.session.find(query, limit=self.page_size, fold_copies=True)
        self.query, self.hits = query, results.hits
        if results.notice:
            self.note(results.notice)
        if not results.hits:
            hint = (
                f" — did you mean: {' · '.join(results.suggestions)} ?"
                if results.suggestions
                else ""
            )
            self.note("nothing found" + hint)
            return
        self.print_hits(results.hits, first=1, total=results.total)

    def more(self) -> None:
        if self.query is None:
            self.note("no query yet: type some words first")
            return
        results = self.session.find(
            self.query, limit=len(self.hits) + self.page_size, fold_copies=True
        )
        new = results.hits[len(self.hits) :]
        if not new:
            self.note("no more results")
            return
        first = len(self.hits) + 1
        self.hits = results.hits
        self.print_hits(new, first=first, total=results.total)

    def show(self, argument: str) -> None:
        if not argument.isdigit() or not 1 <= int(argument) <= len(self.hits):
            self.note(f":show takes a result number, 1 to {len(self.hits)}" if self.hits else
                      "no results to show yet")  # fmt: skip
            return
        hit = self.hits[int(argument) - 1]
        view = self.session.show(hit.doc, Path("/"), passage=hit.passage, query=self.query)
        if self.json:
            render.json_lines(self.out, view.passages)
        else:
            render.document_view(self.out, view)

    def mentions(self, name: str, *, variants: bool = False) -> None:
        command = ":variants" if variants else ":mentions"
        if not name:
            self.note(f"{command} takes a name, as in {command} Qais al-Khazali")
            return
        from cli import render_names

        found = self.session.mentions(name, variants=variants)
        if self.json:
            render.json_lines(self.out, found)
        elif found:
            render_names.mentions(self.out, found)
        elif not variants and (others := self.session.mentions(name, variants=True)):
            self.note(
                f"no mention of {name} as spelled — :variants {name} finds "
                + render_names.variants_found(others, name)
            )
        else:
            self.note(f"no mention of {name}")

    def print_hits(self, hits: list[Hit], *, first: int, total: int) -> None:
        if self.json:
            render.json_lines(self.out, hits)
            return
        render.hits(self.out, hits, first=first)
        shown = first + len(hits) - 1
        more = " — :more for the next page" if shown < total else ""
        self.note(f"{first}–{shown} of {total:,} matching passages{more}")

    def help(self) -> None:
        width = max(len(name) for name in COMMANDS)
        lines = ["type a query to search (passages search --help has the syntax), or:"]
        lines += [f"  {name:<{width}}  {what}" for name, what in COMMANDS.items()]
        self.out.print("\n".join(lines), markup=False, highlight=False)

    def note(self, message: str) -> None:
        self.err.print(
            message, markup=False, highlight=False, style="dim" if self.err.is_terminal else None
        )


def run(shell: Shell, read_line: ReadLine) -> None:
    """Read and run lines until Ctrl-D, end of input or :quit. Ctrl-C cancels the command that
    is running; an error a person can act on is reported and the session goes on."""
    from indexer.errors import PassagesError

    while True:
        try:
            line = read_line()
        except KeyboardInterrupt:
            continue
        except EOFError:
            return
        try:
            if not shell.handle(line):
                return
        except KeyboardInterrupt:
            shell.note("cancelled")
        except PassagesError as exc:
            shell.note(f"error: {exc}" + (f" — {exc.hint}" if exc.hint else ""))


def prompt_reader(history: Path | None, **terminal: Any) -> ReadLine:
    """Read lines with prompt_toolkit, keeping history in the file `history` (in memory when
    None or when the file cannot be written). `terminal` may give prompt_toolkit's `input` and
    `output` (tests do)."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
    from prompt_toolkit.completion import WordCompleter
    from prompt_toolkit.history import FileHistory, History, InMemoryHistory

    kept: History = InMemoryHistory()
    if history is not None:
        try:
            history.parent.mkdir(parents=True, exist_ok=True)
            history.touch()
            kept = FileHistory(str(history))
        except OSError:
            pass
    completer = WordCompleter([name.split()[0] for name in COMMANDS], sentence=True)
    prompt: PromptSession[str] = PromptSession(
        history=kept, auto_suggest=AutoSuggestFromHistory(), completer=completer, **terminal
    )
    return lambda: prompt.prompt(PROMPT)


def plain_reader() -> ReadLine:
    """Read lines from stdin as they come (a script or a pipe)."""

    def read() -> str:
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line

    return read


def run_shell(location: Path) -> int:
    """`passages shell` on the index at `location`: prompt_toolkit on a terminal, plain lines
    from a script or pipe. Returns the exit code."""
    from cli.errors import ExitCode, user_errors
    from cli.output import stderr_console, stdout_console
    from indexer import IndexSession

    with user_errors(), IndexSession(location) as session:
        shell = Shell(session, stdout_console(), stderr_console())
        if sys.stdin.isatty() and sys.stdout.isatty():
            shell.note(f"passages shell on {location} — :help for commands, Ctrl-D to leave")
            run(shell, prompt_reader(history_path()))
        else:
            run(shell, plain_reader())
    return ExitCode.OK
