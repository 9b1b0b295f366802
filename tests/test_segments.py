"""SegmentBuilder writes segments that read back exactly like Whoosh's own writer's."""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import STORED_COLUMN
from whoosh.index import FileIndex
from whoosh.qparser import QueryParser
from whoosh.reading import IndexReader

from indexer import ranked_postings, segments, store
from indexer.analysis import TermCache
from indexer.names.analysis import NAME_TOKENS, analyse_names
from indexer.postings import decode_positions, field_lengths, term_arrays, term_blocks
from indexer.segments import BLOCK_POSTINGS, STORE_UNDER, Deflater, SegmentBuilder

WORDS = [
    "Qais",
    "al-Khazali",
    "Rajoub",
    "militia",
    "meeting",
    "meets",
    "envoy",
    "harbour",
    "union",
    "القدس",
    "الجهاد",
    "café",
    "naïve",
    "the",
    "of",
    "and",
]


def passages(texts: list[str], title_every: int = 3) -> list[dict[str, Any]]:
    """Passage records like the pipeline's: documents of `title_every` passages each."""
    records = []
    for number, text in enumerate(texts):
        doc = f"doc-{number // title_every}"
        records.append(
            {
                "doc": doc,
                "path": f"/corpus/{doc}.txt",
                "title": f"Report {number // title_every} on the militia" if number % 2 else "",
                "date": "2024-03-01" if number % 5 else None,
                "passage": number % title_every + 1,
                "line_start": number,
                "line_end": number + 1,
                "start": number * 10,
                "end": number * 10 + len(text),
                "page": None,
                "text": text,
                "names": text,
            }
        )
    return records


def new_index(location: Path) -> FileIndex:
    location.mkdir()
    return whoosh_index.create_in(str(location), store.build_schema())


def commit_segments(ix: FileIndex, segments: list[Any]) -> None:
    with store.write_lock(ix):
        store.commit(ix, store.Change(segments=segments))


def whoosh_written(location: Path, records: list[dict[str, Any]]) -> FileIndex:
    ix = new_index(location)
    writer = ix.writer()
    for record in records:
        writer.add_document(**record)
    writer.commit()
    return ix


def builder_written(location: Path, records: list[dict[str, Any]]) -> FileIndex:
    ix = new_index(location)
    builder = SegmentBuilder(ix.storage, ix.indexname, ix.schema)
    for record in records:
        builder.add(record)
    commit_segments(ix, [builder.finish()])
    return ix


def postings(reader: IndexReader, fieldname: str, term: bytes) -> list[tuple[Any, ...]]:
    matcher = reader.postings(fieldname, term)
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.weight(), matcher.value()))
        found.append(
            (matcher.block_max_weight(), matcher.block_min_length(), matcher.block_max_length())
        )
        matcher.next()
    return found


def term_infos(reader: IndexReader, fieldname: str, term: bytes) -> tuple[Any, ...]:
    info = reader.term_info(fieldname, term)
    return (
        info.weight(),
        info.doc_frequency(),
        info.min_length(),
        info.max_length(),
        info.max_weight(),
        info.min_id(),
        info.max_id(),
    )


def assert_same_index(left: FileIndex, right: FileIndex) -> None:
    with left.reader() as a, right.reader() as b:
        assert list(a.all_terms()) == list(b.all_terms())
        for fieldname, term in a.all_terms():
            assert term_infos(a, fieldname, term) == term_infos(b, fieldname, term)
            assert postings(a, fieldname, term) == postings(b, fieldname, term)
        assert a.doc_count_all() == b.doc_count_all()
        for docnum in range(a.doc_count_all()):
            kept = b.stored_fields(docnum)
            tokens = kept.pop(NAME_TOKENS, None)  # the builder keeps the name tokens it found
            assert a.stored_fields(docnum) == kept
            assert tokens in (None, [tuple(token) for token in analyse_names(kept["text"])])
            for fieldname in ("title", "text", "names"):
                assert a.doc_field_length(docnum, fieldname) == b.doc_field_length(
                    docnum, fieldname
                )
        for fieldname in ("title", "text", "names"):
            assert a.field_length(fieldname) == b.field_length(fieldname)
            if a.field_length(fieldname):  # Whoosh fails on a field that no document has
                assert a.max_field_length(fieldname) == b.max_field_length(fieldname)


def test_segment_reads_back_like_whoosh_writes_it(tmp_path: Path) -> None:
    texts = [
        "The militia commander met the envoy; the envoy met the militia again.",
        "Qais al-Khazali met Jibril Rajoub; Al-Khazali's office said Rajoub left.",
        "Le café de la gare — naïve rêveries.",
        "وصل وفد الجهاد الإسلامي إلى بغداد يوم الاثنين",
        "",
        "the of and",  # stop words only
        *(f"harbour union meeting number {n} meeting" for n in range(2 * BLOCK_POSTINGS + 7)),
    ]
    records = passages(texts)
    left = whoosh_written(tmp_path / "whoosh", records)
    right = builder_written(tmp_path / "builder", records)
    assert_same_index(left, right)


def test_names_take_the_fast_path_and_read_back_alike(tmp_path: Path) -> None:
    texts = [
        f"Qais al-Khazali met Jibril Rajoub {n} times. Al-Khazali's office, Hezbollah and "
        f"حزب الله said {'Abdul Rahman' if n % 2 else 'Abdulrahman'} left for Baghdad."
        for n in range(40)
    ]
    records = passages(texts)
    (tmp_path / "builder").mkdir()
    ix = whoosh_index.create_in(str(tmp_path / "builder"), store.build_schema())
    builder = SegmentBuilder(ix.storage, ix.indexname, ix.schema)
    for record in records:
        builder.add(record)
    assert builder.fast_names == {"names"}  # the check against Whoosh passed every time
    with store.write_lock(ix):
        store.commit(ix, store.Change(segments=[builder.finish()]))
    assert_same_index(whoosh_written(tmp_path / "whoosh", records), ix)
    with ix.reader() as reader:
        kept = reader.stored_fields(0)[NAME_TOKENS]
    assert kept[:2] == [("qais", 0, 0, 0, 4), ("khazali", 1, 1, 5, 15)]
    assert ("حزبالله", 11, 12, 78, 86) in kept


def _built_with(location: Path, records: list[dict[str, Any]], poison: Any) -> FileIndex:
    """The builder's segment of `records`, with `poison(builder)` called after the first, so
    that the check of a fast path against Whoosh fails at the second."""
    ix = new_index(location)
    builder = SegmentBuilder(ix.storage, ix.indexname, ix.schema)
    for number, record in enumerate(records):
        builder.add(record)
        if number == 0:
            poison(builder)
    assert builder.keys_mixed  # the fast path was left
    commit_segments(ix, [builder.finish()])
    return ix


def test_a_text_fast_path_left_part_way_keeps_one_term_per_word(tmp_path: Path) -> None:
    records = passages([f"Qais met the militia envoy {n} times in the harbour" for n in range(8)])

    def poison(builder: SegmentBuilder) -> None:
        builder.terms = TermCache()  # (not the process's cache, which other tests share)
        builder.terms.terms["militia"] = "militias"  # not what the analyzer makes of it

    ix = _built_with(tmp_path / "builder", records, poison)
    assert_same_index(whoosh_written(tmp_path / "whoosh", records), ix)


def test_a_names_fast_path_left_part_way_keeps_one_term_per_name(
    tmp_path: Path, monkeypatch: Any
) -> None:
    records = passages([f"Qais al-Khazali met Jibril Rajoub {n} times" for n in range(8)])

    def poison(builder: SegmentBuilder) -> None:
        monkeypatch.setattr(segments, "analyse_names", lambda text, folding: [])

    ix = _built_with(tmp_path / "builder", records, poison)
    assert_same_index(whoosh_written(tmp_path / "whoosh", records), ix)


def test_searches_score_the_same(tmp_path: Path) -> None:
    records = passages([f"{' '.join(WORDS[: n % len(WORDS) + 1])} number {n}" for n in range(90)])
    left = whoosh_written(tmp_path / "whoosh", records)
    right = builder_written(tmp_path / "builder", records)
    for text in ("militia", "envoy union", '"militia meeting"', "café OR القدس", "number"):
        results = []
        for ix in (left, right):
            with ix.searcher() as searcher:
                query = QueryParser("text", ix.schema).parse(text)
                results.append([(hit.docnum, hit.score) for hit in searcher.search(query)])
        assert results[0] == results[1]


@settings(max_examples=20, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join), max_size=12))
def test_any_texts_read_back_alike(tmp_path_factory: Any, texts: list[str]) -> None:
    base = tmp_path_factory.mktemp("alike")
    records = passages(texts)
    if not records:
        return
    assert_same_index(whoosh_written(base / "w", records), builder_written(base / "b", records))


def test_discarded_documents_are_deleted(tmp_path: Path) -> None:
    ix = whoosh_index.create_in(str(tmp_path), store.build_schema())
    builder = SegmentBuilder(ix.storage, ix.indexname, ix.schema)
    for record in passages(["kept militia", "dropped militia", "kept again"]):
        builder.add(record)
    builder.discard([1])
    with store.write_lock(ix):
        store.commit(ix, store.Change(segments=[builder.finish()]))
    with ix.searcher() as searcher:
        found = searcher.search(QueryParser("text", ix.schema).parse("militia"))
        assert [hit["text"] for hit in found] == ["kept militia"]


def test_stored_records_are_found_by_written_offsets(tmp_path: Path) -> None:
    """Whoosh writes where each stored record starts only past 32,768 documents; a builder's
    segment always has them, so that opening it needs no pass over every record's length."""
    records = passages([f"harbour union meeting number {n}" for n in range(50)])
    ix = builder_written(tmp_path / "builder", records)
    with ix.reader() as reader:
        (segment, _), *_ = reader.leaf_readers()
        column = segment._perdoc._cached_reader("_stored", STORED_COLUMN)
        assert column._child.had_stored_offsets
        assert [reader.stored_fields(n)["text"] for n in range(50)] == [
            record["text"] for record in records
        ]


def test_long_lists_are_kept_as_arrays_equal_to_their_blocks(tmp_path: Path) -> None:
    texts = [
        f"harbour union meeting {'union ' * (n % 4)}number {n}" for n in range(3 * BLOCK_POSTINGS)
    ]
    records = passages(texts)  # titles: "Report N on the militia" on every other passage
    ix = builder_written(tmp_path / "builder", records)
    with ix.reader() as reader:
        (segment, _), *_ = reader.leaf_readers()
        for field in ("text", "title"):
            for term in list(segment.lexicon(field)):
                blocks = term_blocks(segment, field, term)
                ids = [d for block_ids, _, _ in blocks for d in block_ids]
                arrays = term_arrays(segment, field, term)
                if len(ids) < ranked_postings.MIN_POSTINGS:
                    assert arrays is None
                    continue
                assert arrays is not None
                boost = segment.schema[field].format.field_boost
                assert list(arrays[0]) == ids
                assert list(arrays[1]) == [round(w / boost) for w in _weights(segment, field, term)]
                _assert_impact_order(segment, field, term, arrays)
                positions = ranked_postings.term_positions(segment, field, term)
                assert positions is not None
                assert list(positions) == [
                    p
                    for _, _, values in blocks
                    for value in values
                    for p in decode_positions(value)
                ]
        assert term_arrays(segment, "text", "union") is not None
        assert term_arrays(segment, "title", "militia") is not None
        keys = ranked_postings.document_keys(segment)
        assert keys is not None
        assert list(keys) == [ranked_postings.document_key(r["doc"]) for r in records]
        assert len(set(keys)) == len({r["doc"] for r in records})
        assert ranked_postings.document_keys(segment) is keys  # read once per reader


def test_long_lists_of_names_are_kept_as_arrays_alone(tmp_path: Path) -> None:
    texts = [f"Qais Khazali met {'Khazali ' * (n % 3)}aides {n}" for n in range(2 * BLOCK_POSTINGS)]
    ix = builder_written(tmp_path / "builder", passages(texts))
    with ix.reader() as reader:
        (segment, _), *_ = reader.leaf_readers()
        kept = 0
        for term in list(segment.lexicon("names")):
            blocks = term_blocks(segment, "names", term)
            ids = [d for block_ids, _, _ in blocks for d in block_ids]
            arrays = term_arrays(segment, "names", term)
            if len(ids) < ranked_postings.MIN_POSTINGS:
                assert arrays is None
                continue
            kept += 1
            assert arrays is not None and list(arrays[0]) == ids
            assert list(arrays[1]) == [round(w) for w in _weights(segment, "names", term)]
            # not ranked: neither impact order nor positions
            assert ranked_postings.term_impacts(segment, "names", term, len(ids)) is None
            assert ranked_postings.term_positions(segment, "names", term) is None
        assert kept >= 2  # qais and khazali at least


def _assert_impact_order(segment: Any, field: str, term: bytes, arrays: Any) -> None:
    """Every posting is in its class of (frequency, length byte), once; classes best first
    (frequency down, then length up), each class's postings in list order."""
    ids, frequencies = arrays
    impacts = ranked_postings.term_impacts(segment, field, term, len(ids))
    assert impacts is not None
    places, classes, counts = impacts
    assert sorted(places) == list(range(len(ids))) and sum(counts) == len(ids)
    lengths = field_lengths(segment, field)
    assert list(classes) == sorted(set(classes))
    start = 0
    for code, count in zip(classes, counts, strict=True):
        members = list(places[start : start + count])
        assert members == sorted(members)
        tf, length = ranked_postings.class_of(code)
        assert {(frequencies[p], lengths[ids[p]]) for p in members} == {(tf, length)}
        start += count


def _weights(segment: Any, field: str, term: bytes) -> list[float]:
    matcher = segment.postings(field, term)
    found = []
    while matcher.is_active():
        found.append(matcher.weight())
        matcher.next()
    return found


def test_a_damaged_ranking_file_is_left_for_the_blocks(tmp_path: Path) -> None:
    texts = [f"harbour union meeting number {n}" for n in range(2 * BLOCK_POSTINGS)]
    ix = builder_written(tmp_path / "builder", passages(texts))
    (ranking,) = [name for name in ix.storage.list() if name.endswith(ranked_postings.EXTENSION)]
    (tmp_path / "builder" / ranking).write_bytes(b"HSH3 not a hash file")
    with ix.reader() as reader:
        (segment, _), *_ = reader.leaf_readers()
        assert term_arrays(segment, "text", "union") is None
        ids = [d for block_ids, _, _ in term_blocks(segment, "text", "union") for d in block_ids]
        assert ids == list(range(len(texts)))


def test_a_passage_sized_record_is_stored_and_a_long_one_deflated() -> None:
    deflater = Deflater()
    passage = ("Qais Al-Khazali met the envoy in Baghdad. " * 35).encode()  # about 1.5 KB
    long = passage * 4
    assert len(passage) < STORE_UNDER < len(long)
    stored, deflated = deflater.compress(passage), deflater.compress(long)
    assert len(stored) == len(passage) + 11  # zlib header, block header, Adler-32
    assert len(deflated) < len(long) // 4
    assert zlib.decompress(stored) == passage and zlib.decompress(deflated) == long


def _segments_with_deletions(location: Path) -> FileIndex:
    """An index of three builder segments, some passages of two of them deleted."""
    ix = new_index(location)
    texts = [
        f"harbour union meeting {'union ' * (n % 4)}Qais al-Khazali met number {n}"
        for n in range(2 * BLOCK_POSTINGS)
    ]
    records = passages(texts)
    made = []
    for part, deleted in ((records[:100], [3, 50]), (records[100:101], []), (records[101:], [0])):
        builder = SegmentBuilder(ix.storage, ix.indexname, ix.schema)
        for record in part:
            builder.add(record)
        builder.discard(deleted)
        made.append(builder.finish())
    commit_segments(ix, made)
    return ix


def _merged(location: Path, source: FileIndex, *, by_whoosh: bool) -> FileIndex:
    ix = new_index(location)
    with source.reader() as reader:
        segments = [segment for segment, _ in reader.leaf_readers()]
        if by_whoosh:
            writer = ix.writer()
            for segment in segments:
                writer.add_reader(segment)
            writer.commit()
            return ix
        builder = SegmentBuilder(ix.storage, ix.indexname, ix.schema)
        for segment in segments:
            builder.add_segment(segment)
    commit_segments(ix, [builder.finish()])
    return ix


def test_a_merge_by_the_builder_reads_back_like_whoosh_merges(tmp_path: Path) -> None:
    source = _segments_with_deletions(tmp_path / "source")
    whoosh = _merged(tmp_path / "whoosh", source, by_whoosh=True)
    ours = _merged(tmp_path / "ours", source, by_whoosh=False)
    with whoosh.reader() as a, ours.reader() as b:
        assert a.doc_count_all() == b.doc_count_all() == 2 * BLOCK_POSTINGS - 3
        assert list(a.all_terms()) == list(b.all_terms())
        for fieldname, term in a.all_terms():
            assert term_infos(a, fieldname, term) == term_infos(b, fieldname, term)
            assert postings(a, fieldname, term) == postings(b, fieldname, term)
        for docnum in range(a.doc_count_all()):
            assert a.stored_fields(docnum) == b.stored_fields(docnum)
            for fieldname in ("title", "text", "names"):
                length = a.doc_field_length(docnum, fieldname)
                assert length == b.doc_field_length(docnum, fieldname)
        for fieldname in ("title", "text", "names"):
            assert a.field_length(fieldname) == b.field_length(fieldname)


def test_a_merge_by_the_builder_keeps_a_ranking_file(tmp_path: Path) -> None:
    source = _segments_with_deletions(tmp_path / "source")
    ours = _merged(tmp_path / "ours", source, by_whoosh=False)
    with ours.reader() as reader:
        (segment, _), *_ = reader.leaf_readers()
        blocks = term_blocks(segment, "text", "union")
        arrays = term_arrays(segment, "text", "union")
        assert arrays is not None
        assert list(arrays[0]) == [d for ids, _, _ in blocks for d in ids]
        _assert_impact_order(segment, "text", b"union", arrays)
        assert term_arrays(segment, "names", "khazali") is not None
        keys = ranked_postings.document_keys(segment)
        assert keys is not None
        assert list(keys) == [
            ranked_postings.document_key(segment.stored_fields(n)["doc"])
            for n in range(segment.doc_count_all())
        ]
