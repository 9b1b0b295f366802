"""A small Whoosh index with the passage fields of indexer.store and the two name fields,
for tests of the name features that do not need the whole build pipeline."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.searching import Searcher

from indexer.analysis import KeywordAnalyzer
from indexer.names import namekeys_field, names_field

Document = tuple[str, str | None, list[str]]
"""(path, date, passages)"""


def build_index(
    folder: Path, documents: list[Document], *, with_keys: bool = True, keywords: bool = False
) -> None:
    """An index of `documents`, each passage one record, with a document-level record each;
    without the `namekeys` field unless `with_keys`; with `keywords`, `text` is indexed by the
    keyword analyzer as in indexer.store (then the index knows which words are common)."""
    schema = Schema(
        doc=ID(stored=True),
        path=ID(stored=True),
        title=STORED(),
        date=ID(stored=True),
        passage=NUMERIC(stored=True),
        line_start=STORED(),
        line_end=STORED(),
        page=STORED(),
        text=TEXT(analyzer=KeywordAnalyzer(), stored=True) if keywords else STORED(),
        names=names_field(),
        namekeys=namekeys_field(),
        docrec=ID(stored=True),
    )
    if not with_keys:
        schema.remove("namekeys")
    ix = whoosh_index.create_in(str(folder), schema)
    with ix.writer() as writer:
        for path, date, passages in documents:
            writer.add_document(docrec=path, doc=path, path=path)  # a document-level record
            for number, text in enumerate(passages, start=1):
                writer.add_document(
                    doc=path, path=path, title=passages[0], date=date, passage=number,
                    line_start=number, line_end=number + text.count("\n"), page=None, text=text,
                    names=text, **({"namekeys": text} if with_keys else {}),
                )  # fmt: skip


@contextlib.contextmanager
def searched(folder: Path, documents: list[Document], **options: bool) -> Iterator[Searcher]:
    """`build_index(folder, documents, **options)`, then a searcher on it for the block."""
    build_index(folder, documents, **options)
    with whoosh_index.open_dir(str(folder)).searcher() as searcher:
        yield searcher
