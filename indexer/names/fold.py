"""Folding one word of a name to the form that is indexed and queried.

Latin script: case, diacritics, the apostrophe-like marks of transliteration (ʿ ʾ ' ’ ‘ ` ´),
a possessive 's. Arabic script: harakat and tatweel removed, alef forms unified (أ إ آ ٱ → ا),
ta marbuta → ha, alef maqsura → ya, hamza carriers (ؤ → و, ئ → ي, ء dropped), Persian letter
forms (ی ک) unified, and the article ال dropped. Articles written before a Latin word (al-, Al ,
ash-...) and hyphens are the tokenizer's business (`indexer.names.tokens`), since they sit
between words. Every rule can be switched off through `Folding`, for the evaluation only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from indexer.names.stopwords import (
    ARABIC_STOPWORDS,
    ENGLISH_STOPWORDS,
    NAME_PARTICLES,
    word_list,
)

APOSTROPHES = "ʿʾ'’‘`´ʼʻ"
"""Marks of transliteration removed inside Latin words (Asa'ib, Khazʿali, Shi'ite)."""

_HARAKAT = (
    "".join(chr(c) for c in range(0x064B, 0x0660))
    + "\u0670"
    + "".join(chr(c) for c in range(0x06D6, 0x06EE))
)
_TATWEEL = "\u0640"
_LATIN_SPECIAL = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
    }
)
_PARTICLE_FORMS = {"ibn": "bin", "abou": "abu"}
_CONTRACTED = frozenset(
    word_list(
        "i you we they he she it that there what who don can won didn doesn isn wasn aren weren "
        "couldn wouldn shouldn haven hasn hadn ain"
    )
)
_ARABIC_PARTICLE_FORMS = {"ابن": "بن"}


@dataclass(frozen=True)
class Folding:
    """Which normalisation rules apply. The defaults are the product's; the others serve
    `bench/names_eval.py`, which measures what each rule adds."""

    case: bool = True
    diacritics: bool = True
    apostrophes: bool = True
    possessive: bool = True
    articles: bool = True
    harakat: bool = True
    alef: bool = True
    ta_marbuta: bool = True
    alef_maqsura: bool = True
    hamza: bool = True
    arabic_article: bool = True


DEFAULT_FOLDING = Folding()


def is_arabic(word: str) -> bool:
    """True when the word starts with a letter of the Arabic block."""
    return bool(word) and "\u0600" <= word[0] <= "\u06ff"


def strip_diacritics(word: str) -> str:
    """Latin letters without accents: é → e, ğ → g, ø → o, ß → ss."""
    word = word.translate(_LATIN_SPECIAL)
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def latin_folder(folding: Folding = DEFAULT_FOLDING) -> Callable[[str], str | None]:
    """A function folding one Latin-script word; None for a stop word."""
    drop = str.maketrans("", "", APOSTROPHES) if folding.apostrophes else None
    stops = ENGLISH_STOPWORDS if folding.case else _cased(ENGLISH_STOPWORDS)

    def fold(word: str) -> str | None:
        if folding.possessive and word[-2:] in ("'s", "’s", "'S", "’S"):
            word = word[:-2]
        if _is_contraction(word):
            return None
        if drop is not None:
            word = word.translate(drop)
        if folding.diacritics:
            word = strip_diacritics(word)
        if folding.case:
            word = word.lower()
        if not word or word in stops:
            return None
        return _PARTICLE_FORMS.get(word, word)

    return fold


def _is_contraction(word: str) -> bool:
    """I'm, We'll, Don't: an English contraction, not a name (Sa'd is a name)."""
    for mark in "'’":
        head, found, _ = word.partition(mark)
        if found and head.lower() in _CONTRACTED:
            return True
    return False


def _cased(words: frozenset[str]) -> frozenset[str]:
    return words | {w.capitalize() for w in words} | {w.upper() for w in words}


def _arabic_tables(folding: Folding) -> tuple[dict[int, str | None], dict[int, str | None]]:
    """Two translation tables: letters and marks first, then the hamza-bearing alefs."""
    first: dict[str, str | None] = {"ٱ": "ا", "ی": "ي", "ک": "ك", "ھ": "ه", "ۀ": "ه", "ە": "ه"}
    first["\u200c"] = None  # the zero-width non-joiner inside Persian words
    if folding.harakat:
        first.update(dict.fromkeys(_HARAKAT + _TATWEEL))
    if folding.ta_marbuta:
        first["ة"] = "ه"
    if folding.alef_maqsura:
        first["ى"] = "ي"
    if folding.hamza:
        first.update({"ؤ": "و", "ئ": "ي", "ء": None})
    second: dict[str, str | None] = dict.fromkeys("أإآ", "ا") if folding.alef else {}
    return str.maketrans(first), str.maketrans(second)


_PERSIAN_HEH_YE = re.compile("(?<=..)ه\u200c?ا[یيى]\\Z")
"""A final silent he, the non-joiner (often left out) and ای: Persian writes so what Arabic
writes ئي."""
_PERSIAN_YE_ENDS = ("ای", "اي", "اى")


def arabic_folder(folding: Folding = DEFAULT_FOLDING) -> Callable[[str], str | None]:
    """A function folding one Arabic-script word; None for a stop word.

    Stop words are compared before the alef forms and the final ى are unified: the list holds
    their usual spellings, the name آنا (Anna) is not the pronoun أنا, and the name علي (Ali)
    is not the preposition على.
    """
    first, second = _arabic_tables(folding)
    marks = {code: to for code, to in first.items() if code != ord("ى")}
    stops = frozenset(w.translate(marks) for w in ARABIC_STOPWORDS)

    def fold(word: str) -> str | None:
        if word.endswith(_PERSIAN_YE_ENDS):  # Persian خامنه‌ای (خامنهای) is Arabic's خامنئي
            word = _PERSIAN_HEH_YE.sub("ئي", word)
        letters = word.translate(first)
        if not letters or word.translate(marks) in stops:
            return None
        # The article is a bare alef + lam; an alef with hamza (ألان, Alan) is a letter.
        article = folding.arabic_article and letters.startswith("ال") and len(letters) > 3
        letters = letters.translate(second)
        if article:
            letters = letters[2:]
        return _ARABIC_PARTICLE_FORMS.get(letters, letters)

    return fold


_DEFAULT_LATIN = latin_folder()
_DEFAULT_ARABIC = arabic_folder()


def fold_word(word: str) -> str | None:
    """Fold one word of either script with the default rules; None for a stop word.

    Articles before the word (al-) and hyphens are not handled here: see `fold_name`.
    """
    if not word:
        return None
    return _DEFAULT_ARABIC(word) if is_arabic(word) else _DEFAULT_LATIN(word)


def same_word_forms(term: str, folding: Folding = DEFAULT_FOLDING) -> tuple[str, ...]:
    """A folded term and the forms an index may hold for the same word written otherwise.

    Only Arabic has one: the article is dropped when written with a bare alef (الكسندر → كسندر)
    but not with a hamza (ألكسندر, a letter of the name), so a query looks for both.
    """
    if not is_arabic(term) or not folding.arabic_article:
        return (term,)
    if term.startswith("ال") and len(term) > 3:
        return (term, term[2:])
    return (term, "ال" + term)


_ARTICLE_CLITICS = ("و", "ف", "ب", "ك", "وب", "فب", "وك")
"""Conjunctions and prepositions written fused before the article: والنجباء, بالنجباء."""
_LAM_CLITICS = ("ل", "ول", "فل")
"""ل before the article drops its alef: للنجباء, وللنجباء."""
_BARE_CLITICS = (("و", 3), ("ف", 4), ("ب", 4), ("ل", 4), ("وب", 4), ("ول", 4))
"""Clitics fused to a word without the article (وحزب, فهنية, لحزب), with the shortest word they may
stand before: on short words they would make other words (ك + امل = كامل, Kamil)."""


def clitic_forms(term: str) -> tuple[str, ...]:
    """The forms an index holds for a folded Arabic word with a conjunction or preposition
    fused before it (و ف ب ل ك, with or without the article): نجبا → والنجبا, بالنجبا, للنجبا...

    The index keeps such words whole; a query looks for these forms as well. Empty for a
    Latin word.
    """
    if not is_arabic(term):
        return ()
    forms = [clitic + "ال" + term for clitic in _ARTICLE_CLITICS]
    forms += [clitic + "ل" + term for clitic in _LAM_CLITICS]
    forms += [clitic + term for clitic, shortest in _BARE_CLITICS if len(term) >= shortest]
    return tuple(forms)


def clitic_bases(term: str) -> tuple[str, ...]:
    """The words a folded Arabic word may be with a fused clitic taken off (والنجبا → نجبا,
    وحزب → حزب): the inverse of `clitic_forms`, for finding variants of the bare word."""
    if not is_arabic(term):
        return ()
    bases = [term[len(c) + 2 :] for c in _ARTICLE_CLITICS if term.startswith(c + "ال")]
    bases += [term[len(c) + 1 :] for c in _LAM_CLITICS if term.startswith(c + "ل")]
    if not bases:  # with the article, the article reading is the one (والنجبا, not و + النجبا)
        bases = [term[len(c) :] for c, _ in _BARE_CLITICS if term.startswith(c)]
    return tuple(
        dict.fromkeys(base for base in bases if len(base) >= 3 and term in clitic_forms(base))
    )


def is_particle(term: str) -> bool:
    """True for folded particles inside Arabic names (bin, abu, umm...)."""
    return term in NAME_PARTICLES or term in ("بن", "ابو", "ام", "بنت")
