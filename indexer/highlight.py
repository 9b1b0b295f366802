"""Where a query matched inside a passage: character spans, by the index's own analysis."""

from __future__ import annotations

from collections.abc import Collection

from indexer.analysis import keyword_terms


def term_spans(text: str, terms: Collection[str]) -> list[tuple[int, int]]:
    """The [start, end) span of every word of `text` whose index term is in `terms`."""
    if not terms:
        return []
    return [(start, end) for term, start, end in keyword_terms(text) if term in terms]


def excerpt_window(text: str, spans: list[tuple[int, int]], width: int = 240) -> tuple[int, int]:
    """A window of about `width` characters of `text` holding the most matched words,
    starting and ending at word boundaries: where an excerpt should be cut."""
    if len(text) <= width:
        return 0, len(text)
    best_start, best_count = 0, 0
    for index, (start, _end) in enumerate(spans):
        count = sum(1 for other, _ in spans[index:] if other < start + width)
        if count > best_count:
            best_start, best_count = start, count
    start = max(0, best_start - width // 4)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < best_start else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end
