"""Whoosh is imported without urllib.request, asyncio and its English variations, which it
loads and passages never uses, and all still work for whoever uses them afterwards."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

PROBE = """
import sys
import indexer
from whoosh import index, fields
print("urllib.request" in sys.modules, "asyncio" in sys.modules)
print("whoosh.lang.morph_en" in sys.modules)
schema = fields.Schema(text=fields.TEXT(stored=True))
ix = index.create_in(sys.argv[1], schema)
with ix.writer() as writer:
    writer.add_document(text="harbour union")
with ix.reader() as reader:
    print(sorted(reader.deleted_docs_set))  # a cached_property: it asks asyncio
import asyncio, urllib.request, whoosh.compat
print(asyncio.run(asyncio.sleep(0, "ran")), callable(urllib.request.urlopen))
print(whoosh.compat.urlretrieve.__module__)
from whoosh.query import terms
print(sorted(terms.variations("render"))[:3], terms.variations.__module__)
"""


def test_whoosh_comes_without_urllib_and_asyncio(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(PROBE), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.splitlines() == [
        "False False",
        "False",
        "[]",
        "ran True",
        "indexer.lean_whoosh",
        "['rend', 'rende', 'rended'] indexer.lean_whoosh",  # the real variations, through ours
    ]
