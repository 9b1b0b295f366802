"""Questions asked of the index: ranked passage search, returned as plain dataclasses.

A query's text is read by `indexer.query_syntax` (text it cannot read is searched as plain words,
with a notice saying so) and planned by `indexer.query_plan`. The passages it selects are found
as a set first, narrowed by dates and without the index's per-file records; then they are ranked
inside that set. Nothing here prints: the results carry what a renderer needs.
"""

from __future__ import annotations

import os.path
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh.query import Query, Term, TermRange

from indexer import query_syntax as syntax
from indexer import store
from indexer.analysis import fold, keyword_terms
from indexer.collector import collector_paused
from indexer.errors import BadQuery, DocumentNotFound, PassagesError
from indexer.highlight import MatchSpans
from indexer.models import DocumentView, Hit, Mention, Place, SearchResults
from indexer.postings import one_query
from indexer.query_plan import (
    TEXT,
    QueryPlan,
    has_words,
    matching_docs,
    plan_query,
    scored_terms,
)
from indexer.ranking import COORDINATION, ScoredTerm, ranking, top_passages
from indexer.vocabulary import Vocabulary

if TYPE_CHECKING:
    from indexer.names.keymap import KeyMap

# Suggestions: words up to this many edits away (one for words of four letters or fewer).
SUGGEST_EDITS = 2
SUGGESTIONS = 3
# How many passages are read to find how documents write a suggested word.
SURFACE_SAMPLES = 5
NOTHING_TO_SEARCH = (
    "nothing to search for: the index leaves out common words such as 'the' and signs"
)


@dataclass(frozen=True)
class DateRange:
    """--since/--until as given (`2023`, `2023-04`, `2023-04-13`); None leaves a side open."""

    since: str | None = None
    until: str | None = None

    def query(self) -> Query | None:
        """The passages whose document's date lies in the range; None when both sides are open.
        Raises BadQuery for a bound that is not a date."""
        if self.since is None and self.until is None:
            return None
        from indexer.dates import parse_date_bound  # here: its patterns cost every search 3 ms

        low = parse_date_bound(self.since, end=False) if self.since else None
        high = parse_date_bound(self.until, end=True) if self.until else None
        if low and high and low > high:
            raise BadQuery(f"--since {self.since} is after --until {self.until}")
        return TermRange("date", low, high)


ANY_DATE = DateRange()


@dataclass(frozen=True)
class _Selection:
    """The passages a query selects (document numbers), and how to rank them."""

    plan: QueryPlan | None
    docnums: frozenset[int]
    node: syntax.Node
    notice: str | None


class IndexSession:
    """An open index and one searcher, reused for every query of a process (the shell keeps
    one for its whole life); it picks up new commits when asked to `refresh`."""

    def __init__(self, location: Path | str) -> None:
        self.location = location = Path(location)
        self.index, self.searcher = store.open_searcher(location, ranking())
        self._vocabulary: Vocabulary | None = None  # for did-you-mean, read on first use
        self._key_maps: dict[int, KeyMap | None] = {}  # for variants, by generation

    def refresh(self) -> None:
        """See the latest committed state of the index (cheap when nothing changed)."""
        self.searcher = self.searcher.refresh()

    def close(self) -> None:
        self.searcher.close()

    def __enter__(self) -> IndexSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- searching -----------------------------------------------------------------------
    def find(
        self,
        text: str,
        *,
        limit: int | None = 10,
        dates: DateRange = ANY_DATE,
        by_document: bool = False,
        fold_copies: bool = False,
        whole_documents: bool = False,
    ) -> SearchResults:
        """The best `limit` passages for the query `text` (all of them with None), best first;
        with `by_document`, the best passage of each of the best `limit` documents. With
        `fold_copies`, a passage whose text a better one has (the same story in two files) is
        not a hit of its own but one of that hit's `copies`. With `whole_documents` (and
        `by_document`), a NOT leaves out documents, not passages: `labour -blair` is the
        passages about labour of documents that never name Blair."""
        if limit is not None and limit < 1:
            raise BadQuery(f"--limit must be at least 1, not {limit}")
        text = without_surrogates(text)
        with collector_paused():
            with one_query():
                selection = self._select(text, dates, whole_documents or by_document)
                copies: dict[int, list[int]] = {}
                if fold_copies:
                    ranked, whole, copies = self._folded(selection, limit, by_document)
                elif by_document:
                    ranked, whole = self._best_per_document(selection, limit)
                else:
                    ranked, whole = self._ranked(selection, limit)
            spans = selection.plan.spans if selection.plan else MatchSpans()
            hits = [
                to_hit(
                    self._stored(docnum),
                    score,
                    spans,
                    None if whole is None else docnum in whole,
                    tuple(self._place(copy) for copy in copies.get(docnum, ())),
                )
                for docnum, score in ranked
            ]
            suggestions = [] if hits else self.suggest(text, selection.node)
        return SearchResults(text, hits, len(selection.docnums), selection.notice, suggestions)

    def search(self, text: str, *, limit: int = 10) -> list[Hit]:
        """The best `limit` passages for the query `text`, best first."""
        return self.find(text, limit=limit).hits

    def count(self, text: str, *, dates: DateRange = ANY_DATE, by_document: bool = False) -> int:
        """How many passages (or documents) the query matches (a NOT leaving out documents,
        when they are counted)."""
        docnums = self._select(text, dates, by_document).docnums
        if not by_document:
            return len(docnums)
        return len({self._stored(docnum)["doc"] for docnum in docnums})

    def read(self, text: str) -> tuple[syntax.Node, str | None]:
        """The syntax tree of `text`, and a notice when it had to be read as plain words or
        holds nothing the index keeps. Raises BadQuery for a query with nothing in it."""
        text = without_surrogates(text)
        if not text.strip():
            raise BadQuery("empty query", hint="give some words to search for")
        text, notice = _without_unread_syntax(text)
        try:
            node = syntax.parse_query(text)
        except syntax.QuerySyntaxError as exc:
            node = syntax.plain_words(text)
            unread = f"could not read the query ({exc}): searched for its words instead"
            notice = f"{notice}; {unread}" if notice else unread
        if not has_words(node):
            notice = (notice + "; " if notice else "") + NOTHING_TO_SEARCH
        return node, notice

    def _select(self, text: str, dates: DateRange, whole_documents: bool = False) -> _Selection:
        node, notice = self.read(text)
        plan = plan_query(node, self.searcher.reader(), COORDINATION)
        if plan is None:
            return _Selection(None, frozenset(), node, notice)
        docnums = matching_docs(plan.match, self.searcher, whole_documents)
        date_query = dates.query()
        if date_query is not None:
            docnums &= matching_docs(date_query, self.searcher)
        docnums -= matching_docs(Term("kind", "file"), self.searcher)
        return _Selection(plan, frozenset(docnums), node, notice)

    def _ranked(
        self, selection: _Selection, want: int | None
    ) -> tuple[list[tuple[int, float]], frozenset[int] | None]:
        """(docnum, score) of the best `want` selected passages; the selected passages that
        `rank` does not score (or all, when nothing is ranked) follow in index order."""
        plan, docnums = selection.plan, selection.docnums
        ranked: list[tuple[int, float]] = []
        first = None
        if plan is not None and plan.rank is not None and docnums:
            if plan.whole is not None:
                first = frozenset(matching_docs(plan.whole, self.searcher)) & docnums
            ranked = [
                (docnum, round(score, 4))
                for docnum, score in self._top(plan.rank, docnums, want, first)
            ]
        if want is None or len(ranked) < want:
            seen = {docnum for docnum, _ in ranked}
            rest = sorted(docnums - seen)[: None if want is None else want - len(ranked)]
            ranked += [(docnum, 0.0) for docnum in rest]
        return ranked, first

    def _top(
        self,
        rank: Query,
        docnums: frozenset[int],
        want: int | None,
        first: frozenset[int] | None = None,
    ) -> list[tuple[int, float]]:
        """The best `want` of `docnums` by `rank`, those of `first` before the others: a
        posting block at a time when the ranking model allows (`ranking.top_passages`), else
        through Whoosh's matchers."""
        terms = scored_terms(rank)
        if terms is not None:
            phrases: dict[Query, frozenset[int]] = {}
            for _, _, phrase, _, _ in terms:
                if phrase is not None and phrase not in phrases:
                    phrases[phrase] = frozenset(matching_docs(phrase, self.searcher))
            scored = [
                ScoredTerm(field, term, None if phrase is None else phrases[phrase], idf_of, scale)
                for field, term, phrase, idf_of, scale in terms
            ]
            best = top_passages(self.searcher, scored, docnums, want, first)
            if best is not None:
                return best
        tiers = [docnums] if first is None else [docnums & first, docnums - first]
        found: list[tuple[int, float]] = []
        for tier in tiers:
            if tier and (want is None or len(found) < want):
                left = None if want is None else want - len(found)
                results = self.searcher.search(rank, limit=left, filter=set(tier))
                found += [(docnum, float(score)) for score, docnum in results.top_n]
        return found

    def _best_per_document(
        self, selection: _Selection, limit: int | None
    ) -> tuple[list[tuple[int, float]], frozenset[int] | None]:
        """The best passage of each document, best documents first, widening the ranked window
        until `limit` documents are found or every selected passage has been seen."""
        window = None if limit is None else limit * 4 + 10
        while True:
            ranked, whole = self._ranked(selection, window)
            best: dict[str, tuple[int, float]] = {}
            for docnum, score in ranked:
                best.setdefault(self._stored(docnum)["doc"], (docnum, score))
            enough = limit is not None and len(best) >= limit
            if enough or window is None or len(ranked) >= len(selection.docnums):
                return list(best.values())[:limit], whole
            window *= 4

    def _folded(
        self, selection: _Selection, limit: int | None, by_document: bool
    ) -> tuple[list[tuple[int, float]], frozenset[int] | None, dict[int, list[int]]]:
        """The best `limit` passages (or documents' best passages) with texts of their own, and
        for each the passages after it with the same text (its spaces aside) in a document of
        the same title: the same story filed twice, not one boilerplate line of two documents
        (a wire's "Shr after preferred divs." under two companies). The ranked window widens
        until `limit` texts are found or every selected passage has been seen."""
        window = None if limit is None else limit + 5
        while True:
            if by_document:
                ranked, whole = self._best_per_document(selection, window)
            else:
                ranked, whole = self._ranked(selection, window)
            kept: list[tuple[int, float]] = []
            copies: dict[int, list[int]] = {}
            first_of: dict[tuple[str, str], int] = {}
            for docnum, score in ranked:
                stored = self._stored(docnum)
                text = (" ".join(stored["text"].split()), stored.get("title", ""))
                if text in first_of:
                    copies[first_of[text]].append(docnum)
                    continue
                first_of[text] = docnum
                copies[docnum] = []
                kept.append((docnum, score))
            enough = limit is not None and len(kept) >= limit
            if enough or window is None or len(ranked) < window:
                return kept[:limit], whole, copies
            window *= 4

    def _place(self, docnum: int) -> Place:
        stored = self._stored(docnum)
        return Place(
            stored["doc"],
            stored["path"],
            stored["passage"],
            stored["line_start"],
            stored.get("page"),
        )

    def _stored(self, docnum: int) -> dict[str, Any]:
        fields: dict[str, Any] = self.searcher.stored_fields(docnum)
        return fields

    # -- did you mean --------------------------------------------------------------------
    def suggest(self, text: str, node: syntax.Node) -> list[str]:
        """Queries like `text` with words the index does not hold replaced by close ones it
        does (as a document spells them), most likely first; empty when there is none."""
        fixes: list[tuple[syntax.Span, list[str]]] = []
        for leaf, negated in syntax.leaves(node):
            if negated or isinstance(leaf, syntax.PathGlob):
                continue
            if isinstance(leaf, syntax.Word) and leaf.mode != "word":
                continue
            field = leaf.field or TEXT
            # A phrase's span starts at its opening quote; a word's at the word.
            offset = leaf.span[0] + (1 if isinstance(leaf, syntax.Phrase) else 0)
            terms = list(keyword_terms(leaf.text))
            for term, start, end in terms:
                if self.searcher.doc_frequency(field, term) == 0:
                    close = self.close_terms(field, {term, fold(leaf.text[start:end])})
                    if not close:
                        continue
                    # A word of one term is replaced whole, signs around it too ("Rajob).
                    whole = isinstance(leaf, syntax.Word) and len(terms) == 1
                    place = leaf.span if whole else (offset + start, offset + end)
                    fixes.append((place, [self.surface(field, term) for term in close]))
        if not fixes:
            return []
        first_span, first_options = fixes[0]
        rest = [(span, options[0]) for span, options in fixes[1:]]
        return [_replaced(text, [(first_span, option), *rest]) for option in first_options]

    def close_terms(self, field: str, forms: set[str]) -> list[str]:
        """The index terms nearest to any of `forms` (a word folded, and its stem), within a
        few edits, commonest first."""
        reader = self.searcher.reader()
        if self._vocabulary is None or self._vocabulary.reader is not reader:
            self._vocabulary = Vocabulary(reader)
        found: dict[str, int] = {}
        for form in forms:
            edits = 1 if len(form) <= 4 else SUGGEST_EDITS
            for other, gap in self._vocabulary.near(field, form, edits):
                if other not in forms and gap < found.get(other, edits + 1):
                    found[other] = gap
        nearest = min(found.values(), default=0)
        ranked = sorted(found, key=lambda t: (-reader.doc_frequency(field, t), t))
        return [term for term in ranked if found[term] == nearest][:SUGGESTIONS]

    def surface(self, field: str, term: str) -> str:
        """How documents most often write the index term `term` (`khazali` → `Khazali`),
        a form without an apostrophe (Khazali's) preferred: in the first few passages that
        hold it (ranking them would cost more than the search that found nothing)."""
        seen: Counter[str] = Counter()
        for docnum in islice(self.searcher.docs_for_query(Term(field, term)), SURFACE_SAMPLES):
            text = self._stored(docnum).get(field, "")
            seen.update(text[a:b] for found, a, b in keyword_terms(text) if found == term)
        if not seen:
            return term
        return max(seen, key=lambda form: ("'" not in form and "’" not in form, seen[form]))

    # -- passages by place ---------------------------------------------------------------
    def neighbours(self, hit: Hit, before: int, after: int, query: str | None = None) -> list[Hit]:
        """The passages of `hit`'s document from `before` passages before it to `after` after
        it, in order, `hit`'s own included; highlights are `query`'s matches."""
        first, last = max(1, hit.passage - before), hit.passage + after
        return self.passages(hit.doc, first, last, self._spans(query))

    def passages(self, doc: str, first: int, last: int, spans: MatchSpans) -> list[Hit]:
        """Passages `first` to `last` of the document `doc`, in order. A document's passages
        are written in order, so they are found by bisection over its passages' numbers (a
        range query over every passage number of the index took 30 ms a call); when the
        numbers are not in order, by reading them all."""
        docnums = sorted(self._docnums("doc", doc))

        def number(at: int) -> int:
            return int(self._stored(docnums[at])["passage"])

        places = range(len(docnums))
        start, end = bisect_left(places, first, key=number), bisect_right(places, last, key=number)
        found = [self._stored(docnums[at]) for at in range(start, end)]
        numbers = [stored["passage"] for stored in found]
        highest = number(len(docnums) - 1) if docnums else 0
        if numbers != list(range(first, min(last, highest) + 1)):
            found = [self._stored(docnum) for docnum in docnums]
            found = sorted(
                (stored for stored in found if first <= stored["passage"] <= last),
                key=lambda stored: stored["passage"],
            )
        return [to_hit(stored, 0.0, spans) for stored in found]

    def show(
        self,
        ref: str,
        base: Path,
        *,
        passage: int | None = None,
        context: int = 2,
        query: str | None = None,
    ) -> DocumentView:
        """A passage of the document `ref` (a document id, or a path relative to `base`, with
        `#N` for passage N) with `context` passages either side. Without a passage number, the
        passage that best matches `query`, else the first."""
        doc, number = self.resolve_document(ref, base, query)
        number = passage if number is None else number
        spans = self._spans(query)
        count = len(self._docnums("doc", doc))
        unmatched = False
        if number is None:
            best = self._best_passage(doc, query) if query else None
            unmatched = bool(query) and best is None
            number = best or 1
        if not 1 <= number <= count:
            raise DocumentNotFound(
                f"{ref.removesuffix(f'#{number}')} has no passage {number}",
                hint=f"its passages are numbered 1 to {count}",
            )
        shown = self.passages(doc, max(1, number - context), number + context, spans)
        head = shown[0]
        return DocumentView(
            head.doc, head.path, head.title, head.date, number, count, shown, unmatched
        )

    def resolve_document(
        self, ref: str, base: Path, query: str | None = None
    ) -> tuple[str, int | None]:
        """The document id `ref` names, and the passage number after `#` if it gives one, or
        of the passage holding the line after `:` (`report.txt:12`, as a search shows it):
        of those that hold it (a record of a collection is one line), the one that best
        matches `query`, else the first."""
        for name, number in _ref_readings(ref):
            for candidate in _path_forms(name, base):
                if self._docnums("doc", candidate):
                    return candidate, number
                docs = self._docs_at_path(candidate)
                if len(docs) == 1:
                    return docs[0], number
                if docs:
                    raise DocumentNotFound(
                        f"{name} holds {len(docs)} documents",
                        hint=f"give one's id, such as {docs[0]}, or PATH:LINE",
                    )
        at_line = _LINE_REF.match(ref)
        if at_line is not None:
            found = self._passage_at_line(at_line.group(1), int(at_line.group(2)), base, query)
            if found is not None:
                return found
        raise DocumentNotFound(
            f"no document {ref} in the index", hint="give a path or a document id from a search"
        )

    def _passage_at_line(
        self, name: str, line: int, base: Path, query: str | None = None
    ) -> tuple[str, int] | None:
        """(document, passage) of the passage of the file `name` that holds `line` (the one
        that best matches `query` when several do), else the first after it (a blank line
        between two); raises DocumentNotFound past the last."""
        for candidate in _path_forms(name, base):
            after: tuple[int, str, int] | None = None
            last = 0
            holding: list[int] = []
            for docnum in sorted(self._docnums("path", candidate)):
                stored = self._stored(docnum)
                if "passage" not in stored:
                    continue
                first, end = int(stored["line_start"]), int(stored["line_end"])
                if first <= line <= end:
                    holding.append(docnum)
                    continue
                if first > line and (after is None or first < after[0]):
                    after = (first, stored["doc"], int(stored["passage"]))
                last = max(last, end)
            if holding:
                chosen = self._best_of(holding, query) if query and len(holding) > 1 else None
                stored = self._stored(holding[0] if chosen is None else chosen)
                return stored["doc"], int(stored["passage"])
            if after is not None:
                return after[1], after[2]
            if last:
                raise DocumentNotFound(
                    f"{name} has no passage at line {line}",
                    hint=f"its passages end at line {last}",
                )
        return None

    def _best_of(self, docnums: list[int], query: str) -> int | None:
        """Of the passages `docnums`, the one that best matches `query`; None when none does."""
        selection = self._select(query, ANY_DATE)
        among = selection.docnums & frozenset(docnums)
        ranked, _ = self._ranked(replace(selection, docnums=among), 1)
        return ranked[0][0] if ranked else None

    def _docnums(self, field: str, value: str) -> list[int]:
        """The live passages (or records) whose `field` is `value`."""
        return list(self.searcher.docs_for_query(Term(field, value)))

    def _docs_at_path(self, path: str) -> list[str]:
        return sorted({self._stored(docnum)["doc"] for docnum in self._docnums("path", path)})

    def _best_passage(self, doc: str, query: str) -> int | None:
        """The passage of `doc` that best matches `query`; None when none does."""
        best = self._best_of(self._docnums("doc", doc), query)
        return None if best is None else int(self._stored(best)["passage"])

    def _spans(self, query: str | None) -> MatchSpans:
        if not query or not query.strip():
            return MatchSpans()
        node, _ = self.read(query)
        plan = plan_query(node, self.searcher.reader(), COORDINATION)
        return plan.spans if plan else MatchSpans()

    # -- names ---------------------------------------------------------------------------
    def mentions(self, name: str, *, variants: bool = False) -> list[Mention]:
        """Every mention of `name` (the names library's `find_mentions`), on this searcher;
        with `variants`, other spellings too."""
        try:
            from indexer import mentions
        except ImportError as exc:  # the names library is optional to searching
            raise PassagesError("name mentions are not available in this version") from exc
        generation = self.searcher.reader().generation()
        if variants and generation in self._key_maps:
            key_map = self._key_maps[generation]
        else:
            key_map = mentions.names_key_map(
                self.searcher, self.location, generation, variants=variants
            )
            if variants:
                self._key_maps = {generation: key_map}
        found: list[Mention] = mentions.find_mentions(
            self.searcher, name, variants=variants, key_map=key_map
        )
        return found


# Syntax of other search engines that this one does not read: a field it does not have
# (text:wages, author:smith; not title:, path: nor a URL's scheme) and a boost (mourinho^2).
_OTHER_FIELD = re.compile(r"(?<![\w:/.])([A-Za-z]+):(?=[\w\"(])")
_BOOST = re.compile(r"(?<=[\w\")*])\^\d+(?:\.\d+)?(?![\w.])")
_SCHEMES = frozenset({"http", "https", "ftp", "mailto", "file"})
# Field names of other engines and collections, left out with their colon; any other WORD: is a
# word of the query typed against the next (`Iraq:war` is Iraq and war).
_FIELD_NAMES = frozenset(
    ("text", "body", "content", "contents", "date", "year", "author", "by", "subject", "from")
    + ("to", "cc", "id", "url", "site", "tag", "tags", "category", "lang", "language", "source")
    + ("type", "kind", "name", "headline", "field", "fields", "doc", "file", "filename")
    + ("intitle", "inurl", "filetype", "ext", "page", "line", "all", "any")
)


def _without_unread_syntax(text: str) -> tuple[str, str | None]:
    """`text` with fields this index has not and boosts blanked out (the same length, so
    the spans of its words stay), and a notice saying what was left out; (text, None)
    when there is none."""
    if ":" not in text and "^" not in text:
        return text, None
    fields: list[str] = []

    def blank_field(found: re.Match[str]) -> str:
        name = found.group(1).lower()
        if name in syntax.FIELDS or name in _SCHEMES:
            return found.group()
        if name not in _FIELD_NAMES:
            return found.group()[:-1] + " "
        fields.append(f"{found.group(1)}:")
        return " " * len(found.group())

    text = _OTHER_FIELD.sub(blank_field, text)
    boosts = _BOOST.findall(text)
    text = _BOOST.sub(lambda found: " " * len(found.group()), text)
    notes = []
    if fields:
        known = ", ".join(f"{name}:" for name in syntax.FIELDS)
        notes.append(f"no field {', '.join(dict.fromkeys(fields))} here (the fields are {known})")
    if any(name.lower() == "date:" for name in fields):
        notes.append("dates are asked for with --since and --until")
    if boosts:
        notes.append(f"boosts such as {boosts[0]} are not read")
    if not notes:
        return text, None
    return text, "; ".join(notes) + ": searched for the words"


def without_surrogates(text: str) -> str:
    """`text` with lone surrogates (bytes of a command line that were not UTF-8) made U+FFFD:
    they cannot be encoded, and Whoosh encodes every term it looks up."""
    return _SURROGATES.sub("\ufffd", text)


_SURROGATES = re.compile("[\ud800-\udfff]")


def to_hit(
    stored: dict[str, Any],
    score: float,
    spans: MatchSpans,
    all_words: bool | None = None,
    copies: tuple[Place, ...] = (),
) -> Hit:
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
        score=score,
        text=text,
        highlights=spans.spans(text),
        page=stored.get("page"),
        char_start=stored.get("start", 0),
        char_end=stored.get("end", 0),
        fields=stored.get("fields") or {},
        all_words=all_words,
        copies=copies,
    )


def _replaced(text: str, fixes: list[tuple[syntax.Span, str]]) -> str:
    for (start, end), word in sorted(fixes, reverse=True):
        text = text[:start] + word + text[end:]
    return text


_LINE_REF = re.compile(r"(.+?):(\d+)(?::\d+)?:?\Z")
"""PATH:LINE, as a search shows where a passage is (PATH:LINE:COLUMN: as --grep does)."""


def _ref_readings(ref: str) -> Iterator[tuple[str, int | None]]:
    """`ref` as a whole, then as `DOC#N` when it ends so."""
    yield ref, None
    head, sep, tail = ref.rpartition("#")
    if sep and head and tail.isdigit():
        yield head, int(tail)


def _path_forms(name: str, base: Path) -> list[str]:
    """`name` as given, then as a path below `base`: as joined, normalised, and resolved."""
    joined = base / name
    forms = [name, str(joined), os.path.normpath(joined), str(joined.resolve())]
    return list(dict.fromkeys(forms))


def search(location: Path, text: str, *, limit: int = 10, dates: DateRange = ANY_DATE) -> list[Hit]:
    """Open the index at `location` and run one query."""
    with IndexSession(location) as session:
        return session.find(text, limit=limit, dates=dates).hits
