"""Where a query matched inside a passage: character spans, by the index's own analysis."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from indexer.analysis import (
    STOP_MARK,
    WORD_PATTERN,
    compound_terms,
    keyword_terms,
    written_terms,
)

Span = tuple[int, int]
PhraseSpec = tuple[tuple[str, ...], int | None]
"""A phrase's index terms, and None for words in a row or N for within N words in any order."""


@dataclass(frozen=True)
class MatchSpans:
    """What to highlight: single words (index terms), and phrases where all their words are."""

    words: frozenset[str] = frozenset()
    phrases: tuple[PhraseSpec, ...] = ()

    def spans(self, text: str) -> list[Span]:
        """The [start, end) spans of `text` that matched, in order, without repeats."""
        spans: set[Span] = set()
        if self.phrases:  # every word, stop words too: they keep a phrase's words apart
            every = list(written_terms(text))
            tokens = [token for token in every if not token[0].startswith(STOP_MARK)]
            for terms, slop in self.phrases:
                found = phrase_positions(every, terms, slop)
                spans.update((every[index][1], every[index][2]) for index in found)
        else:
            tokens = list(keyword_terms(text))
        spans.update((start, end) for term, start, end in tokens if term in self.words)
        if self.words:  # email found in "e-mail": its two words
            for term, start, end in compound_terms(text):
                if term in self.words:
                    spans.update(match.span() for match in WORD_PATTERN.finditer(text, start, end))
        return sorted(spans)


def phrase_positions(
    tokens: list[tuple[str, int, int]], terms: tuple[str, ...], slop: int | None
) -> set[int]:
    """Indexes of `tokens` that form the phrase `terms`: in a row (slop None), or all of them
    within `slop` words of each other in any order."""
    if slop is None:
        width = len(terms)
        return {
            start + offset
            for start in range(len(tokens) - width + 1)
            if tuple(term for term, _, _ in tokens[start : start + width]) == terms
            for offset in range(width)
        }
    wanted = set(terms)
    found = [index for index, (term, _, _) in enumerate(tokens) if term in wanted]
    reach = max(slop, 1) * (len(wanted) - 1)
    marked: set[int] = set()
    for left, first in enumerate(found):
        window = [index for index in found[left:] if index - first <= reach]
        if {tokens[index][0] for index in window} >= wanted:
            marked.update(window)
    return marked


def term_spans(text: str, terms: Collection[str]) -> list[Span]:
    """The [start, end) span of every word of `text` whose index term is in `terms`."""
    if not terms:
        return []
    return [(start, end) for term, start, end in keyword_terms(text) if term in terms]


def excerpt_window(text: str, spans: list[Span], width: int = 240) -> tuple[int, int]:
    """A window of about `width` characters of `text` centred on the stretch holding the most
    matched words, starting and ending at word boundaries: where an excerpt should be cut."""
    if len(text) <= width:
        return 0, len(text)
    first, last = _densest(spans, width)
    start = min(max(0, (first + last - width) // 2), len(text) - width)
    end = start + width
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", max(last, start), end)
        end = space if space > start else end
    return start, end


def _densest(spans: list[Span], width: int) -> Span:
    """From the start of the first to the end of the last of the most spans that fit in
    `width` characters; (0, 0) without spans."""
    best: Span = (0, 0)
    best_count = 0
    for index, (start, _end) in enumerate(spans):
        inside = [span for span in spans[index:] if span[1] <= start + width]
        if len(inside) > best_count:
            best, best_count = (start, inside[-1][1]), len(inside)
    return best
