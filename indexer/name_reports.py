"""Reports built on mentions: many names against many documents, and mentions over time.

`--names-file` lists names one per line, with aliases after `|`
(`Qais al-Khazali | Abu Ahmad`); blank lines and lines starting with `#` are skipped. Each
name's mentions are those of the name and of every alias, a place counted once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from whoosh.searching import Searcher

from indexer import store
from indexer.errors import BadQuery, PathNotFound
from indexer.mentions import find_mentions, names_key_map
from indexer.models import Mention
from indexer.names.keymap import KeyMap


@dataclass(frozen=True)
class NameEntry:
    """One line of a names file: the name and its aliases."""

    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentColumn:
    """A document of the names × documents table."""

    doc: str
    path: str
    title: str
    date: str | None


@dataclass(frozen=True)
class NameRow:
    """One name's mentions per document (`counts` follows `NameMatrix.documents`)."""

    name: str
    aliases: tuple[str, ...]
    total: int
    counts: tuple[int, ...]


@dataclass(frozen=True)
class NameMatrix:
    """Names × documents: how often each name is mentioned in each document."""

    documents: tuple[DocumentColumn, ...]
    rows: tuple[NameRow, ...]


@dataclass(frozen=True)
class MonthCount:
    """Mentions in documents dated in one month (`month` is YYYY-MM, or None: undated)."""

    month: str | None
    mentions: int


def parse_names_file(text: str) -> list[NameEntry]:
    """The entries of a names file's text; raises BadQuery when it names nobody."""
    entries = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, *aliases = (part.strip() for part in line.split("|"))
        if name:
            entries.append(NameEntry(name, tuple(alias for alias in aliases if alias)))
    if not entries:
        raise BadQuery("the names file lists no name", hint="write one name per line")
    return entries


def read_names_file(path: Path) -> list[NameEntry]:
    """Read and parse a names file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PathNotFound(f"no names file at {path}") from None
    except IsADirectoryError:
        raise BadQuery(f"{path} is a folder, not a names file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BadQuery(f"cannot read the names file {path}: {exc}") from None
    return parse_names_file(text)


def entry_mentions(
    searcher: Searcher, entry: NameEntry, *, variants: bool, key_map: KeyMap | None = None
) -> list[Mention]:
    """Mentions of a name and of its aliases, each place once (a mention inside a longer one
    is the longer one), in the order of find_mentions."""
    found = [
        mention
        for name in (entry.name, *entry.aliases)
        for mention in find_mentions(searcher, name, variants=variants, key_map=key_map)
    ]
    found.sort(key=lambda m: (m.doc, m.passage, m.span[0], -m.span[1]))
    kept: list[Mention] = []
    for mention in found:
        last = kept[-1] if kept else None
        same_passage = last is not None and (last.doc, last.passage) == (
            mention.doc,
            mention.passage,
        )
        if not (same_passage and last is not None and mention.span[0] < last.span[1]):
            kept.append(mention)
    return sorted(kept, key=_order)


def _order(mention: Mention) -> tuple[bool, str, str, int, int]:
    return (
        mention.date is None,
        mention.date or "",
        mention.path,
        mention.passage,
        mention.span[0],
    )


def name_matrix(found: dict[NameEntry, list[Mention]]) -> NameMatrix:
    """The names × documents table of the mentions found for each entry."""
    columns: dict[str, DocumentColumn] = {}
    for mention in sorted((m for ms in found.values() for m in ms), key=_order):
        columns.setdefault(
            mention.doc, DocumentColumn(mention.doc, mention.path, mention.title, mention.date)
        )
    rows = []
    for entry, mentions in found.items():
        per_doc = Counter(m.doc for m in mentions)
        counts = tuple(per_doc.get(doc, 0) for doc in columns)
        rows.append(NameRow(entry.name, entry.aliases, len(mentions), counts))
    return NameMatrix(tuple(columns.values()), tuple(rows))


def matrix_in(
    searcher: Searcher, entries: list[NameEntry], *, variants: bool, key_map: KeyMap | None = None
) -> NameMatrix:
    """Every entry's mentions per document, in an open index."""
    found = {
        entry: entry_mentions(searcher, entry, variants=variants, key_map=key_map)
        for entry in entries
    }
    return name_matrix(found)


def matrix_at(location: Path, entries: list[NameEntry], *, variants: bool = False) -> NameMatrix:
    """Open the index at `location` and count every entry's mentions per document."""
    ix = store.open_index(location)
    with ix.searcher() as searcher:
        key_map = names_key_map(searcher, location, ix.latest_generation(), variants=variants)
        return matrix_in(searcher, entries, variants=variants, key_map=key_map)


def mentions_per_month(mentions: Iterable[Mention]) -> list[MonthCount]:
    """Mentions per month of their document's date, every month from the first to the last
    (empty ones too), then the undated ones if any."""
    mentions = list(mentions)
    counts = Counter(m.date[:7] for m in mentions if m.date)
    undated = sum(1 for m in mentions if not m.date)
    months: list[MonthCount] = []
    if counts:
        first, last = min(counts), max(counts)
        months = [MonthCount(month, counts.get(month, 0)) for month in _months(first, last)]
    if undated:
        months.append(MonthCount(None, undated))
    return months


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    found = []
    while f"{year:04d}-{month:02d}" <= last:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found
