"""Skeleton key → name terms, derived from the `names` lexicon when the index has no `namekeys`.

An Arabic term with a fused clitic (والنجبا) is also listed bare (نجبا) under the bare
word's keys, so that a variant search finds the bare word and then its clitic forms.

Variant search needs, for a key, the indexed name terms that have it. An index may hold that
as the `namekeys` field (written at indexing time, about half a second of CPU per MB of text)
or not at all: then the map is computed from the lexicon of `names` at the first variant
search (a few hundredths of a second per ten thousand distinct names) and kept in a cache file
beside the index, valid for one generation of the index.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections import defaultdict
from pathlib import Path

from whoosh.reading import IndexReader

from indexer.names.fold import clitic_bases
from indexer.names.keys import name_keys

KeyMap = dict[str, tuple[str, ...]]
CACHE_FILE = "namekeys.cache"
_VERSION = 2  # 2: q also reads as g (Qaani / Ghaani); Arabic words without their clitics


def key_map_of(reader: IndexReader, field: str = "names") -> KeyMap:
    """Every key of every term of the `field` lexicon, with the terms that have it."""
    found: dict[str, list[str]] = defaultdict(list)
    for raw in reader.lexicon(field):
        term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        for spelling in (term, *clitic_bases(term)):
            for key in name_keys(spelling):
                found[key].append(spelling)
    return {key: tuple(dict.fromkeys(terms)) for key, terms in found.items()}


def cached_key_map(reader: IndexReader, folder: Path, generation: int) -> KeyMap:
    """The key map of this generation of the index, from the cache file or computed (and then
    written, when the folder is writable)."""
    path = folder / CACHE_FILE
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        version, cached_generation, key_map = pickle.loads(path.read_bytes())
        if (version, cached_generation) == (_VERSION, generation):
            return key_map
    key_map = key_map_of(reader)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        temporary.write_bytes(pickle.dumps((_VERSION, generation, key_map), protocol=5))
        os.replace(temporary, path)
    return key_map
