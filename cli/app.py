"""The `passages` command: typer commands only; each parses, calls the library, renders."""

from __future__ import annotations

import os
import sys
from typing import Annotated, TextIO

import typer
from click.exceptions import ClickException, NoSuchOption
from typer.main import get_command_name

from cli import lean_typer, name_commands, render, searching
from cli.errors import ExitCode, print_error, print_notice, reading_index_files, user_errors
from cli.ingest import ExcludeOpt, FieldOpt, IncludeOpt
from cli.options import IndexOpt, JsonOpt, resolve_index
from cli.output import ResultsConsole

app = typer.Typer(
    name="passages",
    help="Search a folder of documents by passage, from the terminal.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

out = ResultsConsole(highlight=False, emoji=False)
err = ResultsConsole(stderr=True, highlight=False)
_debug = {"on": False}
_started = {"stdout_pipe": False}  # whether stdout was a pipe when main began


@app.callback()
def _options(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
) -> None:
    _debug["on"] = debug


def _finite(value: float) -> float:
    if value != value:  # NaN passes every comparison with a bound
        raise typer.BadParameter("give a number of seconds")
    return value


@app.command()
def index(
    paths: Annotated[
        list[str], typer.Argument(help="Files and folders to index.", show_default=False)
    ],
    index: IndexOpt = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Start the index over.")] = False,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    field: FieldOpt = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every skipped file.")
    ] = False,
    wait: Annotated[
        float,
        typer.Option(
            "--wait",
            help="Seconds to wait for another index run.",
            min=0,
            max=31_536_000,
            callback=_finite,
        ),
    ] = 60.0,
) -> None:
    """Index PATHS: new and changed files are read, removed ones dropped, unchanged ones skipped.

    Hidden files and folders are left out, and so is what a .passagesignore file \
(gitignore syntax) in a folder names."""
    import indexer
    from cli import ingest
    from cli.progress import IndexProgress

    try:
        with user_errors(), IndexProgress(err) as progress:
            report = indexer.index_paths(
                resolve_index(index),
                paths,
                rebuild=rebuild,
                options=ingest.extract_options(field),
                selection=ingest.selection(include, exclude),
                progress=progress,
                on_wait=ingest.waiting_notice,
                wait_seconds=wait,
            )
    except KeyboardInterrupt:
        print_notice(ingest.INTERRUPTED)
        raise
    ingest.index_summary(out, report, verbose=verbose)
    raise typer.Exit(ingest.index_exit_code(report))


@app.command()
def check(
    index: IndexOpt = None,
    repair: Annotated[
        bool, typer.Option("--repair", help="Fix what can be fixed: drop, re-read, rebuild.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every file found wanting.")
    ] = False,
    json: JsonOpt = False,
) -> None:
    """Compare the index with the files on disk and say how to fix what is wrong.

    Finds files gone or changed since they were indexed, files new in a folder indexed, \
passages without a file and an index that cannot be read; --repair fixes them."""
    import indexer
    from cli import ingest
    from cli.progress import IndexProgress

    with user_errors(), IndexProgress(err) as progress:
        location = resolve_index(index)
        if repair:
            notice = ingest.waiting_notice
            report = indexer.repair_index(location, progress=progress, on_wait=notice)
        else:
            report = indexer.check_index(location)
    if json:
        render.json_lines(out, [report])
    else:
        ingest.check_summary(out, report, verbose=verbose)
    raise typer.Exit(ingest.check_exit_code(report))


@app.command(help=searching.SEARCH_HELP)
def search(
    query: searching.QueryArg = None,
    index: IndexOpt = None,
    limit: searching.SearchLimitOpt = None,
    json: JsonOpt = False,
    grep: searching.GrepOpt = False,
    files: searching.FilesOpt = False,
    count: searching.CountOpt = False,
    context: searching.ContextOpt = 0,
    by: searching.ByOpt = searching.By.passage,
    since: searching.SinceOpt = None,
    until: searching.UntilOpt = None,
    batch: searching.BatchOpt = None,
    format: searching.FormatOpt = None,
    no_pager: searching.NoPagerOpt = False,
) -> None:
    request = searching.SearchRequest(
        searching.query_text(query), limit, json, grep, files, count, context, by, since, until,
        batch, format, pager=not no_pager,
    )  # fmt: skip
    raise typer.Exit(searching.run_search(request, resolve_index(index)))


@app.command()
def show(
    doc: searching.DocArg,
    index: IndexOpt = None,
    query: searching.ShowQueryOpt = None,
    context: searching.ShowContextOpt = 2,
    no_pager: searching.NoPagerOpt = False,
) -> None:
    """Show a passage in full with its neighbours, line numbers in the margin."""
    code = searching.run_show(
        doc, resolve_index(index), query=query, context=context, pager=not no_pager
    )
    raise typer.Exit(code)


app.command("mentions")(name_commands.mentions)
app.command("names")(name_commands.names)


@app.command()
def shell(index: IndexOpt = None) -> None:
    """An interactive session: type a query; :more, :show N, :mentions NAME, :json, :help."""
    from cli.shell import run_shell

    raise typer.Exit(run_shell(resolve_index(index)))


@app.command()
def stats(index: IndexOpt = None, json: JsonOpt = False) -> None:
    """Documents, passages, distinct terms, size on disk and when the index was last updated."""
    import indexer

    with user_errors():
        numbers = indexer.read_stats(resolve_index(index))
    if json:
        render.json_lines(out, [numbers])
    else:
        render.stats(out, numbers)


def main() -> None:
    """Entry point: run the app; a closed pipe ends quietly, an internal error in one line."""
    if sys.stdout is None:  # started with stdout closed (`>&-`): as grep, an error at once
        print_error("standard output is closed", "send it to a file or to /dev/null")
        sys.exit(ExitCode.ERROR)
    _started["stdout_pipe"] = _is_pipe(sys.stdout)
    app.registered_commands = commands_to_build(sys.argv[1:])
    lean_typer.install()  # help without rich's Markdown and Traceback
    try:
        code = app(prog_name="passages", standalone_mode=False)  # also under `python -m`
    except ClickException as exc:  # a usage error: one line, as every other error
        message = _usage_message(exc)
        if message:  # (no message: the help was asked for by giving no arguments, and shown)
            print_error(message, _usage_hint(exc))
        sys.exit(ExitCode.ERROR)
    except typer.Abort:
        sys.exit(ExitCode.INTERRUPTED)
    except SystemExit as exc:
        if exc.code == 1 and _pipe_closed_under_help():
            sys.exit(ExitCode.OK)
        raise
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(ExitCode.OK)
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
    except Exception as exc:  # the last line of defence: never a traceback unless asked
        if _debug["on"]:
            import traceback

            traceback.print_exc()
            sys.exit(ExitCode.ERROR)
        if reading_index_files(exc):
            from indexer.store import damage_reason

            print_error(
                f"the index cannot be read: {damage_reason(exc)}",
                "run `passages check --repair` (it makes the index anew from its folders)",
            )
        else:
            print_error(
                f"internal error: {type(exc).__name__}: {exc}", "run with --debug for details"
            )
        sys.exit(ExitCode.ERROR)
    finally:
        app.registered_commands = list(_ALL_COMMANDS)
    sys.exit(code if isinstance(code, int) else ExitCode.OK)


_ALL_COMMANDS = list(app.registered_commands)


def commands_to_build(arguments: list[str]) -> list[typer.models.CommandInfo]:
    """The commands typer is to build for `arguments`: the one they name, when they name one
    before any help option, else all (for the list in `--help`, and a misspelt command's
    error). Typer builds every command's options from its signature at each start, 5-10 ms
    for all; the app's own options are flags, so the first other word is the command."""
    by_name = {
        info.name or get_command_name(info.callback.__name__): info
        for info in _ALL_COMMANDS
        if info.callback is not None
    }
    for word in arguments:
        if word.startswith("-"):
            if word in ("-h", "--help"):
                break
            continue
        if word in by_name:
            return [by_name[word]]
        break
    return list(_ALL_COMMANDS)


def _usage_message(exc: ClickException) -> str:
    message = " ".join(exc.format_message().split()).rstrip(".")
    return message[:1].lower() + message[1:]


def _usage_hint(exc: ClickException) -> str:
    context = getattr(exc, "ctx", None)
    command = context.command_path if context is not None else "passages"
    word = _dashed_word(exc, sys.argv[1:])
    if word is not None and command.endswith(" search"):  # `search -blair`: a word to leave out
        return f"to leave out a word, write `NOT {word[1:]}`, or end the options with `--` first"
    return f"see `{command} --help`"


def _dashed_word(exc: ClickException, arguments: list[str]) -> str | None:
    """The argument, read as unknown short options, that is a word after a dash (`-blair`)."""
    if not isinstance(exc, NoSuchOption) or exc.option_name.startswith("--"):
        return None
    for argument in arguments:
        if argument.startswith(exc.option_name) and len(argument) > 2 and argument[1:].isalpha():
            return argument
    return None


def _pipe_closed_under_help() -> bool:
    """Whether an exit 1 is the way click or rich leave a closed pipe (`passages --help |
    head`): click swaps stdout for its PacifyFlushWrapper, rich points it at the null device;
    the commands' own output ends such a pipe with 0, and so should the help."""
    import stat

    from click.utils import PacifyFlushWrapper

    if isinstance(sys.stdout, PacifyFlushWrapper):
        _silence_stdout()
        return True
    try:
        now, null = os.fstat(sys.stdout.fileno()), os.stat(os.devnull)
    except (OSError, ValueError):
        return False
    return _started["stdout_pipe"] and stat.S_ISCHR(now.st_mode) and now.st_rdev == null.st_rdev


def _is_pipe(stream: TextIO) -> bool:
    import stat

    try:
        return stat.S_ISFIFO(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError):
        return False


def _silence_stdout() -> None:

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    main()
