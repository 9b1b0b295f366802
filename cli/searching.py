"""`passages search` and `passages show`: from the commands' options to one library call and
one renderer.

Output modes are exclusive: the default view (rich on a terminal, plain lines in a pipe, `-C N`
for neighbouring passages), `--json`, `--grep`, `--files`, `--count`, and `--batch FILE` with
`--format trec`. Notices (a query read as plain words, "did you mean") go to stderr, so that
stdout holds only results.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli import render, render_grep
from cli.errors import ExitCode, print_error, print_notice, user_errors
from cli.output import closed_pipe_is_quiet, paged, stdout_console

if TYPE_CHECKING:
    from rich.console import Console

    from indexer.models import Hit, SearchResults
    from indexer.search import DateRange, IndexSession

DEFAULT_LIMIT = 10

SEARCH_HELP = """Rank the passages that match QUERY, best first.

Just type words: passages holding all of them come first, then those holding some. Words \
match \
whatever their case, accents or Arabic vowel marks, and other forms of the same English word \
(meeting finds meet). A word that holds hyphens, dots or slashes (al-Khazali, e-mail, \
pic.twitter.com/x) finds its parts side by side. More:

  khazali OR rajoub          either word
  wages AND union            both words
  NOT ceasefire, -ceasefire  passages without the word
  "harbour workers"          the exact phrase
  "drones Israel"~5          both words within 5 words, in any order
  nakh*                      words that start with nakh
  Khazaly~  Khazaly~2        words one (or two) edits away: khazali
  title:union                a word (or "a phrase") in the title
  path:sport/*.txt           documents whose path matches the glob
  (khazali OR rajoub) -iraq  brackets group

A path glob may start in any folder (path:*bbc*, path:reports), and its * and ? match \
across folders. NOT binds closest, then AND, then OR. A query that cannot be read (a quote \
left open, an operator with nothing after it) is searched as plain words, with a notice on \
stderr; when nothing matches, close words from the index are suggested there.

A query that starts with - goes after --: passages search -- -ceasefire talks

Exit codes: 0 found, 1 nothing found, 2 error, 130 interrupted."""

QueryArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="QUERY",
        help="What to search for (see above); several words need no quotes.",
        show_default=False,
    ),
]


def query_text(words: list[str] | None) -> str | None:
    """The query the command line gives: its words joined by spaces (`passages search militia
    meeting` is the query `militia meeting`), None without any."""
    return " ".join(words) if words else None


SearchLimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        min=1,
        show_default=False,
        help="How many results (default 10; every match with --grep, --files, --count).",
    ),
]
GrepOpt = Annotated[
    bool,
    typer.Option("--grep", help="path:line:col: text for each matched word (rg --vimgrep)."),
]
FilesOpt = Annotated[bool, typer.Option("--files", "-l", help="Matching documents, one per line.")]
CountOpt = Annotated[
    bool,
    typer.Option("--count", "-c", help="How many passages match (documents with --by document)."),
]
ContextOpt = Annotated[
    int, typer.Option("--context", "-C", min=0, help="Show N passages before and after each.")
]
SinceOpt = Annotated[
    str | None,
    typer.Option("--since", help="Documents dated on or after: 2023, 2023-04 or 2023-04-13."),
]
UntilOpt = Annotated[
    str | None,
    typer.Option("--until", help="Documents dated on or before: 2023, 2023-04 or 2023-04-13."),
]
BatchOpt = Annotated[
    Path | None,
    typer.Option(
        "--batch",
        metavar="FILE",
        dir_okay=False,
        help="Run one query per line of FILE (or ID<TAB>QUERY) and write a TREC run.",
    ),
]
NoPagerOpt = Annotated[
    bool, typer.Option("--no-pager", help="Print long results on a terminal without a pager.")
]


class By(enum.StrEnum):
    passage = "passage"
    document = "document"


class RunFormat(enum.StrEnum):
    trec = "trec"


ByOpt = Annotated[
    By, typer.Option("--by", help="One result per passage, or per document (its best passage).")
]
FormatOpt = Annotated[
    RunFormat | None,
    typer.Option("--format", help="For --batch: trec (qid Q0 docid rank score passages)."),
]


@dataclass(frozen=True)
class SearchRequest:
    """The options of one `passages search`, as given."""

    query: str | None
    limit: int | None = None
    json: bool = False
    grep: bool = False
    files: bool = False
    count: bool = False
    context: int = 0
    by: By = By.passage
    since: str | None = None
    until: str | None = None
    batch: Path | None = None
    format: RunFormat | None = None
    pager: bool = True

    def mode(self) -> str:
        """The output mode; raises typer.BadParameter for options that do not go together."""
        chosen = [name for name in ("json", "grep", "files", "count") if getattr(self, name)]
        if self.batch is not None or self.format is not None:
            chosen.append("batch")
        if len(chosen) > 1:
            raise typer.BadParameter(f"choose one of {_flags(chosen)}")
        mode = chosen[0] if chosen else "view"
        if self.context and mode != "view":
            raise typer.BadParameter(f"-C goes with the default view, not {_flags([mode])}")
        if mode == "batch" and (self.batch is None or self.query is not None):
            raise typer.BadParameter("--format trec runs the queries of --batch FILE, not QUERY")
        if mode != "batch" and self.query is None:
            raise typer.BadParameter("give a QUERY (or --batch FILE)")
        return mode

    def result_limit(self, mode: str) -> int | None:
        """--limit, else every match for the modes that list matches, else 10."""
        if self.limit is not None:
            return self.limit
        return None if mode in ("grep", "files", "count") else DEFAULT_LIMIT


# The outputs that show each text once, naming its copies (grep, files and TREC runs list all).
FOLDED_MODES = frozenset(("view", "json"))


def _flags(modes: list[str]) -> str:
    names = {"batch": "--batch/--format"}
    return ", ".join(names.get(mode, f"--{mode}") for mode in modes)


def run_search(request: SearchRequest, location: Path) -> ExitCode:
    """Run the request against the index at `location`, print, and say how it went."""
    from indexer import IndexSession

    mode = request.mode()
    out = stdout_console()
    with user_errors(), IndexSession(location) as session, closed_pipe_is_quiet():
        if mode == "batch":
            assert request.batch is not None
            return _batch(out, session, request.batch, request.result_limit(mode))
        if mode == "count":
            return _count(out, session, request)
        return _ranked(out, session, request, mode)


def _dates(request: SearchRequest) -> DateRange:
    from indexer.search import DateRange

    return DateRange(request.since, request.until)


def _count(out: Console, session: IndexSession, request: SearchRequest) -> ExitCode:
    assert request.query is not None
    _notice(session.read(request.query)[1])
    by_document = request.by is By.document
    number = session.count(request.query, dates=_dates(request), by_document=by_document)
    render_grep.count(out, number)
    return ExitCode.OK if number else ExitCode.NO_MATCHES


def _ranked(out: Console, session: IndexSession, request: SearchRequest, mode: str) -> ExitCode:
    assert request.query is not None
    results = session.find(
        request.query,
        limit=request.result_limit(mode),
        dates=_dates(request),
        by_document=request.by is By.document,
        fold_copies=mode in FOLDED_MODES,
        whole_documents=mode == "files",
    )
    _notice(results.notice)
    if not results.hits:
        if results.suggestions:
            print_notice("did you mean: " + " · ".join(results.suggestions) + " ?")
        return ExitCode.NO_MATCHES
    with paged(out, enabled=request.pager and mode in ("view", "grep", "files")) as console:
        shown = _render(console, session, results, request, mode)
    if not shown:  # --grep of passages matched only by their title or path: no line to show
        print_notice("the matches are in titles or paths, not in lines: search without --grep")
        return ExitCode.NO_MATCHES
    return ExitCode.OK


def _render(
    console: Console,
    session: IndexSession,
    results: SearchResults,
    request: SearchRequest,
    mode: str,
) -> bool:
    """Show the results as `mode` asks; False when --grep had no line to show."""
    if mode == "json":
        render.json_lines(console, results.hits)
    elif mode == "grep":
        from indexer.lines import line_matches

        return render_grep.grep_lines(console, line_matches(results.hits)) > 0
    elif mode == "files":
        render_grep.files(console, results.hits)
    elif request.context:
        groups = context_groups(session, results.hits, request.context, results.query)
        marked = {(hit.doc, hit.passage) for hit in results.hits}
        render.hits_in_context(console, groups, marked)
    else:
        render.hits(console, results.hits, total=results.total)
    return True


def context_groups(
    session: IndexSession, hits: list[Hit], around: int, query: str
) -> list[tuple[Hit, list[Hit]]]:
    """Each hit with the passages `around` it either side, in rank order; a hit whose passages
    touch or overlap those of a better hit of its document joins that hit's group instead
    (as grep -C joins matches whose context lines meet), so no passage is shown twice."""
    windows: list[tuple[Hit, int, int]] = []
    for hit in hits:
        first, last = max(1, hit.passage - around), hit.passage + around
        for index, (head, start, end) in enumerate(windows):
            if head.doc == hit.doc and first <= end + 1 and last >= start - 1:
                windows[index] = (head, min(start, first), max(end, last))
                break
        else:
            windows.append((hit, first, last))
    return [
        (head, session.neighbours(head, head.passage - start, end - head.passage, query))
        for head, start, end in windows
    ]


def _batch(out: Console, session: IndexSession, batch: Path, limit: int | None) -> ExitCode:
    from indexer.trec import read_batch, trec_run

    try:
        queries = read_batch(batch)
    except OSError as exc:
        print_error(f"cannot read {batch}: {exc.strerror or exc}")
        return ExitCode.ERROR
    found = False
    for line in trec_run(session, queries, limit=limit or DEFAULT_LIMIT, on_notice=_notice):
        out.out(line, highlight=False)
        found = True
    return ExitCode.OK if found else ExitCode.NO_MATCHES


def _notice(message: str | None) -> None:
    if message:
        print_notice(message)


DocArg = Annotated[
    str,
    typer.Argument(
        metavar="DOC[#PASSAGE]",
        show_default=False,
        help="A document's path (relative or absolute) or id, with #N for its passage N, "
        "or PATH:LINE for the passage at that line (as a search prints it).",
    ),
]
ShowQueryOpt = Annotated[
    str | None,
    typer.Option(
        "--query",
        "-q",
        help="Highlight the query's words; without #N, open the passage that best matches it.",
    ),
]
ShowContextOpt = Annotated[
    int, typer.Option("--context", "-C", min=0, help="Passages to show before and after.")
]


def run_show(ref: str, location: Path, *, query: str | None, context: int, pager: bool) -> ExitCode:
    """`passages show`: the passage `ref` names, with `context` passages either side."""
    from indexer import IndexSession

    out = stdout_console()
    with user_errors(), IndexSession(location) as session, closed_pipe_is_quiet():
        view = session.show(ref, Path.cwd(), context=context, query=query)
        if view.unmatched:
            print_notice(f"no passage of this document matches {query!r}: showing its first")
        with paged(out, enabled=pager) as console:
            render.document_view(console, view)
    return ExitCode.OK
