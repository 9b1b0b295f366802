"""Name matching: folding names, Whoosh analyzers for the name fields, variant spellings.

The library behind `passages mentions` and `passages names` (no terminal code here). Folding
makes case, accents, transliteration marks, Arabic articles and Arabic letter forms irrelevant;
skeleton keys find candidate spellings in the index (stage 1); a learned edit model keeps only
the close ones (stage 2). docs/names.md has the design and the measured figures.

Names are imported from their modules when first used: the index's schema needs only the
analyzers, so opening an index for a search does not load the query, scoring and variant code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from indexer.lazy import lazy_getattr

_MODULES = {
    "DEFAULT_FOLDING": "indexer.names.fold",
    "Folding": "indexer.names.fold",
    "NameKeyFilter": "indexer.names.analysis",
    "NameQuery": "indexer.names.query",
    "NameToken": "indexer.names.tokens",
    "NameTokenizer": "indexer.names.analysis",
    "VariantCut": "indexer.names.variants",
    "analyse_names": "indexer.names.analysis",
    "distance": "indexer.names.score",
    "find_variants": "indexer.names.variants",
    "fold_name": "indexer.names.tokens",
    "fold_word": "indexer.names.fold",
    "is_arabic": "indexer.names.fold",
    "iter_name_tokens": "indexer.names.tokens",
    "name_analyzer": "indexer.names.analysis",
    "name_keys": "indexer.names.keys",
    "namekey_analyzer": "indexer.names.analysis",
    "namekeys_field": "indexer.names.analysis",
    "names_field": "indexer.names.analysis",
    "parse_name": "indexer.names.query",
}

if TYPE_CHECKING:
    from indexer.names.analysis import (
        NameKeyFilter,
        NameTokenizer,
        analyse_names,
        name_analyzer,
        namekey_analyzer,
        namekeys_field,
        names_field,
    )
    from indexer.names.fold import DEFAULT_FOLDING, Folding, fold_word, is_arabic
    from indexer.names.keys import name_keys
    from indexer.names.query import NameQuery, parse_name
    from indexer.names.score import distance
    from indexer.names.tokens import NameToken, fold_name, iter_name_tokens
    from indexer.names.variants import VariantCut, find_variants

__all__ = [
    "DEFAULT_FOLDING",
    "Folding",
    "NameKeyFilter",
    "NameQuery",
    "NameToken",
    "NameTokenizer",
    "VariantCut",
    "analyse_names",
    "distance",
    "find_variants",
    "fold_name",
    "fold_word",
    "is_arabic",
    "iter_name_tokens",
    "name_analyzer",
    "name_keys",
    "namekey_analyzer",
    "namekeys_field",
    "names_field",
    "parse_name",
]


__getattr__ = lazy_getattr(__name__, globals(), _MODULES)
