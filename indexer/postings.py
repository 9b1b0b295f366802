"""Posting lists read a block at a time, for matching and ranking without a matcher per posting.

Whoosh walks postings through a tree of matcher objects, several Python calls per posting and
per document scored: on an index of 200,000 passages a common word took 100–400 ms. This
module reads the same W3 posting lists (as `indexer.segments` and Whoosh's writer store them)
one block of up to 128 postings at a time: the block's document numbers, weights and encoded
values come out of one `pickle.loads` and are handed on whole, so that sets, sums and position
checks run over tuples at C speed.

- `term_blocks`: the blocks of one term in one segment (deleted documents still in them);
- `term_docs`: the live documents holding a term, over every segment (a long list from the
  segment's ranking file when it keeps one: `indexer.ranked_postings`);
- `term_positions`: the word positions of a term in some documents (for phrases);
- `field_lengths`: a segment's per-document length bytes of a field, as Whoosh stores them;
- `stored_record`: a document's stored fields as its segment holds them;
- `document_keys_of`: which document (a key of its id) each passage is in, without reading it.

Document numbers returned by `term_docs` and `term_positions` are the searcher's (segment
offset added); `term_blocks` gives a segment's own.

Inside `one_query()`, each term's blocks are read once however often the query's matching,
phrase checks and ranking ask for them; nothing is kept from one query to the next.
"""

from __future__ import annotations

import contextlib
import io
import pickle
import struct
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextvars import ContextVar
from itertools import accumulate
from typing import Any, TypeVar

from whoosh.reading import IndexReader, MultiReader, SegmentReader, TermNotFound

from indexer import ranked_postings

_BLOCK_MAGIC = b"W3Bl"
_INT = struct.Struct("!i")

# One block: segment document numbers, weights (a tuple, one float for all, or None for all
# 1.0) and encoded values (a tuple of bytes for positions, else None).
Block = tuple[tuple[int, ...], Any, Any]


def leaf_readers(reader: IndexReader) -> list[tuple[IndexReader, int]]:
    """The segment readers behind `reader`, each with the offset of its document numbers."""
    return list(reader.leaf_readers())


def stored_record(reader: IndexReader, docnum: int) -> dict[str, Any]:
    """The stored fields of `docnum` (the reader's number), read from its segment directly:
    Whoosh's reader copies every record to drop fields removed from the schema, which passages
    never removes (a format change rebuilds the index), at 15 µs a record."""
    if isinstance(reader, MultiReader):
        segment, docnum = reader._segment_and_docnum(docnum)
        reader = reader.readers[segment]
    if not isinstance(reader, SegmentReader):
        found: dict[str, Any] = reader.stored_fields(docnum)
        return found
    record: dict[str, Any] = reader._perdoc.stored_fields(docnum)
    return record


def document_keys_of(reader: IndexReader) -> Callable[[int], int | None]:
    """A function from a document number of `reader` to the key of its document id
    (`ranked_postings.document_key`), or None where the segment does not keep the keys."""
    segments = leaf_readers(reader)
    offsets = [offset for _, offset in segments]
    keys = [ranked_postings.document_keys(segment) for segment, _ in segments]

    def key_of(docnum: int) -> int | None:
        number = bisect_right(offsets, docnum) - 1
        found = keys[number]
        return None if found is None else found[docnum - offsets[number]]

    return key_of


_T = TypeVar("_T")
_QUERY_MEMO: ContextVar[dict[Any, Any] | None] = ContextVar("query_memo", default=None)


@contextlib.contextmanager
def one_query() -> Iterator[None]:
    """Read each term's postings once inside the block (see the module docstring)."""
    token = _QUERY_MEMO.set({})
    try:
        yield
    finally:
        _QUERY_MEMO.reset(token)


def once_per_query(key: Hashable, compute: Callable[[], _T]) -> _T:
    """`compute()`, kept under `key` for the rest of the running `one_query` block (and
    computed every time outside one)."""
    memo = _QUERY_MEMO.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    found: _T = memo[key]
    return found


def _text(term: str | bytes) -> str:
    """A term as text, for a memo key (a numeric field's terms are bytes that are not UTF-8)."""
    return term.decode("utf-8", "surrogateescape") if isinstance(term, bytes) else term


def term_blocks(segment: IndexReader, field: str, term: str | bytes) -> list[Block]:
    """The posting blocks of `term` in `field` of one segment (none when it is not there);
    read once per query."""
    key = ("blocks", id(segment), field, _text(term))
    return once_per_query(key, lambda: list(_term_blocks(segment, field, term)))


def term_arrays(segment: IndexReader, field: str, term: str | bytes) -> tuple[array, array] | None:
    """A long posting list of one segment as arrays of document numbers and frequencies, when
    the segment's ranking file keeps it (`indexer.ranked_postings`); read once per query."""
    key = ("arrays", id(segment), field, _text(term))
    return once_per_query(key, lambda: _long_list(segment, field, term))


def _long_list(segment: IndexReader, field: str, term: str | bytes) -> tuple[array, array] | None:
    # Another field's, or a short list, is not in the file: the schema and the lexicon say so
    # without opening it (a search for rare words opens no ranking file at all).
    schema = segment.schema
    if field not in schema or not ranked_postings.keeps_arrays(schema[field]):
        return None
    info = _term_info(segment, field, term)
    if info is None or info.doc_frequency() < ranked_postings.MIN_POSTINGS:
        return None
    return ranked_postings.term_arrays(segment, field, term)


def _term_info(segment: IndexReader, field: str, term: str | bytes) -> Any:
    """The segment's lexicon entry of `term` in `field` (None without one), read once per
    query inside `one_query`: the ranking file's check and the blocks both need it."""
    return once_per_query(
        ("info", id(segment), field, _text(term)), lambda: _lexicon_entry(segment, field, term)
    )


def _lexicon_entry(segment: IndexReader, field: str, term: str | bytes) -> Any:
    try:
        return segment.term_info(field, term)
    except (TermNotFound, KeyError):
        return None


def field_blocks(segment: SegmentReader, field: str) -> Iterator[tuple[bytes, list[Block]]]:
    """Every term of `field` in one segment, in order, with its posting blocks: the lexicon
    read through once (a merge copies them all), not looked up term by term."""
    for (name, term), info in segment.iter_from(field, b""):  # (bytes: a numeric field too)
        if name != field:
            return
        yield term, list(_info_blocks(segment, info))


def _term_blocks(segment: IndexReader, field: str, term: str | bytes) -> Iterator[Block]:
    info = _term_info(segment, field, term)
    if info is not None:
        yield from _info_blocks(segment, info)


def _info_blocks(segment: IndexReader, info: Any) -> Iterator[Block]:
    """The posting blocks a lexicon entry points to (or holds: an inlined list)."""
    if info.is_inlined():
        ids, weights, values = info.inlined_postings()
        yield tuple(ids), tuple(weights), tuple(values)
        return
    offset, length = info.extent()
    if isinstance(length, tuple):  # W3TermInfo.from_bytes leaves it as struct.unpack gave it
        (length,) = length
    data = segment._terms._postfile.get(offset, length)  # the segment's open .pst file
    yield from _blocks(data)


def _blocks(data: bytes) -> Iterator[Block]:
    """Parse a W3 posting list: magic, then blocks of (signed length, pickled header, data);
    a negative length marks the last block."""
    if data[:4] != _BLOCK_MAGIC:
        raise ValueError("not a W3 posting list")
    stream = io.BytesIO(data)
    position = 4
    while True:
        (size,) = _INT.unpack_from(data, position)
        last = size < 0
        start = position + _INT.size
        end = start + abs(size)
        stream.seek(start)
        header = pickle.load(stream)
        compressed = header[3]
        body = data[stream.tell() : end]
        deltas, weights, values = pickle.loads(zlib.decompress(body) if compressed else body)
        yield tuple(accumulate(deltas)), weights, values
        if last:
            return
        position = end


def term_docs(reader: IndexReader, field: str, term: str | bytes) -> set[int]:
    """The live documents whose `field` holds `term`."""
    found: set[int] = set()
    for segment, offset in leaf_readers(reader):
        deleted = segment.deleted_docs_set if segment.has_deletions() else frozenset()
        arrays = term_arrays(segment, field, term)
        chunks = [arrays[0]] if arrays is not None else _block_ids(segment, field, term)
        for ids in chunks:
            live = [d for d in ids if d not in deleted] if deleted else ids
            found.update(map(offset.__add__, live) if offset else live)
    return found


def _block_ids(segment: IndexReader, field: str, term: str | bytes) -> list[tuple[int, ...]]:
    return [ids for ids, _, _ in term_blocks(segment, field, term)]


def term_positions(
    reader: IndexReader, field: str, term: str | bytes, docnums: Iterable[int]
) -> dict[int, list[int]]:
    """The word positions of `term` in `field` of each of `docnums` that holds it (the
    field must store positions). Lists for equal encodings are shared: do not change them."""
    wanted = set(docnums)
    if not wanted:
        return {}
    lowest = min(wanted)
    ordered: list[int] | None = None
    decoded: dict[bytes, list[int]] = {}  # a word found once at position p: one encoding
    found: dict[int, list[int]] = {}
    for segment, offset in leaf_readers(reader):
        flat = _flat_positions(segment, field, term)
        if flat is not None:
            ordered = sorted(wanted) if ordered is None else ordered
            _positions_from_arrays(flat, offset, segment.doc_count_all(), ordered, found)
            continue
        for ids, _, values in term_blocks(segment, field, term):
            if ids[-1] + offset < lowest:
                continue
            for i, docnum in enumerate(ids):
                if docnum + offset in wanted:
                    value = values[i]
                    positions = decoded.get(value)
                    if positions is None:
                        positions = decoded[value] = decode_positions(value)
                    found[docnum + offset] = positions
    return found


def _flat_positions(
    segment: IndexReader, field: str, term: str | bytes
) -> tuple[array, list[int], array] | None:
    """A long list's document numbers, where each posting's positions start (and the end),
    and the positions, from the segment's ranking file; read once per query."""
    key = ("positions", id(segment), field, _text(term))
    return once_per_query(key, lambda: _read_flat_positions(segment, field, term))


def _read_flat_positions(
    segment: IndexReader, field: str, term: str | bytes
) -> tuple[array, list[int], array] | None:
    arrays = term_arrays(segment, field, term)
    if arrays is None:
        return None
    positions = ranked_postings.term_positions(segment, field, term)
    if positions is None:
        return None
    return arrays[0], list(accumulate(arrays[1], initial=0)), positions


def _positions_from_arrays(
    flat: tuple[array, list[int], array],
    offset: int,
    count: int,
    wanted: list[int],
    found: dict[int, list[int]],
) -> None:
    """Add the positions of the `wanted` documents (sorted, the searcher's numbers) in one
    segment of `count` documents from `offset` that its arrays `flat` hold."""
    ids, starts, positions = flat
    size = len(ids)
    for docnum in wanted[bisect_left(wanted, offset) : bisect_left(wanted, offset + count)]:
        place = bisect_left(ids, docnum - offset)
        if place < size and ids[place] == docnum - offset:
            found[docnum] = positions[starts[place] : starts[place + 1]].tolist()


def decode_positions(value: bytes) -> list[int]:
    """Word positions as Whoosh's `Positions` format encodes them: a count, then the pickled
    gaps (its pickle's final stop mark may be left off)."""
    body = value[4:]
    return list(accumulate(pickle.loads(body if body.endswith(b".") else body + b".")))


def field_lengths(segment: IndexReader, field: str) -> bytes:
    """Each document's length byte in `field` (Whoosh's `length_to_byte`), one per document
    of the segment; zero where the field is empty. Read once per query inside `one_query`."""
    return once_per_query(("lengths", id(segment), field), lambda: _field_lengths(segment, field))


def _field_lengths(segment: IndexReader, field: str) -> bytes:
    count = segment.doc_count_all()
    perdoc = getattr(segment, "_perdoc", None)
    if perdoc is None:
        return bytes(count)
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

    column = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
    if column is None:
        return bytes(count)
    stored = column._dbfile.get(column._basepos, column._count)
    return bytes(stored) + bytes(count - len(stored))
