"""A name as the user typed it, read into patterns of folded words to look for.

"Qais al-Khazali" is the pattern qais · khazali (next word). A stop word or particle the index
does not keep still counts as a word ("Bank of England": bank, then england two words on).
A compound gives a second pattern: "Abdul Rahman" is also the one word abdulrahman.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.errors import BadQuery
from indexer.names.fold import DEFAULT_FOLDING, Folding, is_particle
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

    @property
    def words(self) -> tuple[str, ...]:
        """The folded words of the plain pattern."""
        return tuple(slot.term for slot in self.patterns[0])

    @property
    def last_name(self) -> str | None:
        """The word a later short mention would use (Khazali), or None for a one-word name."""
        words = self.words
        if len(words) < 2 or is_particle(words[-1]):
            return None
        return words[-1]


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
    return NameQuery(name, tuple(dict.fromkeys(patterns)))
