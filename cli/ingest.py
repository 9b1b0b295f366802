"""The options and the output of `index` and `check`.

Options: `--include`/`--exclude` patterns and `--field NAME=KEY` mappings, turned into the
library's Selection and ExtractOptions. Output: what an index run did, as a table on a terminal
and one line elsewhere, with the skipped files counted by reason (errors listed, every skip with
`--verbose`); what `check` found, with what to do about it. Exit codes follow ripgrep: 0 when all
went well, 2 when a file was skipped for an error (or the index cannot be read); `check` says 1
when it found something to fix.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Annotated

import typer

from cli.errors import ExitCode, print_notice

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from indexer.extract import ExtractOptions
    from indexer.models import CheckReport, IndexReport, Skip
    from indexer.sources import Selection

LISTED = 20  # skipped files or problems listed without --verbose


def _parse_fields(values: list[str] | None) -> list[str] | None:
    for value in values or []:
        name, equals, key = value.partition("=")
        if not equals or not name.strip() or not key.strip():
            raise typer.BadParameter(f"{value!r} is not NAME=KEY (for example text=body)")
    return values


IncludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--include",
        help="Index only files matching this pattern (gitignore style: '*.pdf'). Repeatable.",
        show_default=False,
    ),
]
ExcludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        help="Leave out files and folders matching this pattern ('drafts/**'). Repeatable.",
        show_default=False,
    ),
]
FieldOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--field",
        help="For JSON collections: read our field NAME (id, title, text, date…) from the "
        "record's KEY, as NAME=KEY ('text=body'). Repeatable.",
        show_default=False,
        callback=_parse_fields,
    ),
]


def selection(include: list[str] | None, exclude: list[str] | None) -> Selection:
    """The files to index, from --include and --exclude."""
    from indexer.sources import Selection

    chosen = Selection(include=tuple(include or ()), exclude=tuple(exclude or ()))
    chosen.check()
    return chosen


def extract_options(fields: list[str] | None) -> ExtractOptions:
    """ExtractOptions from `--field NAME=KEY` values."""
    from indexer.extract import ExtractOptions

    pairs = (value.partition("=") for value in fields or [])
    return ExtractOptions(fields={name.strip(): key.strip() for name, _, key in pairs})


INTERRUPTED = (
    "interrupted: the index keeps what it had committed; the same command again does the rest"
)


def waiting_notice() -> None:
    print_notice("waiting for another `passages index` to finish…")


# What an index run did


def index_exit_code(report: IndexReport) -> ExitCode:
    return ExitCode.ERROR if any(skip.error for skip in report.skipped) else ExitCode.OK


def index_summary(console: Console, report: IndexReport, *, verbose: bool = False) -> None:
    """The summary: a table on a terminal, one line elsewhere; then the skipped files (those
    skipped for an error, or all with `verbose`)."""
    if console.is_terminal:
        console.print(_summary_table(report))
    else:
        console.print(summary_line(report), markup=False, highlight=False, soft_wrap=True)
    shown = report.skipped if verbose else [skip for skip in report.skipped if skip.error]
    _list_skips(console, shown, everything=verbose)


def summary_line(report: IndexReport) -> str:
    """`3 added, 0 updated, 0 removed, 5 unchanged, 1 skipped (binary file: 1) — 3 documents,
    41 passages in 0.2 s`."""
    skipped = f"{len(report.skipped)} skipped"
    if report.skipped:
        skipped += f" ({_reasons_text(report.skipped)})"
    return (
        f"{report.added} added, {report.updated} updated, {report.removed} removed, "
        f"{report.unchanged} unchanged{_touched_text(report)}, {skipped}"
        f" — {report.documents:,} documents, {report.passages:,} passages in {report.seconds:.1f} s"
    )


def _touched_text(report: IndexReport) -> str:
    """` (2 with a new time, same content)` when some unchanged files were read again."""
    return f" ({report.touched:,} with a new time, same content)" if report.touched else ""


def _summary_table(report: IndexReport) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=False, box=None, padding=(0, 2))
    rows = [
        ("added", report.added, ""),
        ("updated", report.updated, ""),
        ("removed", report.removed, ""),
        ("unchanged", report.unchanged, _touched_text(report).strip(" ()")),
        ("skipped", len(report.skipped), _reasons_text(report.skipped)),
        ("documents", report.documents, ""),
        ("passages", report.passages, ""),
    ]
    for name, number, note in rows:
        table.add_row(Text(name, style="dim"), Text(f"{number:,}", justify="right"), Text(note))
    table.add_row(Text("time", style="dim"), Text(f"{report.seconds:.1f} s", justify="right"), "")
    return table


def _reasons_text(skipped: list[Skip]) -> str:
    counts = Counter(_reason_kind(skip.reason) for skip in skipped)
    return ", ".join(f"{reason}: {count}" for reason, count in counts.most_common())


def _reason_kind(reason: str) -> str:
    """The reason without its details: `malformed JSON (line 3: …)` → `malformed JSON`."""
    return reason.split(" (", 1)[0].split(": ", 1)[0]


def _list_skips(console: Console, skipped: list[Skip], *, everything: bool) -> None:
    from cli.render import display_path, safe_text

    for skip in skipped if everything else skipped[:LISTED]:
        console.print(
            f"  skipped {safe_text(display_path(skip.path), one_line=True)}: "
            f"{safe_text(skip.reason, one_line=True)}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    if not everything and len(skipped) > LISTED:
        console.print(
            f"  … and {len(skipped) - LISTED} more (--verbose lists them all)", markup=False
        )


# What check found


def check_exit_code(report: CheckReport) -> ExitCode:
    if report.problem is not None or (report.repaired and not report.healthy):
        return ExitCode.ERROR
    return ExitCode.OK if report.healthy else ExitCode.NO_MATCHES


def check_summary(console: Console, report: CheckReport, *, verbose: bool = False) -> None:
    """What check found, and what to do about each finding."""
    from cli.render import display_path

    where = display_path(report.location)
    if report.problem is not None:
        _say(console, f"the index at {where} cannot be read: {report.problem}")
        if report.roots:
            _say(console, "  run `passages check --repair` to rebuild it from what it indexed")
        else:
            _say(console, "  run `passages index --rebuild PATH` to make it anew")
        return
    prefix = "repaired; " if report.repaired else ""
    if report.healthy:
        _say(
            console,
            f"{prefix}the index at {where} matches the disk: "
            f"{report.files:,} files, {report.passages:,} passages",
        )
        return
    _say(console, f"{prefix}the index at {where} does not match the disk:")
    findings = [
        (report.missing, "gone from disk", "`--repair` drops them"),
        (
            report.stale,
            "changed since they were indexed",
            "`--repair` or `passages index` reads them again",
        ),
        (report.orphaned, "with passages but no file record", "`--repair` drops those passages"),
        (report.miscounted, "whose passages are not all there", "`--repair` indexes them again"),
        (
            report.new,
            "not in the index (new since the last run, or skipped for an error)",
            "`--repair` or `passages index` reads them",
        ),
    ]
    for paths, what, fix in findings:
        if paths:
            files = "file" if len(paths) == 1 else "files"
            _say(console, f"  {len(paths):,} {files} {what} ({fix})")
            for path in paths if verbose else paths[:LISTED]:
                _say(console, f"    {display_path(path)}")
            if not verbose and len(paths) > LISTED:
                _say(console, f"    … and {len(paths) - LISTED} more (--verbose lists them all)")
    if not report.repaired:
        _say(console, "run `passages check --repair` to fix them")


def _say(console: Console, line: str) -> None:
    from cli.render import safe_text

    console.print(safe_text(line, one_line=True), markup=False, highlight=False, soft_wrap=True)
