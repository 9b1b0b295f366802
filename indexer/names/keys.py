"""Consonant-skeleton keys: one shared alphabet for Latin and Arabic spellings of a name.

Stage 1 of variant matching (see docs/names.md). A folded word is read as a sequence of
sound classes — B T D S C(sh) G K X(kh) F L M N R — dropping vowels, h-sounds and the letters
Arabic writes for vowels (ا و ي ع ء ة ح ه). Where a letter can sound two ways (ch, q, ث, ق) or
may be silent (w, a final d/t/s/z after a vowel), each reading is a key; a word has at most
`MAX_KEYS` keys. "Hezbollah", "Hizballah" and "حزبالله" all read SBL; "Nujaba" and "نجبا" NGB.
"""

from __future__ import annotations

import itertools
import re

from indexer.names.fold import is_arabic

MAX_KEYS = 8
KEY_ALPHABET = "BCDFGKLMNRSTX"
FUZZY_MIN = 4
"""Keys of this length or more also match keys one edit away."""

_LATIN_SEGMENT = re.compile(r"tsch|sch|tch|sh|cz|zh|ch|kh|gh|th|dh|ph|dj|ck|ts|tz|.")
_LATIN_CLASSES: dict[str, tuple[str, ...]] = {
    "tsch": ("C",), "sch": ("C", "SK"), "tch": ("C",), "sh": ("C",), "cz": ("C",), "zh": ("S", "G"),
    "ch": ("C", "K", "X"), "kh": ("X",), "gh": ("G",), "th": ("T", "S"), "dh": ("D", "S"),
    "ph": ("F",), "dj": ("G",), "ck": ("K",), "ts": ("S",), "tz": ("S",),
    "c": ("K",), "g": ("G",), "j": ("G",), "x": ("KS",), "q": ("K", "G"), "k": ("K",),
    "v": ("F", ""), "f": ("F",), "w": ("", "F"), "p": ("B",), "b": ("B",), "s": ("S",),
    "z": ("S",), "d": ("D",), "t": ("T",), "l": ("L",), "m": ("M",), "n": ("N",), "r": ("R",),
}  # fmt: skip
_SOFT_C = ("S", "C")
_SOFT_C_BEFORE = frozenset("eiy")
_VOWELS = frozenset("aeiouy")
_DROPPABLE_FINALS = frozenset("dtsz")
_BEFORE_SILENT_FINAL = _VOWELS | {"n"}
_SOFT_J_AFTER = frozenset("bklmnprstvz")
EMPTY_KEY = "-"
"""The key of a word with no consonant (Oya, ايو), so that such names still have candidates."""

_ARABIC_CLASSES: dict[str, tuple[str, ...]] = {
    "ب": ("B",), "پ": ("B",), "ت": ("T",), "ط": ("T",), "ث": ("T", "S"), "د": ("D",),
    "ذ": ("D", "S"), "ض": ("D",), "س": ("S",), "ص": ("S",), "ز": ("S",), "ظ": ("S", "D"),
    "ژ": ("S", "G"), "ش": ("C",), "ج": ("G",), "چ": ("C", "G"), "غ": ("G",), "ق": ("K", "G"),
    "ك": ("K",), "ک": ("K",), "گ": ("G", "K"), "خ": ("X",), "ف": ("F",), "ڤ": ("F",),
    "ل": ("L",), "م": ("M",), "ن": ("N",), "ر": ("R",),
    "ڗ": ("S", "TS"),  # stands for تز and تس (Katz, Plautz)
}  # fmt: skip


def _latin_classes(word: str) -> list[tuple[str, ...]]:
    """The sound classes of a folded Latin word, one tuple of readings per segment."""
    segments = _LATIN_SEGMENT.findall(word)
    readings: list[tuple[str, ...]] = []
    last = len(segments) - 1
    for i, seg in enumerate(segments):
        if seg not in _LATIN_CLASSES:
            continue
        options = _LATIN_CLASSES[seg]
        before = segments[i - 1] if i > 0 else ""
        if seg == "c" and i < last and segments[i + 1] in _SOFT_C_BEFORE:
            options = _SOFT_C
        elif i == last and i > 0 and seg in _DROPPABLE_FINALS and before in _BEFORE_SILENT_FINAL:
            options = (*options, "")  # Dassault, Edmond: a silent final letter
        elif i == last and seg == "c":
            options = ("K", "C")  # Antić, Mihajlović written without the accent
        elif seg == "j" and before in _SOFT_J_AFTER:
            options = ("G", "")  # Zeljko, Bjorn: j read as y
        readings.append(options)
    if word.startswith(("al", "el")) and len(word) > 4 and readings and readings[0] == ("L",):
        readings[0] = ("L", "")  # Alexander / الكسندر: an initial al- may read as an article
    return readings


_INITIAL_VOWELS = {"a": "A", "e": "I", "i": "I", "o": "U", "u": "U", "y": "Y"}
"""How a first vowel may be written otherwise: i or e (Ibrahim, Ebrahim), o or u (Omar, Umar);
an initial a stays a (Ali is not Eli)."""


def initial_sounds(term: str) -> frozenset[str]:
    """The ways a folded Latin word may begin: the class of its first vowel (see
    `_INITIAL_VOWELS`), else the sound classes of its first consonant (q: K or G, as Qaddafi,
    Gaddafi, Kadhafi; c before e or i: S or C), else H or W; empty for Arabic script."""
    if not term or is_arabic(term):
        return frozenset()
    first = term[0]
    if first in _INITIAL_VOWELS:
        return frozenset(_INITIAL_VOWELS[first])
    if first in "hw":
        return frozenset({first.upper(), "F"} if first == "w" else {"H"})
    classes = _latin_classes(term)
    return frozenset(c[0] for c in classes[0] if c) if classes else frozenset()


def _arabic_classes(word: str) -> list[tuple[str, ...]]:
    """The sound classes of a folded Arabic word (تش reads as one sh sound, تز تس as ts)."""
    word = word.replace("تش", "ش").replace("تز", "ڗ").replace("تس", "ڗ")
    return [_ARABIC_CLASSES[ch] for ch in word if ch in _ARABIC_CLASSES]


def _merge_repeats(key: str) -> str:
    return "".join(ch for i, ch in enumerate(key) if i == 0 or key[i - 1] != ch)


def name_keys(term: str) -> tuple[str, ...]:
    """The skeleton keys of one folded word (either script), at most MAX_KEYS, sorted."""
    readings = _arabic_classes(term) if is_arabic(term) else _latin_classes(term)
    keys: set[str] = set()
    for combo in itertools.islice(itertools.product(*readings), 64):
        keys.add(_merge_repeats("".join(combo)) or EMPTY_KEY)
    if any(len(key) > 2 for key in keys):
        keys = {key for key in keys if len(key) > 1}  # a one-letter key would match too much
    return tuple(sorted(keys, key=lambda k: (-len(k), k))[:MAX_KEYS])


def keys_within_one(key: str) -> set[str]:
    """The key itself and, for keys of FUZZY_MIN letters or more, every key one edit away."""
    if len(key) < FUZZY_MIN:
        return {key}
    near = {key}
    for i in range(len(key) + 1):
        for ch in KEY_ALPHABET:
            near.add(key[:i] + ch + key[i:])
        if i < len(key):
            near.add(key[:i] + key[i + 1 :])
            near.update(key[:i] + ch + key[i + 1 :] for ch in KEY_ALPHABET)
    return near
