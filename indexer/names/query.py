"""A name as the user typed it, read into patterns of folded words to look for.

"Qais al-Khazali" is the pattern qais · khazali (next word). A stop word or particle the index
does not keep still counts as a word ("Bank of England": bank, then england two words on).
A compound gives a second pattern: "Abdul Rahman" is also the one word abdulrahman.
A word typed in capitals (OPEC, UN) is an acronym: it has no spelling variants.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.errors import BadQuery
from indexer.names.fold import DEFAULT_FOLDING, Folding, is_particle
from indexer.names.people import is_person_name
from indexer.names.tokens import NameToken, iter_name_tokens


@dataclass(frozen=True)
class Slot:
    """One word of a pattern: its folded term, and how many positions after the previous."""

    term: str
    step: int


Pattern = tuple[Slot, ...]


@dataclass(frozen=True)
class NameQuery:
    """The patterns of one name; `patterns[0]` is the plain sequence of its words."""

    name: str
    patterns: tuple[Pattern, ...]
    acronyms: frozenset[str] = frozenset()

    @property
    def words(self) -> tuple[str, ...]:
        """The folded words of the plain pattern."""
        return tuple(slot.term for slot in self.patterns[0])

    @property
    def last_name(self) -> str | None:
        """The word a later short mention would use (Khazali), or None: a one-word name, a
        name ending in a particle, or not a person's (Asaib Ahl al-Haq, Gulf Oil)."""
        words = self.words
        if len(words) < 2 or is_particle(words[-1]) or not is_person_name(words):
            return None
        return words[-1]

    @property
    def first_names(self) -> tuple[str, ...]:
        """The words before the last name (Qais; Mohammad, Kazem)."""
        return self.words[:-1]


def _pattern(tokens: list[NameToken]) -> Pattern:
    slots, last = [], None
    for token in tokens:
        slots.append(Slot(token.term, 0 if last is None else token.pos - last))
        last = token.last
    return tuple(slots)


def parse_name(name: str, folding: Folding = DEFAULT_FOLDING) -> NameQuery:
    """Read a name typed by a user. Raises BadQuery when nothing in it can be a name."""
    tokens = list(iter_name_tokens(name, query=True, folding=folding))
    words = [t for t in tokens if t.pos == t.last]
    if not words:
        raise BadQuery(
            f"no name to look for in {name!r}",
            hint="give a name: words such as 'the' or 'of' alone are not indexed",
        )
    patterns = [_pattern(words)]
    for joined in (t for t in tokens if t.pos != t.last):
        rest = [t for t in words if t.pos < joined.pos or t.pos > joined.last]
        patterns.append(_pattern(sorted([*rest, joined], key=lambda t: t.pos)))
    shouted = len(words) > 1 and name.isupper()  # QAIS AL-KHAZALI: a name typed in capitals
    acronyms = frozenset(
        t.term for t in words if not shouted and _is_acronym(name[t.start : t.end])
    )
    return NameQuery(name, tuple(dict.fromkeys(patterns)), acronyms)


def _is_acronym(written: str) -> bool:
    """OPEC, UN, KDP: two to six capitals, no lower-case letter (Arabic has no capitals)."""
    letters = [c for c in written if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)
