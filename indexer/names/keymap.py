"""Skeleton key → name terms, derived from the `names` lexicon when the index has no `namekeys`.

An Arabic term with a fused clitic (والنجبا) is also listed bare (نجبا) under the bare
word's keys, so that a variant search finds the bare word and then its clitic forms.

Variant search needs, for a key, the indexed name terms that have it. An index may hold that
as the `namekeys` field (written at indexing time, about half a second of CPU per MB of text)
or not at all: then the map is computed from the lexicon of `names` and kept in a cache file
beside the index, valid for one generation of the index. `passages index` brings the file up
to date at the end of a run that committed (`cached_key_map`); a variant search makes it when
it is missing or stale. A new generation reuses the keys of the spellings the old file knows,
so only new words are keyed again: at 100,000 blog posts (93,000 name terms) the first map
took 1.6–2.6 s, one after a change 1.1–1.4 s, most of it reading the lexicon.

The file is text: a header line, the sorted keys one per line, then each key's terms on a line
of their own. Loading it is two string splits (11–13 ms at 100,000 posts, where unpickling the
same map as a dict took 45–52 ms, every time a command searched for variants) and a lookup is a
bisection of the sorted keys.
"""

from __future__ import annotations

import contextlib
import os
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from whoosh.reading import IndexReader

from indexer.names.fold import clitic_bases
from indexer.names.keys import name_keys

CACHE_FILE = "namekeys.cache"
_VERSION = 3  # 2: q also reads as g (Qaani / Ghaani); Arabic words without clitics. 3: text
_MAGIC = "passages-namekeys"
_TERMS_SEPARATOR = "\x1f"
_SECTIONS_SEPARATOR = "\x00"
_RESERVED = frozenset("\n" + _TERMS_SEPARATOR + _SECTIONS_SEPARATOR)
"""Characters a name term never has (the name tokenizer keeps letters, marks and apostrophes),
which the file format uses: a term with one is left out of the map."""


class KeyMap(Mapping[str, tuple[str, ...]]):
    """Skeleton key → the name terms that have it, in lexicon order: the keys sorted, each
    key's terms kept joined until it is looked up."""

    __slots__ = ("_keys", "_terms")

    def __init__(self, keys: list[str], terms: list[str]) -> None:
        self._keys = keys
        self._terms = terms

    @classmethod
    def from_dict(cls, found: Mapping[str, Iterable[str]]) -> KeyMap:
        keys = sorted(found)
        return cls(keys, [_TERMS_SEPARATOR.join(found[key]) for key in keys])

    def terms(self, key: str) -> tuple[str, ...]:
        """The terms that have `key`; none when no term has it (most keys a variant search
        asks for: the keys one edit away from a word's)."""
        at = bisect_left(self._keys, key)
        if at == len(self._keys) or self._keys[at] != key:
            return ()
        return tuple(self._terms[at].split(_TERMS_SEPARATOR))

    def __getitem__(self, key: str) -> tuple[str, ...]:
        found = self.terms(key)
        if not found:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def keys_by_spelling(self) -> dict[str, list[str]]:
        """The inverse map: each spelling with its keys."""
        found: dict[str, list[str]] = defaultdict(list)
        for key, terms in zip(self._keys, self._terms, strict=True):
            for spelling in terms.split(_TERMS_SEPARATOR):
                found[spelling].append(key)
        return found

    def to_text(self, generation: int) -> str:
        header = f"{_MAGIC} {_VERSION} {generation}\n"
        return header + "\n".join(self._keys) + _SECTIONS_SEPARATOR + "\n".join(self._terms)

    @classmethod
    def from_text(cls, text: str) -> tuple[int, int, KeyMap]:
        """(version, generation, map) of a cache file's text; ValueError when it is not one."""
        header, _, body = text.partition("\n")
        magic, version, generation = header.split(" ")
        keys_text, separator, terms_text = body.partition(_SECTIONS_SEPARATOR)
        keys = keys_text.split("\n") if keys_text else []
        terms = terms_text.split("\n") if keys_text else []
        if magic != _MAGIC or not separator or len(keys) != len(terms):
            raise ValueError("not a name key cache")
        return int(version), int(generation), cls(keys, terms)


def key_map_of(
    reader: IndexReader, field: str = "names", known: Mapping[str, list[str]] | None = None
) -> KeyMap:
    """Every key of every term of the `field` lexicon, with the terms that have it; the keys of
    a spelling in `known` are taken from there instead of computed again."""
    known = known or {}
    found: dict[str, list[str]] = defaultdict(list)
    for term in _lexicon(reader, field):
        for spelling in (term, *clitic_bases(term)):
            keys = known.get(spelling)
            for key in name_keys(spelling) if keys is None else keys:
                found[key].append(spelling)
    return KeyMap.from_dict({key: dict.fromkeys(terms) for key, terms in found.items()})


def _lexicon(reader: IndexReader, field: str) -> list[str]:
    """The field's terms, sorted: each segment's read on its own (cheaper than Whoosh's merged
    lexicon, which passes every term of every segment through a heap)."""
    terms: set[bytes | str] = set()
    for segment, _ in reader.leaf_readers():
        terms.update(segment.lexicon(field))
    decoded = (raw.decode("utf-8") if isinstance(raw, bytes) else raw for raw in terms)
    return sorted(term for term in decoded if _RESERVED.isdisjoint(term))


def cached_key_map(reader: IndexReader, folder: Path, generation: int) -> KeyMap:
    """The key map of this generation of the index, from the cache file or computed (and then
    written, when the folder is writable)."""
    path = folder / CACHE_FILE
    known: dict[str, list[str]] = {}
    with contextlib.suppress(OSError, UnicodeDecodeError, ValueError):
        version, cached_generation, key_map = KeyMap.from_text(path.read_text("utf-8"))
        if version == _VERSION:
            if cached_generation == generation:
                return key_map
            known = key_map.keys_by_spelling()
    key_map = key_map_of(reader, known=known)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        temporary.write_text(key_map.to_text(generation), "utf-8")
        os.replace(temporary, path)
    return key_map
