"""TREC runs: a batch of queries, each ranked into documents, written as `qid Q0 docid rank
score tag` lines for trec_eval, ir_measures and the like.

A batch file holds one query per line, either `id<TAB>query` or the query alone (its id is then
its line number); blank lines are passed over. Each query goes through the same path as
`passages search --by document`: `IndexSession.find(..., by_document=True)`, which ranks a
document by its best passage. `passages search --batch FILE --format trec --limit N` and
bench/relevance.py both run here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from indexer.errors import BadQuery

if TYPE_CHECKING:
    from indexer.search import IndexSession

DEFAULT_TAG = "passages"
# Escaped in a run's fields: whitespace, which would split a line, and what could steer a
# terminal (C0 and C1 codes, DEL, bidirectional overrides).
_UNSAFE = re.compile("[\\s\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class RankedDocument:
    """One document in a query's ranking: its id and its best passage's score."""

    doc: str
    score: float


def read_batch(path: Path) -> list[tuple[str, str]]:
    """The (id, query) pairs of a batch file (see the module docstring). Raises BadQuery for a
    file that is not UTF-8 text."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return parse_batch(handle)
    except UnicodeDecodeError:
        raise BadQuery(f"{path} is not UTF-8 text", hint="save the queries as UTF-8") from None


def parse_batch(lines: Iterable[str]) -> list[tuple[str, str]]:
    """(id, query) for each non-blank line: `id<TAB>query`, or a query whose id is its line
    number (also when the id before the tab is blank)."""
    queries = []
    for number, line in enumerate(lines, 1):
        head, tab, tail = line.rstrip("\r\n").partition("\t")
        qid, text = (head.strip(), tail) if tab else ("", head)
        if text.strip():
            queries.append((qid or str(number), text))
    return queries


def trec_run(
    session: IndexSession,
    queries: Iterable[tuple[str, str]],
    *,
    limit: int,
    tag: str = DEFAULT_TAG,
    on_notice: Callable[[str], None] | None = None,
) -> Iterator[str]:
    """The run's lines, query by query: each query's best `limit` documents. A query that
    cannot be searched is told to `on_notice` and has no lines; the run goes on."""
    for qid, text in queries:
        try:
            results = session.find(text, limit=limit, by_document=True)
        except BadQuery as exc:
            _tell(on_notice, f"query {qid}: {exc}")
            continue
        if results.notice:
            _tell(on_notice, f"query {qid}: {results.notice}")
        ranked = [RankedDocument(hit.doc, hit.score) for hit in results.hits]
        yield from run_lines(qid, ranked, tag)


def run_lines(qid: str, ranked: Iterable[RankedDocument], tag: str = DEFAULT_TAG) -> Iterator[str]:
    """`qid Q0 docid rank score tag` for each document, ranks from 1."""
    qid, tag = trec_field(qid), trec_field(tag)
    for rank, found in enumerate(ranked, 1):
        yield f"{qid} Q0 {trec_field(found.doc)} {rank} {found.score:.4f} {tag}"


def trec_field(value: str) -> str:
    """`value` as one field of a run line: whitespace, which would split it, and codes that
    could steer a terminal are escaped as %XX (`annual report.txt` → `annual%20report.txt`,
    ESC → %1B, U+202E → %202E); an empty value becomes `-`."""
    return _UNSAFE.sub(lambda found: f"%{ord(found.group()):02X}", value) or "-"


def _tell(on_notice: Callable[[str], None] | None, message: str) -> None:
    if on_notice is not None:
        on_notice(message)
