"""Questions asked of the index: ranked passage search, returned as plain Hit dataclasses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from whoosh import scoring
from whoosh.qparser import MultifieldParser, OrGroup
from whoosh.query import Query
from whoosh.searching import Searcher

from indexer import store
from indexer.errors import BadQuery
from indexer.highlight import term_spans
from indexer.models import Hit

SEARCH_FIELDS = ("title", "text")
# Any one word of the query is enough to match. Do NOT use OrGroup.factory(scale) for a
# coordination bonus: Whoosh's CoordMatcher multiplies every score by (terms - 1) / terms, so a
# query that reduces to one existing term (one word, absent from every title) scores 0 for every
# passage and the ranking is lost (regression test: test_one_word_query_is_ranked).


class IndexSession:
    """An open index and one searcher, reused for every query of a process (the shell keeps
    one for its whole life); it picks up new commits when asked to `refresh`."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self.index = store.open_index(location)
        self.searcher: Searcher = self.index.searcher(weighting=ranking())
        self.parser = MultifieldParser(list(SEARCH_FIELDS), self.index.schema, group=OrGroup)

    def refresh(self) -> None:
        """See the latest committed state of the index."""
        self.searcher = self.searcher.refresh()

    def close(self) -> None:
        self.searcher.close()

    def __enter__(self) -> IndexSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def parse(self, text: str) -> Query:
        """The Whoosh query for a user's query text; raises BadQuery when it has no words."""
        if not text.strip():
            raise BadQuery("empty query", hint="give some words to search for")
        return self.parser.parse(text)

    def search(self, text: str, *, limit: int = 10) -> list[Hit]:
        """The best `limit` passages for the query `text`, best first.

        Words of the query found in a document's title add to the score of its passages, but a
        passage is returned only when the query matches its own text: a title alone would bring
        back every passage of the document. (Whoosh's AndMaybe and Require say this directly,
        but their matchers loop or fail when Whoosh skips blocks by score, so the passages that
        match by their title alone are dropped here, widening the window until `limit` remain.)
        """
        if limit < 1:
            raise BadQuery(f"--limit must be at least 1, not {limit}")
        query = self.parse(text)
        terms = query_terms(query, self.searcher)
        window = limit * 2 + 10
        while True:
            results = self.searcher.search(query, limit=window)
            hits = [to_hit(result.fields(), result.score, terms) for result in results]
            hits = [hit for hit in hits if hit.highlights]
            if len(hits) >= limit or results.scored_length() < window:
                return hits[:limit]
            window *= 4


def ranking() -> scoring.WeightingModel:
    """The default scoring of passages."""
    return scoring.BM25F()


def query_terms(query: Query, searcher: Searcher) -> frozenset[str]:
    """The index terms `query` can match in searched fields, prefixes and fuzzy terms expanded.

    (Query.existing_terms would do this, but it skips every field after the first it sees.)"""
    reader = searcher.reader()
    found = set()
    for leaf in query.leaves():
        for fieldname, term in leaf.expanded_terms(reader, phrases=True):
            if fieldname in SEARCH_FIELDS:
                word = term.decode("utf-8") if isinstance(term, bytes) else term
                if (fieldname, word) in reader:
                    found.add(word)
    return frozenset(found)


def to_hit(stored: dict[str, Any], score: float, terms: frozenset[str]) -> Hit:
    """A Hit from a passage's stored fields."""
    text = stored["text"]
    return Hit(
        doc=stored["doc"],
        path=stored["path"],
        title=stored.get("title", ""),
        date=stored.get("date"),
        passage=stored["passage"],
        line_start=stored["line_start"],
        line_end=stored["line_end"],
        score=round(float(score), 4),
        text=text,
        highlights=term_spans(text, terms),
        page=stored.get("page"),
        char_start=stored.get("start", 0),
        char_end=stored.get("end", 0),
    )


def search(location: Path, text: str, *, limit: int = 10) -> list[Hit]:
    """Open the index at `location` and run one query."""
    with IndexSession(location) as session:
        return session.search(text, limit=limit)
