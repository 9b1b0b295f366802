"""Keyword analysis: how passage text becomes index terms, for indexing, queries and highlights.

One pass per token: a regex finds words (Latin, Arabic with its vowel marks, apostrophes inside
words), and a cached fold turns each surface form into its term: lower case, accents and Arabic
vowel marks dropped, Arabic letter forms unified, apostrophes removed, stop words dropped, English
(Porter) stemming. The cache maps a surface form straight to its term, so a word seen before costs
one dict look-up: the analyzer's Python work per token is what bounds indexing speed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Analyzer, Token
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

# Arabic marks that may sit inside a word: harakat, superscript alef, Quranic marks, tatweel.
_ARABIC_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_WORD_CHAR = rf"[\w{_ARABIC_MARKS}]"
WORD_PATTERN = re.compile(rf"{_WORD_CHAR}+(?:(?:['’‘ʼ]|(?<=\d)[.,](?=\d)){_WORD_CHAR}+)*")

_STOP_LIST = """a an and are as at be but by for if in into is it no not of on or such that the
their then there these they this to was will with"""
STOP_WORDS = frozenset(_STOP_LIST.split())


def _fold_table() -> dict[int, Any]:
    table: dict[int, Any] = dict(accent_map)
    for code in range(0x0610, 0x061B):
        table[code] = None
    for code in range(0x064B, 0x0660):
        table[code] = None
    for code in (0x0670, 0x0640, ord("'"), ord("’"), ord("‘"), ord("ʼ")):
        table[code] = None
    for code in range(0x06D6, 0x06EE):
        table[code] = None
    table.update({ord(c): "ا" for c in "أإآٱ"})
    table.update({ord("ى"): "ي", ord("ی"): "ي", ord("ة"): "ه", ord("ک"): "ك"})
    table.update({ord("ؤ"): "و", ord("ئ"): "ي"})
    return table


FOLD_TABLE = _fold_table()


def fold(word: str) -> str:
    """Lower case, accents and Arabic marks removed, letter forms unified (no stemming)."""
    return word.lower().translate(FOLD_TABLE)


class TermCache:
    """Surface form → index term (or None for a stop word), bounded in size."""

    def __init__(self, limit: int = 200_000) -> None:
        self.limit = limit
        self.terms: dict[str, str | None] = {}

    def term(self, surface: str) -> str | None:
        try:
            return self.terms[surface]
        except KeyError:
            pass
        folded = fold(surface)
        term: str | None = None
        if folded and folded not in STOP_WORDS:
            term = stem(folded) if folded.isascii() else folded
        if len(self.terms) >= self.limit:
            self.terms.clear()
        self.terms[surface] = term
        return term


_CACHE = TermCache()


def keyword_terms(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield (term, start, end) for each indexed word of `text`, in order."""
    term_of = _CACHE.term
    for match in WORD_PATTERN.finditer(text):
        term = term_of(match.group())
        if term is not None:
            yield term, match.start(), match.end()


class KeywordAnalyzer(Analyzer):
    """The Whoosh analyzer for passage text and titles, built on `keyword_terms`."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        term_of = _CACHE.term
        pos = start_pos
        for match in WORD_PATTERN.finditer(value):
            surface = match.group()
            term = term_of(surface)
            if term is None:
                # Stop words take no position: the query side drops them too, so a phrase
                # such as "Secretary of State" still finds its words next to each other.
                continue
            token.text = term
            token.stopped = False
            token.boost = 1.0
            if keeporiginal:
                token.original = surface
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            pos += 1
            yield token
