"""passages: documents → passages → a Whoosh index, and every question asked of it.

The public API; the terminal interface in `cli/` uses only what is named here.
"""

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
from indexer.search import IndexSession, search
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
