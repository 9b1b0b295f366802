"""Baselines for bench/relevance.py, over the same documents as passages but without its
pipeline: whole documents (title and text), any-word queries, the best `limit` documents.

- `whoosh_bm25`: plain BM25 (k1 = 0.9, b = 0.4, Anserini's defaults) in a separate Whoosh index
  of one field, title then text, with Whoosh's StandardAnalyzer (lower case, Whoosh's stop
  words, no stemming), scored by Whoosh's BM25F, so with Whoosh's idf.
- `fts5_bm25`: SQLite FTS5 with `tokenize='porter unicode61'` over columns title and text, the
  query an OR of its words, ranked by FTS5's bm25() (k1 = 1.2, b = 0.75, both columns weight 1).
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator

from whoosh import index, scoring
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.query import Or, Term

Record = tuple[str, str, str]  # id, title, text
Query = tuple[str, str]  # id, text
Ranked = Iterator[tuple[str, str, float]]  # query id, document id, score, best first

PLAIN_K1 = 0.9
PLAIN_B = 0.4
_WORD = re.compile(r"\w+")


def whoosh_bm25(records: Iterable[Record], queries: Iterable[Query], limit: int) -> Ranked:
    """Plain BM25 over a Whoosh index of the records (see the module docstring)."""
    analyzer = StandardAnalyzer()
    with tempfile.TemporaryDirectory(prefix="plain-bm25-") as folder:
        ix = index.create_in(folder, Schema(id=ID(stored=True), body=TEXT(analyzer=analyzer)))
        with ix.writer() as writer:
            for doc, title, text in records:
                writer.add_document(id=doc, body=f"{title}\n{text}")
        weighting = scoring.BM25F(B=PLAIN_B, K1=PLAIN_K1)
        with ix.searcher(weighting=weighting) as searcher:
            for qid, text in queries:
                words = [token.text for token in analyzer(text)]
                if not words:
                    continue
                query = Or([Term("body", word) for word in words])
                for hit in searcher.search(query, limit=limit):
                    yield qid, hit["id"], float(hit.score)


def fts5_bm25(records: Iterable[Record], queries: Iterable[Query], limit: int) -> Ranked:
    """SQLite FTS5's bm25 over the records (see the module docstring)."""
    db = sqlite3.connect(":memory:")
    try:
        db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, text,"
            " tokenize='porter unicode61')"
        )
        db.executemany("INSERT INTO docs VALUES (?, ?, ?)", records)
        sql = "SELECT id, bm25(docs) FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?"
        for qid, text in queries:
            words = _WORD.findall(text)
            if not words:
                continue
            match = " OR ".join(f'"{word}"' for word in words)
            for doc, score in db.execute(sql, (match, limit)):
                yield qid, doc, -float(score)  # bm25() is lower for better matches
    finally:
        db.close()
