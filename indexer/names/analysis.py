"""Whoosh analyzers and field types for the two name fields of a passage.

`names` holds folded name tokens (`indexer.names.tokens`) with word positions and character
spans into the passage text. `namekeys` holds, for each distinct name token, one term per
skeleton key: ``KEY|term`` (``SBL|hezbollah``). The index's lexicon of `namekeys` is thus a
dictionary from key to the name terms that have it: a variant query reads it by prefix and
never has to open a posting list.

Both fields read the same passage text: the tokens of the last text analysed are kept, so the
second field does not tokenize it again.

Since only the lexicon of `namekeys` is read, it need not sit on every passage: an index may
instead give the field, once per indexing run, to one record holding the list of all the
run's terms (`name_key_terms`; Whoosh indexes a list value as given terms). That writes each
``KEY|term`` once rather than once per passage (bench/names_speed.py measures both).

Whoosh pickles these classes into the index's schema: renaming this module or its classes
makes existing indexes unreadable.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Filter, Token, Tokenizer
from whoosh.fields import TEXT, FieldType
from whoosh.formats import Existence

from indexer.names.fold import DEFAULT_FOLDING, Folding, clitic_bases
from indexer.names.keys import name_keys
from indexer.names.tokens import NameToken, iter_name_tokens

KEY_SEPARATOR = "|"

_last: tuple[str, bool, Folding, list[NameToken]] = ("", False, DEFAULT_FOLDING, [])
_key_terms: dict[str, tuple[str, ...]] = {}


def analyse_names(
    text: str, *, query: bool = False, folding: Folding = DEFAULT_FOLDING
) -> list[NameToken]:
    """The name tokens of `text`; the last call's result is reused for the same text."""
    global _last
    last_text, last_query, last_folding, tokens = _last
    if (
        query == last_query
        and folding == last_folding
        and (text is last_text or (len(text) == len(last_text) and text == last_text))
    ):
        return tokens
    tokens = list(iter_name_tokens(text, query=query, folding=folding))
    _last = (text, query, folding, tokens)
    return tokens


def key_terms(term: str) -> tuple[str, ...]:
    """The `namekeys` terms of one folded name term: ``KEY|term`` for each of its keys, and
    ``KEY|base`` for an Arabic term's bare word (والنجبا → ``NGB|نجبا``)."""
    try:
        return _key_terms[term]
    except KeyError:
        if len(_key_terms) > 200_000:
            _key_terms.clear()
        found = _key_terms[term] = tuple(
            f"{key}{KEY_SEPARATOR}{spelling}"
            for spelling in (term, *clitic_bases(term))
            for key in name_keys(spelling)
        )
        return found


def name_key_terms(text: str) -> set[str]:
    """The `namekeys` terms of a text, for a record that holds a whole run's terms."""
    return {keyed for token in analyse_names(text) for keyed in key_terms(token.term)}


class NameTokenizer(Tokenizer):
    """Name tokens of a text: folded terms, word positions, spans into the original text."""

    def __init__(self, folding: Folding = DEFAULT_FOLDING) -> None:
        self.folding = folding

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NameTokenizer) and other.folding == self.folding

    def __hash__(self) -> int:
        return hash(self.folding)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost, token.stopped = 1.0, False
        if not tokenize:  # one term, already folded (Whoosh's wildcard and range queries)
            token.text = token.original = value
            token.pos, token.startchar, token.endchar = start_pos, start_char, len(value)
            yield token
            return
        for found in analyse_names(value, query=mode == "query", folding=self.folding):
            token.text = found.term
            if keeporiginal:
                token.original = value[found.start : found.end]
            if positions:
                token.pos = start_pos + found.pos
            if chars:
                token.startchar, token.endchar = start_char + found.start, start_char + found.end
            yield token


class NameKeyFilter(Filter):
    """Replaces each name token by its ``KEY|term`` terms, at the same position."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            for keyed in key_terms(token.text):
                token.text = keyed
                yield token


def name_analyzer(folding: Folding = DEFAULT_FOLDING) -> NameTokenizer:
    """The analyzer of the `names` field."""
    return NameTokenizer(folding)


def namekey_analyzer(folding: Folding = DEFAULT_FOLDING) -> Any:
    """The analyzer of the `namekeys` field: name tokens turned into ``KEY|term`` terms."""
    return NameTokenizer(folding) | NameKeyFilter()


NAME_TOKENS = "name_tokens"  # the stored field of a passage's name tokens, as tuples


def keep_tokens(tokens: list[NameToken]) -> list[tuple[str, int, int, int, int]]:
    """Name tokens as the `name_tokens` field stores them: plain tuples."""
    return [(token.term, token.pos, token.last, token.start, token.end) for token in tokens]


def kept_tokens(kept: list[tuple[str, int, int, int, int]]) -> list[NameToken]:
    """Name tokens from the `name_tokens` field."""
    return list(map(NameToken._make, kept))


def names_field(folding: Folding = DEFAULT_FOLDING) -> FieldType:
    """The `names` field: name tokens with positions (phrase queries work on it)."""
    return TEXT(analyzer=name_analyzer(folding), phrase=True)


def namekeys_field(folding: Folding = DEFAULT_FOLDING) -> FieldType:
    """The `namekeys` field: only which passages hold which ``KEY|term`` (no frequencies)."""
    return FieldType(Existence(), namekey_analyzer(folding), scorable=False)
