"""Plain data crossing from the library to the terminal: frozen dataclasses, no Whoosh objects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """A document as an extractor reads it, before it is split into passages.

    `doc` is the document id (a file's absolute path, or a record's id in a collection);
    `path` is the file it came from. `line_base` is the line of the source file on which
    `text` starts (a record in a JSON Lines file starts on its own line). `page_starts`
    holds, for paged formats, the character offset in `text` where each page begins.
    A very large file may come as several parts (`part` 0, 1, ...) with the same `doc`: the
    pipeline numbers their passages on from part to part; title and date come from part 0.
    `lines_in_source` is False when the text's lines are not the file's (a collection record
    sits on one line of its file): then every passage is placed on `line_base`. `source_lines`
    maps a text whose lines are not the file's (a web page's, taken out of its markup) back to
    the file: (offset in `text`, line of the file) where each run of text from one line begins,
    in order. `skipped` names what the document holds but could not be read (an e-mail's
    encrypted attachment).
    """

    doc: str
    path: str
    text: str
    title: str = ""
    date: str | None = None
    encoding: str | None = None
    line_base: int = 1
    page_starts: tuple[int, ...] = ()
    part: int = 0
    fields: Mapping[str, str] = field(default_factory=dict)
    lines_in_source: bool = True
    source_lines: tuple[tuple[int, int], ...] = ()
    skipped: tuple[Skip, ...] = ()


@dataclass(frozen=True)
class Passage:
    """A span of a document's text: `start`/`end` are character offsets, lines are 1-based."""

    number: int
    start: int
    end: int
    line_start: int
    line_end: int
    text: str
    page: int | None = None


@dataclass(frozen=True)
class Hit:
    """One ranked passage: where it is, what it says, and where the query matched inside `text`.
    `char_start`/`char_end` are the passage's offsets in its document's extracted text; `fields`
    are its document's other fields (an e-mail's `from` and `to`, an attachment's `parent`).
    `all_words` says, for a query of several words whose passages holding all of them come first,
    whether this one does (False: it holds only some); None for other queries. `copies` are the
    passages of other documents with the same text (a story filed twice), when the search was
    asked to show each text once."""

    doc: str
    path: str
    title: str
    date: str | None
    passage: int
    line_start: int
    line_end: int
    score: float
    text: str
    highlights: list[tuple[int, int]]
    page: int | None = None
    char_start: int = 0
    char_end: int = 0
    fields: Mapping[str, str] = field(default_factory=dict)
    all_words: bool | None = None
    copies: tuple[Place, ...] = ()


@dataclass(frozen=True)
class Place:
    """Where a passage is: its document, file, number, first line and page."""

    doc: str
    path: str
    passage: int
    line_start: int
    page: int | None = None


@dataclass(frozen=True)
class Mention:
    """One place a name is mentioned: the passage, the surface form and its span in `text`."""

    doc: str
    path: str
    title: str
    date: str | None
    passage: int
    line_start: int
    line_end: int
    score: float
    text: str
    highlights: list[tuple[int, int]]
    match: str
    span: tuple[int, int]
    kind: str
    query: str = ""
    page: int | None = None
    char_start: int = 0
    char_end: int = 0


@dataclass(frozen=True)
class Skip:
    """A file that was not indexed, and why. `error` is False for harmless skips (empty files)."""

    path: str
    reason: str
    error: bool = True


@dataclass(frozen=True)
class IndexReport:
    """What an `index` run did: files added, updated, removed, unchanged and skipped, and the
    documents (a collection's records, a message's attachments) and passages they hold.
    `touched` counts the unchanged files whose time moved: their content was read again and
    found the same."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    passages: int = 0
    skipped: list[Skip] = field(default_factory=list)
    seconds: float = 0.0
    documents: int = 0
    touched: int = 0


@dataclass(frozen=True)
class CheckReport:
    """How an index compares with the files on disk (`passages check`).

    `problem` says why the index cannot be read (then nothing else was compared). Paths are
    those of source files: `missing` are gone from disk, `stale` changed since they were indexed,
    `orphaned` have passages but no file record, `miscounted` have a record whose passage count
    differs from the passages the index holds, `new` are in a folder indexed (`new_in`) but not
    in the index. `roots` are the paths `index` was given."""

    location: str
    problem: str | None = None
    files: int = 0
    passages: int = 0
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    miscounted: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    new_in: list[str] = field(default_factory=list)
    roots: list[str] = field(default_factory=list)
    repaired: bool = False

    @property
    def healthy(self) -> bool:
        """Whether the index is readable and matches the disk."""
        return self.problem is None and not (
            self.missing or self.stale or self.orphaned or self.miscounted or self.new
        )


@dataclass(frozen=True)
class IndexStats:
    """What `passages stats` shows."""

    location: str
    documents: int
    passages: int
    terms: int
    size_bytes: int
    updated: str | None
    version: int


@dataclass(frozen=True)
class SearchResults:
    """What one query found: its hits, best first; how many passages match in all; a notice
    when the query could not be read and was searched as plain words; and, when nothing was
    found, queries with misspelt words replaced by ones the index holds ("did you mean")."""

    query: str
    hits: list[Hit]
    total: int
    notice: str | None = None
    suggestions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DocumentView:
    """A passage of a document with its neighbours, in order, for `passages show`:
    `focus` is the passage asked for, `count` how many passages the document has."""

    doc: str
    path: str
    title: str
    date: str | None
    focus: int
    count: int
    passages: list[Hit]
    unmatched: bool = False  # a query chose the passage, and no passage of the document matches it


@dataclass(frozen=True)
class LineMatch:
    """A matched word on a line of its source file, for `--grep`: the 1-based line and column
    (in characters), the whole line's text, and the word's [start, end) span in that text."""

    path: str
    line: int
    column: int
    text: str
    span: tuple[int, int]
