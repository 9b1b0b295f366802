"""passages: documents → passages → a Whoosh index, and every question asked of it.

The public API; the terminal interface in `cli/` uses only what is named here. Names are
imported from their modules when first used, so that a command loads only what it needs (`search`
does not import the indexing pipeline). `search` and `IndexSession` are imported at once: the
module `indexer.search` would otherwise hide the function `search` once it is imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from indexer.lazy import lazy_getattr
from indexer.lean_whoosh import import_whoosh

import_whoosh()

from indexer.search import IndexSession, search  # noqa: E402

_MODULES = {
    "CheckReport": "indexer.models",
    "Document": "indexer.models",
    "Hit": "indexer.models",
    "IndexReport": "indexer.models",
    "IndexStats": "indexer.models",
    "Mention": "indexer.models",
    "Passage": "indexer.models",
    "PassagesError": "indexer.errors",
    "Skip": "indexer.models",
    "check_index": "indexer.check",
    "index_paths": "indexer.build",
    "read_stats": "indexer.store",
    "repair_index": "indexer.check",
}

if TYPE_CHECKING:
    from indexer.build import index_paths
    from indexer.check import check_index, repair_index
    from indexer.errors import PassagesError
    from indexer.models import (
        CheckReport,
        Document,
        Hit,
        IndexReport,
        IndexStats,
        Mention,
        Passage,
        Skip,
    )
    from indexer.store import read_stats

__all__ = [
    "CheckReport",
    "Document",
    "Hit",
    "IndexReport",
    "IndexSession",
    "IndexStats",
    "Mention",
    "Passage",
    "PassagesError",
    "Skip",
    "check_index",
    "index_paths",
    "read_stats",
    "repair_index",
    "search",
]


__getattr__ = lazy_getattr(__name__, globals(), _MODULES)
