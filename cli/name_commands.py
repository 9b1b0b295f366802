"""The `mentions` and `names` commands (registered in cli/app.py): parse, call, render."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli import render
from cli.errors import ExitCode, print_error, print_notice, user_errors
from cli.options import IndexOpt, JsonOpt, LimitOpt, resolve_index
from cli.output import closed_pipe_is_quiet, paged, stdout_console

if TYPE_CHECKING:
    from indexer.models import Mention

NameArg = Annotated[
    str | None, typer.Argument(help="The name to look for, in any spelling.", show_default=False)
]
VariantsOpt = Annotated[
    bool,
    typer.Option(
        "--variants", help="Also other spellings: transliterations, typos, Latin ↔ Arabic script."
    ),
]
NamesFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--names-file",
        help="A file of names, one per line, aliases after '|': prints names × documents.",
        show_default=False,
    ),
]
CsvOpt = Annotated[bool, typer.Option("--csv", help="The names × documents table as CSV.")]
TimelineOpt = Annotated[bool, typer.Option("--timeline", help="A chart of mentions per month.")]


def mentions(
    name: NameArg = None,
    index: IndexOpt = None,
    variants: VariantsOpt = False,
    json: JsonOpt = False,
    names_file: NamesFileOpt = None,
    csv: CsvOpt = False,
    timeline: TimelineOpt = False,
) -> None:
    """Every passage that mentions NAME, grouped by document, with totals."""
    from cli import render_names
    from indexer import IndexSession

    _check_usage(name, names_file, csv, timeline)
    if names_file is not None:
        _names_table(index, names_file, variants=variants, json=json, csv=csv)
    assert name is not None
    with user_errors(), IndexSession(resolve_index(index)) as session:
        found = session.mentions(name, variants=variants)
        others = [] if found or variants or json else session.mentions(name, variants=True)
    out = stdout_console()
    with closed_pipe_is_quiet(), paged(out, enabled=not json) as console:
        if timeline:
            import indexer.name_reports as reports  # only here: 5 ms of start-up otherwise

            months = reports.mentions_per_month(found)
            if json:
                render_names.months_json(console, months)
            else:
                render_names.timeline(console, months)
                render_names.totals(console, found)
        elif json:
            render.json_lines(console, found)
        else:
            render_names.mentions(console, found)
    _hint_variants(others, name)
    raise typer.Exit(ExitCode.OK if found else ExitCode.NO_MATCHES)


def _hint_variants(others: list[Mention], name: str | None) -> None:
    """When no mention is spelled as typed, say on stderr what `--variants` finds (as
    `search` says "did you mean"): the user decides whether those are the same name."""
    if others:
        from cli import render_names

        spellings = render_names.variants_found(others, name or "")
        print_notice(f"none spelled so; --variants finds {spellings}")


def _check_usage(name: str | None, names_file: Path | None, csv: bool, timeline: bool) -> None:
    problem = None
    if (name is None) == (names_file is None):
        problem = "give either a NAME or --names-file FILE"
    elif csv and names_file is None:
        problem = "--csv goes with --names-file"
    elif timeline and names_file is not None:
        problem = "--timeline goes with one NAME"
    if problem:
        print_error(problem, "see `passages mentions --help`")
        raise typer.Exit(ExitCode.ERROR)


def _names_table(
    index: Path | None, names_file: Path, *, variants: bool, json: bool, csv: bool
) -> None:
    import indexer.name_reports as reports
    from cli import render_names

    with user_errors():
        entries = reports.read_names_file(names_file)
        table = reports.matrix_at(resolve_index(index), entries, variants=variants)
    out = stdout_console()
    with closed_pipe_is_quiet(), paged(out, enabled=not (json or csv)) as console:
        if csv:
            render_names.matrix_csv(console, table)
        elif json:
            render_names.matrix_json(console, table)
        else:
            render_names.matrix(console, table)
    found = any(row.total for row in table.rows)
    raise typer.Exit(ExitCode.OK if found else ExitCode.NO_MATCHES)


def names(index: IndexOpt = None, limit: LimitOpt = 30, json: JsonOpt = False) -> None:
    """The names most mentioned in the corpus: people, organisations, places."""
    import indexer.namelist
    from cli import render_names

    with user_errors():
        found = indexer.namelist.names_at(resolve_index(index), limit=limit)
    out = stdout_console()
    with closed_pipe_is_quiet(), paged(out, enabled=not json) as console:
        if json:
            render.json_lines(console, found)
        else:
            render_names.name_list(console, found)
    raise typer.Exit(ExitCode.OK if found else ExitCode.NO_MATCHES)
