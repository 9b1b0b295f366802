"""The store: terms for any file name, the write lock, commits, the cached file records."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from indexer import index_paths, store
from indexer.errors import IndexCorrupt, IndexIncompatible, IndexLocked
from indexer.store import Change, FileRecord, key_text


def test_key_text_keeps_unicode_and_shows_odd_bytes() -> None:
    assert key_text("/data/café.txt") == "/data/café.txt"
    assert key_text("/data/caf\udce9.txt") == "/data/caf\\xe9.txt"
    assert key_text("lone \ud800 surrogate") == "lone \\ud800 surrogate"
    assert store.raw_path("/data/café.txt") is None
    assert store.raw_path("/data/caf\udce9.txt") == b"/data/caf\xe9.txt"


def test_second_writer_waits_then_gives_up_with_a_clear_message(built: Path) -> None:
    ix = store.open_index(built)
    waits: list[str] = []
    with (
        store.write_lock(ix),
        pytest.raises(IndexLocked) as raised,
        store.write_lock(ix, timeout=0.3, on_wait=lambda: waits.append("waiting")),
    ):
        pass
    assert waits == ["waiting"]
    assert "another `passages index` is writing" in str(raised.value)
    assert "--wait" in (raised.value.hint or "")


def test_second_writer_goes_on_when_the_first_finishes(built: Path, corpus: Path) -> None:
    ix = store.open_index(built)
    release = threading.Event()

    def hold() -> None:
        with store.write_lock(ix):
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.1)
    threading.Timer(0.3, release.set).start()
    report = index_paths(built, [corpus], wait_seconds=5)
    holder.join()
    assert report.unchanged == 3


def test_commit_drops_and_records_together(built: Path, corpus: Path) -> None:
    ix = store.open_index(built)
    statement = store.key_text(str(corpus / "statement.txt"))
    record = FileRecord("/elsewhere/new.txt", 1, 2, "digest", ("/elsewhere/new.txt",), 0)
    with store.write_lock(ix):
        store.commit(ix, Change(dropped={statement}, records=[record]))
    records = store.records_in_index(store.open_index(built))
    assert statement not in records and records["/elsewhere/new.txt"] == record
    with store.open_index(built).searcher() as searcher:
        assert all(fields.get("path") != statement for fields in searcher.all_stored_fields())


def test_file_records_are_cached_for_one_generation_of_one_index(built: Path, corpus: Path) -> None:
    ix = store.open_index(built)
    records = store.load_file_records(ix)
    assert (built / store.MANIFEST_FILE).exists()
    assert store.load_file_records(ix) == records
    index_paths(built, [corpus], rebuild=True)  # a new generation: the cache is rewritten
    assert store.load_file_records(store.open_index(built)) == store.records_in_index(
        store.open_index(built)
    )


def test_a_stale_cache_of_an_index_made_anew_is_not_used(built: Path, corpus: Path) -> None:
    stale = (built / store.MANIFEST_FILE).read_bytes()
    for entry in built.iterdir():
        entry.unlink()
    index_paths(built, [corpus / "notes.md"])
    (built / store.MANIFEST_FILE).write_bytes(stale)
    assert len(store.load_file_records(store.open_index(built))) == 1


def test_roots_are_remembered(built: Path, corpus: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Other.\n")
    index_paths(built, [other])
    assert store.indexed_roots(built) == sorted([str(corpus), str(other)])


def test_unreadable_index_says_how_to_repair(built: Path) -> None:
    for toc in built.glob("_MAIN_*.toc"):
        toc.write_bytes(b"garbage")
    with pytest.raises(IndexCorrupt) as raised:
        store.open_index(built)
    assert "passages check --repair" in (raised.value.hint or "")


def test_a_missing_segment_file_makes_the_index_unreadable_at_once(built: Path) -> None:
    next(built.glob("*.pst")).unlink()
    with pytest.raises(IndexCorrupt, match=r"\.pst: no such file or directory"):
        store.open_index(built)


@pytest.mark.parametrize("memory", [store.MERGE_MEMORY_BYTES, 0])  # 0: a segment per merged one
def test_an_index_kept_up_to_date_run_after_run_keeps_the_fast_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memory: int
) -> None:
    """Small segments are merged as runs add them; the merged ones keep their ranking files
    (Whoosh's own merge would drop them) and hold the same passages as an index made at once."""
    from indexer import IndexSession, ranked_postings
    from indexer.mentions import mentions_at

    monkeypatch.setattr(store, "MERGE_MEMORY_BYTES", memory)
    folder, location = tmp_path / "docs", tmp_path / "index"
    folder.mkdir()
    for run in range(8):
        text = f"Report {run}\n\nQais Khazali met the envoy in Baghdad on day {run}.\n"
        (folder / f"report-{run}.txt").write_text(text, encoding="utf-8")
        if run == 5:  # a changed file: its old passages are deleted, then merged away
            (folder / "report-1.txt").write_text("Changed\n\nKhazali spoke.\n", encoding="utf-8")
        index_paths(location, [folder])
    ix = store.open_index(location)
    with ix.reader() as reader:
        segments = [segment for segment, _ in reader.leaf_readers()]
        if memory:  # (each run adds a segment of passages and one of file records)
            assert len(segments) < 2 * 8
            assert max(segment.doc_count_all() for segment in segments) > 2
        assert all(ranked_postings.document_keys(segment) is not None for segment in segments)
    index_paths(tmp_path / "fresh", [folder])
    found = {}
    for name in ("index", "fresh"):
        with IndexSession(tmp_path / name) as session:
            hits = session.find("khazali envoy", limit=50).hits
        mentions = mentions_at(tmp_path / name, "Qais Khazali")
        found[name] = (
            sorted((hit.path, hit.passage) for hit in hits),
            sorted((m.path, m.passage, m.span, m.kind) for m in mentions),
        )
    assert found["index"] == found["fresh"]
    assert len(found["index"][1]) == 7  # report-1 no longer names him in full


def test_an_index_with_other_fields_is_written_only_by_a_rebuild(tmp_path: Path) -> None:
    from whoosh import index as whoosh_index

    location = tmp_path / "index"
    store.open_or_create(location)
    schema = store.build_schema()
    schema.remove("headline")  # as a build of this format before the field came
    whoosh_index.create_in(str(location), schema)
    with pytest.raises(IndexIncompatible, match="other fields"):
        store.open_or_create(location)
    assert "headline" in store.open_or_create(location, rebuild=True).schema.names()


def test_an_index_is_made_only_holding_the_write_lock(tmp_path: Path) -> None:
    """Regression: the index was made before the lock was taken, so a second first run (or a
    rebuild beside a writer) could make it anew over the other's commits."""
    from whoosh.filedb.filestore import FileStorage

    location = tmp_path / "index"
    location.mkdir()
    held = FileStorage(str(location)).lock(store.LOCK_NAME)
    assert held.acquire()
    try:
        with pytest.raises(IndexLocked):
            store.open_or_create(location, timeout=0.3)
        assert not store.index_exists(location)
    finally:
        held.release()
    assert store.open_or_create(location, timeout=0.3).schema.names()


def test_what_a_failed_writer_left_is_cleared_by_the_next_run(tmp_path: Path) -> None:
    """Regression: after a run that failed (a full disk), its temporary folder and the segment
    files it never committed stayed, and filled the disk again at every run."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("A harbour note.\n")
    location = tmp_path / "index"
    index_paths(location, [tmp_path / "docs"])
    (location / "MAIN.tmp").mkdir()
    (location / "MAIN.tmp" / "part.ctmp").write_bytes(b"x" * 1000)
    orphan = location / "MAIN_0123456789abcdef.pst"
    orphan.write_bytes(b"x" * 1000)
    index_paths(location, [tmp_path / "docs"])  # nothing to commit: the start clears them
    assert not (location / "MAIN.tmp").exists() and not orphan.exists()
    from indexer import search

    assert len(search(location, "harbour")) == 1
