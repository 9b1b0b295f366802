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

_LATIN_SEGMENT = re.compile(r"tsch|sch|tch|sh|cz|ch|kh|gh|th|dh|ph|dj|ck|ts|tz|c(?=[eiy])|.")
_LATIN_CLASSES: dict[str, tuple[str, ...]] = {
    "tsch": ("C",), "sch": ("C",), "tch": ("C",), "sh": ("C",), "cz": ("C",),
    "ch": ("C", "K", "X"), "kh": ("X",), "gh": ("G",), "th": ("T",), "dh": ("D",),
    "ph": ("F",), "dj": ("G",), "ck": ("K",), "ts": ("S",), "tz": ("S",),
    "c": ("K",), "g": ("G",), "j": ("G",), "x": ("KS",), "q": ("K",), "k": ("K",),
    "v": ("F",), "f": ("F",), "w": ("", "F"), "p": ("B",), "b": ("B",), "s": ("S",),
    "z": ("S",), "d": ("D",), "t": ("T",), "l": ("L",), "m": ("M",), "n": ("N",), "r": ("R",),
}  # fmt: skip
_SOFT_C = ("S", "C")
_VOWELS = frozenset("aeiouy")
_DROPPABLE_FINALS = frozenset("dtsz")

_ARABIC_CLASSES: dict[str, tuple[str, ...]] = {
    "ب": ("B",), "پ": ("B",), "ت": ("T",), "ط": ("T",), "ث": ("T", "S"), "د": ("D",),
    "ذ": ("D",), "ض": ("D",), "س": ("S",), "ص": ("S",), "ز": ("S",), "ظ": ("S",),
    "ژ": ("S", "G"), "ش": ("C",), "ج": ("G",), "چ": ("C", "G"), "غ": ("G",), "ق": ("K", "G"),
    "ك": ("K",), "ک": ("K",), "گ": ("G", "K"), "خ": ("X",), "ف": ("F",), "ڤ": ("F",),
    "ل": ("L",), "م": ("M",), "ن": ("N",), "ر": ("R",),
}  # fmt: skip


def _latin_classes(word: str) -> list[tuple[str, ...]]:
    """The sound classes of a folded Latin word, one tuple of readings per segment."""
    segments = _LATIN_SEGMENT.findall(word)
    readings: list[tuple[str, ...]] = []
    for i, seg in enumerate(segments):
        if seg == "c" and i + 1 < len(segments) and segments[i + 1][:1] in "eiy":
            readings.append(_SOFT_C)
        elif seg in _LATIN_CLASSES:
            options = _LATIN_CLASSES[seg]
            if (
                i == len(segments) - 1
                and i > 0
                and seg in _DROPPABLE_FINALS
                and segments[i - 1] in _VOWELS
            ):
                options = (*options, "")
            readings.append(options)
    if word.startswith(("al", "el")) and len(word) > 4 and readings and readings[0] == ("L",):
        readings[0] = ("L", "")  # Alexander / الكسندر: an initial al- may read as an article
    return readings


def _arabic_classes(word: str) -> list[tuple[str, ...]]:
    """The sound classes of a folded Arabic word (تش reads as one sh sound)."""
    word = word.replace("تش", "ش")
    return [_ARABIC_CLASSES[ch] for ch in word if ch in _ARABIC_CLASSES]


def _merge_repeats(key: str) -> str:
    return "".join(ch for i, ch in enumerate(key) if i == 0 or key[i - 1] != ch)


def name_keys(term: str) -> tuple[str, ...]:
    """The skeleton keys of one folded word (either script), at most MAX_KEYS, sorted."""
    readings = _arabic_classes(term) if is_arabic(term) else _latin_classes(term)
    keys: set[str] = set()
    for combo in itertools.islice(itertools.product(*readings), 64):
        key = _merge_repeats("".join(combo))
        if key:
            keys.add(key)
    if any(len(key) > 1 for key in keys):
        keys = {key for key in keys if len(key) > 1}  # a one-letter key would match anything
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
