"""The words an index holds, as "did you mean" looks through them: `Vocabulary`.

A misspelt word is compared with the index terms that start with its letter (most typos leave
the first letter alone). Those terms are read from the lexicon once per letter and field and
kept by length, so a later suggestion in the same session (the shell) does not read them
again, and only terms of a length within the allowed edits are compared. A cheap test comes
first: an edit changes at most two of the letters the two words are made of, so words whose
sets of letters differ by more than twice the edits are left out before the edit distance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from whoosh.reading import IndexReader
from whoosh.support.levenshtein import distance


class Vocabulary:
    """The terms of an index's fields, by field, first letter and length, read on first use."""

    def __init__(self, reader: IndexReader) -> None:
        self.reader = reader
        self._by_letter: dict[tuple[str, str], dict[int, list[str]]] = {}

    def near(self, field: str, word: str, edits: int) -> Iterator[tuple[str, int]]:
        """(term, edit distance) of each term of `field` within `edits` edits of `word`
        (Damerau-Levenshtein) that starts with the same letter; `word` itself included."""
        if not word:
            return
        by_length = self._terms(field, word[0])
        letters = set(word)
        for length in range(len(word) - edits, len(word) + edits + 1):
            for term in by_length.get(length, ()):
                if len(letters.symmetric_difference(term)) > 2 * edits:
                    continue
                gap = distance(word, term, limit=edits)
                if gap <= edits:
                    yield term, gap

    def _terms(self, field: str, letter: str) -> dict[int, list[str]]:
        key = (field, letter)
        found = self._by_letter.get(key)
        if found is None:
            found = defaultdict(list)
            for raw in self.reader.expand_prefix(field, letter):
                term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                found[len(term)].append(term)
            self._by_letter[key] = found
        return found
