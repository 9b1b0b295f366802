"""Keyword analysis: how passage text becomes index terms, for indexing, queries and highlights.

One pass per token: a regex finds words (Latin, Arabic with its vowel marks, apostrophes inside
words), and a cached fold turns each surface form into its term: lower case, accents and Arabic
vowel marks dropped, Arabic letter forms unified, apostrophes removed, stop words dropped, English
stemming (Snowball's English stemmer, "Porter2", by PyStemmer: Snowball's own C code, about 50
times faster than Whoosh's pure-Python copy, which also strays from the algorithm: it stems
"added" to "ad"). The cache maps a surface form straight to its term, so a word seen before
costs one dict look-up: the analyzer's Python work per token is what bounds indexing speed.

The stemmer and the stop list were chosen on relevance judgments (docs/relevance.md): Porter2
over Porter, and an English stop list of function words (pronouns, auxiliaries, question words)
over Lucene's 33 words. `use_terms` switches to another choice for those experiments only.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
import weakref
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import Stemmer
from whoosh.analysis import Analyzer, Token
from whoosh.lang.porter import stem as porter_stem
from whoosh.support.charset import accent_map

# Arabic marks that may sit inside a word: harakat, superscript alef, Quranic marks, tatweel.
# The zero-width non-joiner sits inside Persian (and Indic) words: خامنه‌ای.
_ARABIC_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c"
_WORD_CHAR = rf"[\w{_ARABIC_MARKS}]"
WORD_PATTERN = re.compile(rf"{_WORD_CHAR}+(?:(?:['’‘ʼ]|(?<=\d)[.,](?=\d)){_WORD_CHAR}+)*")

# Two words joined by a hyphen, not part of a longer chain (e-mail, co-operation, anti-war;
# not mother-in-law, not 2004-05): also indexed as one word (email), as they are often written.
_COMPOUND = re.compile(r"(?<![\w-])([^\W\d_]+)[-\u2010\u2011]([^\W\d_]+)(?![\w-])")
_HYPHENS = ("-", "\u2010", "\u2011")

# Lucene's English stop words (the list Anserini's BM25 baselines use).
_LUCENE_LIST = """a an and are as at be but by for if in into is it no not of on or such that the
their then there these they this to was will with"""
LUCENE_STOP_WORDS = frozenset(_LUCENE_LIST.split())
# The NLTK/Snowball English list, less "who" (WHO) and "don" (a name; "don't" is one word here).
_ENGLISH_LIST = """
a about above after again against all am an and any are as at be because been before being
below between both but by can did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me
more most my myself no nor not now of off on once only or other our ours ourselves out over own
s same she should so some such t than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while whom
why will with you your yours yourself yourselves"""
ENGLISH_STOP_WORDS = frozenset(_ENGLISH_LIST.split())
STOP_WORDS = ENGLISH_STOP_WORDS
STOP_LISTS: Mapping[str, frozenset[str]] = {
    "english": ENGLISH_STOP_WORDS,
    "lucene": LUCENE_STOP_WORDS,
    "none": frozenset(),
}
STEMMERS: Mapping[str, Callable[[str], str]] = {
    "porter2": Stemmer.Stemmer("english").stemWord,
    "porter": porter_stem,
    "none": str,
}


def _fold_table() -> dict[int, Any]:
    table: dict[int, Any] = dict(accent_map)
    for code in range(0x0610, 0x061B):
        table[code] = None
    for code in range(0x064B, 0x0660):
        table[code] = None
    # Apostrophes, and the ayn and hamza marks of transliteration (ʿAbd, Qurʾan).
    for code in (0x0670, 0x0640, *map(ord, "'’‘ʼʿʾʻ")):
        table[code] = None
    for code in range(0x06D6, 0x06EE):
        table[code] = None
    table[0x200C] = None
    # Combining accents left after lower case (İ lowers to i and a combining dot above).
    for code in range(0x0300, 0x0370):
        table[code] = None
    table.update({ord(c): "ا" for c in "أإآٱ"})
    table.update({ord("ى"): "ي", ord("ی"): "ي", ord("ة"): "ه", ord("ک"): "ك"})
    table.update({ord("ؤ"): "و", ord("ئ"): "ي"})
    # Letters that decomposition leaves alone, written as their usual Latin spelling
    # (Whoosh's accent map has ß as s and leaves æ and œ), and Greek's final sigma.
    spelled = {"ß": "ss", "ẞ": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ς": "σ"}
    table.update({ord(char): letters for char, letters in spelled.items()})
    return table


# Blocks whose letters fold by Unicode decomposition, accents dropped: Latin, Greek, Cyrillic
# ё, ligatures (ﬁ in PDFs), full-width forms and Arabic presentation forms. Scripts whose marks
# are letters' parts (Indic vowel signs, kana voicing, Hangul jamo, Cyrillic й) are left alone.
_DECOMPOSED = re.compile(
    "[\u00c0-\u024f\u1e00-\u1eff\u0370-\u03ff\u1f00-\u1fff\u0450\u0451\u0400\u0401"
    "\ufb00-\ufb06\ufb50-\ufdff\ufe70-\ufeff\uff00-\uffef]"
)


class _FoldTable(dict[int, Any]):
    """FOLD_TABLE, with every other character's fold worked out the first time it is met."""

    def __missing__(self, code: int) -> Any:
        char = chr(code)
        folded: Any = char
        if _DECOMPOSED.match(char):
            parts = unicodedata.normalize("NFKD", char).lower()
            base = "".join(p for p in parts if not unicodedata.combining(p))
            folded = base.translate(self) if base != char else char
        self[code] = folded
        return folded


FOLD_TABLE = _FoldTable(_fold_table())


def fold(word: str) -> str:
    """Lower case, accents and Arabic marks removed, letter forms unified (no stemming)."""
    return word.lower().translate(FOLD_TABLE)


@dataclass(frozen=True)
class TermChoices:
    """The stemmer and stop list that make terms: names from STEMMERS and STOP_LISTS."""

    stemmer: str = "porter2"
    stop_words: str = "english"


@dataclass
class _InUse:
    stem: Callable[[str], str]
    stops: frozenset[str]

    @classmethod
    def of(cls, choices: TermChoices) -> _InUse:
        return cls(STEMMERS[choices.stemmer], STOP_LISTS[choices.stop_words])


DEFAULT_TERMS = TermChoices()
_in_use = _InUse.of(DEFAULT_TERMS)


def stem_word(word: str) -> str:
    """A folded ASCII word's stem, by the stemmer that makes the index's terms."""
    return _in_use.stem(word) or word


# The article, alone or after a conjunction or preposition written onto it (و ب ك ف ل), as
# Lucene's light Arabic stemmer removes it: الصدر, والصدر, بالصدر and للصدر are all صدر.
# Only prefixes: a suffix rule would cut names (خزعلي), and Snowball's Arabic stemmer cuts
# letters of words (بغداد → غداد, فلسطين → لسط).
_ARABIC_ARTICLE = re.compile("^(?:[وبكف]?ال|لل)(?=[\u0621-\u064a]{3})")
_ARABIC_ARTICLE_OF_PREFIX = re.compile("^(?:[وبكف]?ال|لل)(?=[\u0621-\u064a]{2})")


def arabic_base(word: str, *, prefix: bool = False) -> str:
    """A folded Arabic word without its article (and a particle before it); others as they
    are. The start of a word typed as a prefix (الصد*) keeps two letters after it, not three."""
    if not "\u0621" <= word[:1] <= "\u064a":
        return word
    return (_ARABIC_ARTICLE_OF_PREFIX if prefix else _ARABIC_ARTICLE).sub("", word, count=1)


_POSSESSIVE = re.compile(r"(?<=\w)['’ʼ][sS]\Z|(?<=[sS])['’ʼ]\Z")


def _without_possessive(word: str) -> str:
    """`word` without a possessive ending ('s, or ' after an s), which folding would otherwise
    make part of it: boss's had been the term bosss, 2004's 2004s."""
    if "'" not in word and "’" not in word and "ʼ" not in word:
        return word
    return _POSSESSIVE.sub("", word)


_caches: weakref.WeakSet[TermCache] = weakref.WeakSet()


class TermCache:
    """Surface form → index term (or None for a stop word), bounded in size."""

    def __init__(self, limit: int = 200_000) -> None:
        self.limit = limit
        self.terms: dict[str, str | None] = {}
        _caches.add(self)

    def term(self, surface: str) -> str | None:
        try:
            return self.terms[surface]
        except KeyError:
            pass
        folded = fold(_without_possessive(surface))
        term: str | None = None
        if folded and folded not in _in_use.stops:
            term = (_in_use.stem(folded) or folded) if folded.isascii() else arabic_base(folded)
        if len(self.terms) >= self.limit:
            self.terms.clear()
        self.terms[surface] = term
        return term

    def terms_of(self, words: list[str]) -> list[str | None]:
        """The term of each of `words`: each new word made once, the rest looked up (in a
        passage with one new word, the others cost a look-up, not a call each)."""
        term = self.term
        for word in set(words).difference(self.terms):
            term(word)
        try:
            return list(map(self.terms.__getitem__, words))
        except KeyError:  # the cache filled up and was cleared on the way
            return [term(word) for word in words]


@contextlib.contextmanager
def use_terms(choices: TermChoices) -> Iterator[None]:
    """Make terms with another stemmer and stop list inside the block, for relevance experiments
    (bench/relevance.py) only: an index made so does not match its format's analysis."""
    global _in_use
    saved, _in_use = _in_use, _InUse.of(choices)
    _clear_caches()
    try:
        yield
    finally:
        _in_use = saved
        _clear_caches()


def _clear_caches() -> None:
    for cache in list(_caches):
        cache.terms.clear()


_CACHE = TermCache()


def _compounds(text: str) -> dict[int, tuple[str, int]]:
    """For each two-word hyphenated compound of `text` (see _COMPOUND): where its second word
    starts → (the compound's term, where its first word starts)."""
    found = {}
    for match in _COMPOUND.finditer(text):
        term = _compound_term(match)
        if term is not None:
            found[match.start(2)] = (term, match.start())
    return found


def _compound_term(match: re.Match[str]) -> str | None:
    """The term of a compound written as one word, unless stemming makes it one of its own
    words' (Khazali-al → khazali)."""
    term_of = _CACHE.term
    term = term_of(match.group(1) + match.group(2))
    if term is None or term in (term_of(match.group(1)), term_of(match.group(2))):
        return None
    return term


def compound_positions(text: str) -> list[tuple[str, int]]:
    """(term, position) of each compound's extra term, as KeywordAnalyzer places it: at the
    position of its second word (for indexing without the analyzer)."""
    if not any(hyphen in text for hyphen in _HYPHENS):
        return []
    joined = _compounds(text)
    if not joined:
        return []
    term_of = _CACHE.term
    return [
        (joined[match.start()][0], pos)  # (a stop word takes a position too)
        for pos, match in enumerate(WORD_PATTERN.finditer(text))
        if match.start() in joined and term_of(match.group()) is not None
    ]


def compound_terms(text: str) -> Iterator[tuple[str, int, int]]:
    """(term, start, end) of each two-word hyphenated compound of `text`, as one word: the
    extra terms the index holds for e-mail (email), co-operation (cooper)."""
    if not any(hyphen in text for hyphen in _HYPHENS):
        return
    for match in _COMPOUND.finditer(text):
        term = _compound_term(match)
        if term is not None:
            yield term, match.start(), match.end()


STOP_MARK = "\x00"
"""Before a stop word in `phrase_words`: stop words are no index terms, so they never equal one."""


def written_terms(text: str) -> Iterator[tuple[str, int, int]]:
    """(word, start, end) for each word of `text` as a phrase compares it: its index term, or
    a stop word (which the index leaves out) folded, after STOP_MARK."""
    term_of = _CACHE.term
    for match in WORD_PATTERN.finditer(text):
        term = term_of(match.group())
        yield (
            term if term is not None else STOP_MARK + fold(match.group()),
            match.start(),
            match.end(),
        )


def phrase_words(text: str) -> list[str]:
    """Each word of `text` as a phrase compares it (see `written_terms`)."""
    return [word for word, _, _ in written_terms(text)]


def holds_phrase(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` holds `words` (from `phrase_words`) side by side, stop words included."""
    found = phrase_words(text)
    first, length = words[0], len(words)
    return any(
        found[i] == first and tuple(found[i : i + length]) == words
        for i in range(len(found) - length + 1)
    )


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
        joined = _compounds(value) if any(h in value for h in _HYPHENS) else None
        for match in WORD_PATTERN.finditer(value):
            surface = match.group()
            term = term_of(surface)
            if term is None:
                # A stop word is no term but takes its position: "pleaded guilty" is not in
                # "pleaded not guilty", and "Secretary of State" is a phrase with a gap,
                # its stop word checked against the text (query_plan.WrittenPhrase).
                pos += 1
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
            yield token
            if joined and match.start() in joined:  # e-mail: email too, where mail stands
                compound, first = joined[match.start()]
                token.text = compound
                if keeporiginal:
                    token.original = value[first : match.end()]
                if chars:
                    token.startchar = start_char + first
                yield token
            pos += 1
