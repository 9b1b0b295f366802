"""Index files read through memory maps give the same bytes, records and results as plain files."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage

from indexer import IndexSession, store
from indexer.mapped_files import MappedFile, MappedStorage


def test_a_mapped_file_reads_what_a_plain_file_reads(tmp_path: Path) -> None:
    data = bytes(range(256)) * 40
    (tmp_path / "data.bin").write_bytes(data)
    mapped = MappedStorage(str(tmp_path)).open_file("data.bin")
    plain = FileStorage(str(tmp_path)).open_file("data.bin")
    assert isinstance(mapped, MappedFile)
    for position, length in [(0, 1), (5, 100), (10_230, 10), (10_235, 50), (20_000, 4)]:
        assert mapped.get(position, length) == plain.get(position, length)
    for typecode in "BHiIq":
        assert mapped.get_array(16, typecode, 12) == plain.get_array(16, typecode, 12)
    assert mapped.get_int(100) == plain.get_int(100)
    mapped.seek(7)
    plain.seek(7)
    assert mapped.read(33) == plain.read(33)
    assert mapped.tell() == plain.tell()
    mapped.close()
    plain.close()


def test_an_empty_file_is_opened_as_a_plain_file(tmp_path: Path) -> None:
    (tmp_path / "empty.bin").write_bytes(b"")
    opened = MappedStorage(str(tmp_path)).open_file("empty.bin")
    assert not isinstance(opened, MappedFile)
    assert opened.read() == b""
    opened.close()


def test_searches_open_the_index_through_maps_and_find_the_same(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ix, searcher = store.open_searcher(built)
    with searcher:
        assert isinstance(ix.storage, MappedStorage)
        segment = searcher.reader().leaf_readers()[0][0]
        assert isinstance(segment._terms._tindex.dbfile, MappedFile)
    queries, names = ["saadi", "union OR quotas", '"water board"', "zzz"], ["Rami al-Saadi"]
    with IndexSession(built) as session:
        mapped = [session.search(q) for q in queries], [session.mentions(n) for n in names]
    monkeypatch.setattr(store, "MappedStorage", FileStorage)
    with IndexSession(built) as session:
        assert not isinstance(session.index.storage, MappedStorage)
        plain = [session.search(q) for q in queries], [session.mentions(n) for n in names]
    assert mapped == plain
    assert mapped[0][0] and mapped[0][2] and mapped[1][0]
