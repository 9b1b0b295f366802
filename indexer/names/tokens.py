"""Finding the words of names in a text: folded terms with word positions and exact spans.

At index time only words that can belong to a name are tokens: capitalised Latin words and
Arabic-script words (Arabic has no capitals). Every other word still takes up its word position,
so a multi-word name matches only as a sequence; punctuation between two words counts as a word,
so "Baghdad. Khazali" is not a sequence. An article before a word (al-, Al , ash-Sh..., AlX) is
not a word: it joins the word's span. A particle of Arabic names (bin, ibn, abu) is a token even
in lower case. At query time every word is a token, in any case.

Spans are character offsets into the text as given, covering the article and a possessive 's:
`text[start:end]` is the surface form as written ("Al-Khazali's").

A few compounds are written as one word or two: عبد الله / عبدالله, حزب الله / Hezbollah,
Abdul Rahman / Abdulrahman, Nasr Allah / Nasrallah, أبو ظبي / أبوظبي, Abu Bakr / Abubakr. For
those, a joined token spanning both words is emitted as well (`pos` of the first word, `last`
of the second).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import NamedTuple

from indexer.names.fold import DEFAULT_FOLDING, Folding, arabic_folder, latin_folder
from indexer.names.stopwords import word_list

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿА-ЯЁΑ-Ω"  # the Latin extension blocks mix cases: checked in code
_ARABIC = "\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06fc"
# (U+200C, the zero-width non-joiner, sits inside Persian words: خامنه‌ای)
_CONT = "[\\w'’ʿʾ\u064b-\u065f\u0670\u06d6-\u06ed\u200c]"
_INDEX_WORD = re.compile(f"[{_UPPER}ʿʾ{_ARABIC}]{_CONT}*")
_QUERY_WORD = re.compile(f"(?:[^\\W\\d_]|[ʿʾ'’]){_CONT}*")
_TAIL = re.compile(
    r"(?:(?<![^\W\d_])(?P<particle>bin|ibn|bint|abu|abou|umm)[ \t]+)?"
    r"(?P<article>(?<![^\W\d_])(?:(?:[AaEeUu][Ll])-|[Aa](?P<sun>dh|th|sh|d|t|s|z|r|n)-"
    r"|[AaEe][Ll][ \t]+|AL[ \t-]|EL[ \t-]))?\Z"
)
_ARTICLE_WORDS = frozenset(
    word_list("al el ul ad adh at ath as ash az ar an Al El Ul Ad Adh At Ath As Ash Az Ar An AL EL")
)
_APOSTROPHE_END = frozenset("'’")
_PREFIX_ENDS = tuple(
    f"{word} " for word in word_list("Al El al el AL EL bin ibn bint abu abou umm")
) + tuple(f"{word}\t" for word in word_list("Al El al el"))
_ADJACENT = " \t\r\n-\u00a0\u2010\u2011"
_LATIN_HEADS = frozenset({"abd", "abdul", "abdel", "abdal", "abdol", "abu"})  # Abou folds to abu
_ARABIC_HEADS = frozenset({"عبد", "ابو"})
_LATIN_GODS = frozenset({"allah", "ullah", "illah", "ollah"})
_AYN_MARKS = frozenset("'’‘`ʻ")  # ʿ and ʾ start an index word by themselves
_AYN_VOWELS = frozenset("AEIOUaeiou")
_QUOTE_CLOSE = re.compile(r"[^\W\d_]['’‘`](?![^\W\d_])")


class NameToken(NamedTuple):
    """One name token: its folded term, word positions (first, last) and span in the text."""

    term: str
    pos: int
    last: int
    start: int
    end: int


class _Word(NamedTuple):
    term: str
    start: int
    end: int
    article: bool
    arabic: bool


@cache
def _folders(folding: Folding) -> tuple[Callable[[str], str | None], Callable[[str], str | None]]:
    """Memoised folding functions (a dict per script) for one set of rules."""
    latin, arabic = latin_folder(folding), arabic_folder(folding)
    latin_memo: dict[str, str | None] = {}
    arabic_memo: dict[str, str | None] = {}

    def fold_latin(word: str) -> str | None:
        try:
            return latin_memo[word]
        except KeyError:
            if len(latin_memo) > 200_000:
                latin_memo.clear()
            term = latin_memo[word] = latin(word)
            return term

    def fold_arabic(word: str) -> str | None:
        try:
            return arabic_memo[word]
        except KeyError:
            if len(arabic_memo) > 200_000:
                arabic_memo.clear()
            term = arabic_memo[word] = arabic(word)
            return term

    return fold_latin, fold_arabic


def _gap_words(gap: str) -> int:
    """How many word positions the text between two name words takes up (0 when adjacent).
    A mark for ʿayn ending the first word is not a word (Mohammed Shia' al-Sudani)."""
    if gap[:1] in _AYN_MARKS:
        gap = gap[1:]
    if not gap.strip(_ADJACENT) and gap.count("\n") < 2:
        return 0
    if len(gap) > 80:
        return 9  # far apart: how far does not matter
    return len(gap.replace("-", " ").split()) + (1 if "\n\n" in gap else 0)


def _is_article_word(raw: str, text: str, end: int, query: bool) -> bool:
    """`Al` in "Al Sadeq" / "Al-Khazali": an article, left to the next word's gap."""
    return (
        raw in _ARTICLE_WORDS
        and text[end : end + 1] in (" ", "-", "\t")
        and (query or raw[0].isupper())
    )


def _read_gap(text: str, gap_start: int, word_start: int, word: str) -> tuple[int, int, int]:
    """Read the text before a word: (words it takes up, article start, particle start).

    The article start is the word's own start when there is no article; the particle start
    is -1 when no particle (bin, abu...) stands just before the word.
    """
    tail = _TAIL.search(text, max(gap_start, word_start - 12), word_start)
    article_start = particle_start = word_start
    if tail is not None and tail.start() < word_start:
        sun = tail.group("sun")
        if tail.group("article") and (sun is None or word.lower().startswith(sun)):
            article_start = tail.start("article")
        particle_start = tail.start("particle") if tail.group("particle") else -1
    else:
        particle_start = -1
    cut = particle_start if particle_start >= 0 else article_start
    return _gap_words(text[gap_start:cut]), article_start, particle_start


def _ayn_before(text: str, start: int) -> bool:
    """'Asaib, al-'Aziz: a mark written for ʿayn just before a capitalised word, part of the
    name as written. Not a quotation mark: 'Zionist Hubris' starts with a consonant, and an
    opening quote is closed later on its line ('Operation Anvil')."""
    if text[start - 1] not in _AYN_MARKS or text[start] not in _AYN_VOWELS:
        return False
    if start >= 2 and text[start - 2].isalnum():
        return False
    line_end = text.find("\n", start, start + 120)
    return _QUOTE_CLOSE.search(text, start, start + 120 if line_end < 0 else line_end) is None


# Two or three initials, each with its full stop (J.K., J. K., H.G.), before a name word.
_INITIALS = re.compile(r"((?:[^\W\d_]\.[ \t]?){1,2}[^\W\d_])\.(?=[ \t]+[^\W\d_])")


def _initial_end(text: str, end: int, raw: str, query: bool) -> int:
    """George W. Bush, Paul A Volcker: where a one-letter initial ends (after its period), or
    -1 when the letter is not one. An initial is followed by a period or by another name word;
    'A' and 'I' without a period are words."""
    after = text[end : end + 3]
    if after[:2] in (". ", ".\n") or after == ".":
        return end + 1
    letter = after[1:2]
    if after[:1] == " " and (letter.isupper() or (query and letter.isalpha())):
        return end if raw not in "AIai" else -1
    return -1


def _compound(prev: _Word, word: _Word) -> str | None:
    """The joined term of two adjacent words written either way (عبد الله, Abdul Rahman,
    أبو بكر, Abu Bakr)."""
    if prev.arabic != word.arabic:
        return None
    if word.arabic:
        if prev.term in _ARABIC_HEADS or (word.term == "له" and word.article):
            return prev.term + ("ال" if word.article else "") + word.term
        return None
    if prev.term in _LATIN_HEADS or word.term in _LATIN_GODS:
        return prev.term + ("al" if word.article else "") + word.term
    return None


def iter_name_tokens(
    text: str, *, query: bool = False, folding: Folding = DEFAULT_FOLDING
) -> Iterator[NameToken]:
    """The name tokens of `text`, in order (a compound comes right after its second word)."""
    fold_latin, fold_arabic = _folders(folding)
    articles = folding.articles
    pos, prev_end = -1, 0
    prev: _Word | None = None
    initials_end = 0
    for match in (_QUERY_WORD if query else _INDEX_WORD).finditer(text):
        start, end = match.span()
        if start < initials_end:
            continue
        raw = match.group()
        first = raw[0]
        gap = text[prev_end:start]
        particle = -1
        if len(raw) == 1 and (query or first.isupper()) and (run := _INITIALS.match(text, start)):
            # J.K. Rowling, J. K. Rowling: one word of the initials, as JK Rowling writes it
            initials_end = end = run.end()
            raw = re.sub(r"[.\s]", "", run.group(1))
        if "\u0600" <= first <= "\u06ff":
            term, arabic, span_start = fold_arabic(raw), True, start
            article = raw.startswith(("ال", "ٱل"))
            skipped = 0 if gap == " " else _gap_words(gap)
        else:
            if not query and (
                (not first.isupper() and first not in "ʿʾ") or (start and text[start - 1].isalnum())
            ):
                continue  # a lower-case word, or a capital inside one (iPhone): left in the gap
            if len(raw) == 1 and (initial := _initial_end(text, end, raw, query)) >= 0:
                if not gap.strip(_ADJACENT) and gap.count("\n") < 2:
                    prev_end = initial  # the name goes on after the initial
                continue
            if not query and start and _ayn_before(text, start):
                start -= 1
                raw = text[start] + raw
                gap = text[prev_end:start]
            if raw[-1] in _APOSTROPHE_END:
                raw = raw.rstrip("'’") or raw
                end = start + len(raw)
            if articles and raw in _ARTICLE_WORDS and text[end : end + 1] in (" ", "-", "\t"):
                continue  # "Al" of "Al Sadeq": read with the next word's gap
            article = articles and raw[:2] in ("Al", "El") and raw[2:3].isupper()
            if article:
                raw = raw[2:]
            term, arabic, span_start = fold_latin(raw), False, start
            if gap == " ":
                skipped = 0
            elif articles and (gap.endswith(_PREFIX_ENDS) or "-" in gap[-4:]):
                skipped, span_start, particle = _read_gap(text, prev_end, start, raw)
                article = article or span_start < start
            else:
                skipped = _gap_words(gap)
        if particle >= 0:
            pos += skipped + 1
            skipped = 0
            particle_end = text.index(" ", particle) if " " in text[particle:start] else start
            particle_term = fold_latin(text[particle:particle_end]) or "bin"
            yield NameToken(particle_term, pos, pos, particle, particle_end)
            prev = _Word(particle_term, particle, particle_end, False, False)
        pos += skipped + 1
        prev_end = end
        if term is None:
            prev = None
            continue
        yield NameToken(term, pos, pos, span_start, end)
        word = _Word(term, span_start, end, article, arabic)
        if prev is not None and skipped == 0 and (joined := _compound(prev, word)):
            yield NameToken(joined, pos - 1, pos, prev.start, end)
        prev = word


def fold_name(name: str) -> str:
    """A name folded as the index folds it, its words joined by spaces.

    "Qais Al-Khazali's", "qais al khazali" and "QAIS AlKhazali" all fold to "qais khazali".
    """
    return " ".join(t.term for t in iter_name_tokens(name, query=True) if t.pos == t.last)
