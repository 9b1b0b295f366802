"""Long posting lists of the ranked fields kept a second time, as plain arrays, for ranking.

Whoosh's W3 posting blocks hold document numbers, weights and every posting's positions in one
pickle per block of 128: to count and rank a common word, a search unpickles all its positions
too, and that was a third of the time of a query. Each segment the builder writes also keeps,
in a file of its own (`<segment>.rnk`, a Whoosh hash file, removed with the segment), the
document numbers (uint32) and term frequencies (uint16) of every term of the text and title
fields that has at least `MIN_POSTINGS` postings in the segment, both little-endian, one
after the other. Matching and ranking read those with `array.frombytes`; shorter lists,
positions (phrases), and segments without the file (written by Whoosh, as a merge does) go
on through the blocks (`indexer.postings`). The file lists the fields it holds; one that is
gone or damaged is left aside, since the blocks hold the same postings. The names field's long
lists are kept too, as arrays alone, for `mentions` to find a name's passages
(`keeps_arrays`).

Each list of the ranked fields also has its postings in impact order (`impact_order`, under
`impact_key`): a posting's BM25 weight depends only on its term frequency and on the passage's
length byte, so postings of equal (frequency, length byte) form a class of equal weight, and
within one frequency a shorter passage weighs more. The classes are listed by frequency,
highest first, then by length byte, shortest first, each with how many postings it has; the
postings are given as their places in the list. Ranking reads a common word's postings best
first and stops once no passage it has not seen can reach the top (`indexer.impact`).

And each of those lists' word positions, every posting's in list order (its frequency says
how many), under `positions_key`, so that phrases are checked without unpickling the W3 blocks.

The file also keeps, for each passage of the segment, a 64-bit key of its document's id
(`document_key`), so that `mentions` can tell which document a passage is in without reading
its stored record.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from whoosh.fields import FieldType
from whoosh.filedb.filestore import Storage
from whoosh.filedb.filetables import HashReader, HashWriter
from whoosh.formats import Positions
from whoosh.reading import IndexReader, SegmentReader

from indexer.analysis import KeywordAnalyzer
from indexer.names.analysis import NameTokenizer

EXTENSION = ".rnk"
MIN_POSTINGS = 64
"""Shorter lists are read from their blocks as fast (one or few small pickles)."""

_SWAP = sys.byteorder != "little"
_MOST = 0xFFFF  # the largest term frequency kept (uint16)
_DOCUMENTS = b"\x00documents"  # the key of the passages' document keys
_IMPACTS = b"\x01"  # before a list's key: its impact order
_POSITIONS = b"\x02"  # before a list's key: its word positions
_CACHE = "_passages_ranked"  # where a segment reader keeps its open file (or None)
_KEYS_CACHE = "_passages_document_keys"  # and its document keys (or None)


def is_ranked(field: FieldType) -> bool:
    """Whether the builder keeps a field's long lists here: scored text analysed by the
    keyword analyzer, with positions (the text and title fields)."""
    return (
        field.scorable
        and isinstance(field.analyzer, KeywordAnalyzer)
        and isinstance(field.format, Positions)
    )


def keeps_arrays(field: FieldType) -> bool:
    """Whether the builder keeps a field's long lists here: the ranked fields', and the
    names field's (without impact order or positions)."""
    return is_ranked(field) or (
        isinstance(field.analyzer, NameTokenizer) and isinstance(field.format, Positions)
    )


def key(field: str, term: str | bytes) -> bytes:
    """The key of a field's term in the file."""
    return (
        field.encode("utf-8") + b"\x00" + (term.encode("utf-8") if isinstance(term, str) else term)
    )


def impact_key(field: str, term: str | bytes) -> bytes:
    """The key of a field's term's impact order in the file."""
    return _IMPACTS + key(field, term)


def positions_key(field: str, term: str | bytes) -> bytes:
    """The key of a field's term's word positions in the file."""
    return _POSITIONS + key(field, term)


def document_key(doc: str | None) -> int:
    """A 64-bit key of a document id (0 for none); equal ids, equal keys, in every segment."""
    if doc is None:
        return 0
    return int.from_bytes(hashlib.blake2b(doc.encode("utf-8"), digest_size=8).digest(), "little")


def write(
    storage: Storage,
    filename: str,
    lists: list[tuple[bytes, array, array, bytes | None, array | None]],
    documents: array,
) -> None:
    """Write (key, document numbers, term frequencies, length bytes, positions) lists, the
    length bytes being those of the lists' passages (None: no impact order) and the positions
    every posting's in turn (or None), each with its impact order, and the passages' document
    keys (array "Q", one per document of the segment) to a new file `filename`."""
    writer = HashWriter(storage.create_file(filename))
    keys = array("Q", documents)
    if _SWAP:
        keys.byteswap()
    writer.add(_DOCUMENTS, keys.tobytes())
    writer.extras["fields"] = sorted(
        {name.split(b"\x00", 1)[0].decode("utf-8") for name, *_ in lists}
    )
    for name, ids, frequencies, lengths, positions in lists:
        impacts = None if lengths is None else impact_order(frequencies, lengths)
        if positions is not None:
            positions = array("H" if max(positions, default=0) <= 0xFFFF else "I", positions)
        if _SWAP:
            ids, frequencies = array("I", ids), array("H", frequencies)
            for numbers in (ids, frequencies, *(impacts or ()), positions):
                if numbers is not None:
                    numbers.byteswap()
        writer.add(name, ids.tobytes() + frequencies.tobytes())
        if impacts is not None:
            writer.add(_IMPACTS + name, b"".join(numbers.tobytes() for numbers in impacts))
        if positions is not None:
            writer.add(_POSITIONS + name, positions.typecode.encode("ascii") + positions.tobytes())
    writer.close()


def impact_order(frequencies: Sequence[int], lengths: Sequence[int]) -> tuple[array, array, array]:
    """A list's postings by class of equal weight, best first: the places in the list of its
    postings, class after class, each class's postings in list order ("H" when the list has at
    most 65,536 postings, else "I"); the classes, each as (0xFFFF - frequency) << 8 | length
    byte, increasing; and how many postings each class has. `lengths` are the postings' own
    length bytes."""
    codes = [
        (_MOST - frequency) << 8 | length
        for frequency, length in zip(frequencies, lengths, strict=True)
    ]
    places = array(_places_code(len(codes)), sorted(range(len(codes)), key=codes.__getitem__))
    counted = sorted(Counter(codes).items())
    return places, array("I", [c for c, _ in counted]), array("I", [n for _, n in counted])


def class_of(code: int) -> tuple[int, int]:
    """(term frequency, length byte) of an impact class."""
    return _MOST - (code >> 8), code & 0xFF


def _places_code(count: int) -> str:
    return "H" if count <= 0x10000 else "I"


def frequencies_of(weights: array, boost: float) -> array | None:
    """The term frequencies behind a builder's weights (frequency × field boost), or None
    when one does not fit in 16 bits."""
    found = array("H")
    try:
        if boost == 1.0:
            found.extend(map(int, weights))
        else:
            found.extend([round(weight / boost) for weight in weights])
    except OverflowError:
        return None
    return found


def term_arrays(segment: IndexReader, field: str, term: str | bytes) -> tuple[array, array] | None:
    """The segment's document numbers and frequencies of `term` in `field`, when its ranking
    file holds them; None when it does not (a short list, or a segment without the file).
    Deleted documents are still in them, as in the blocks."""
    table = _table(segment)
    if table is None or field not in table.extras.get("fields", ()):
        return None
    value = table.get(key(field, term))
    if value is None:
        return None
    count = len(value) // 6
    ids, frequencies = array("I"), array("H")
    ids.frombytes(value[: 4 * count])
    frequencies.frombytes(value[4 * count :])
    if _SWAP:
        ids.byteswap()
        frequencies.byteswap()
    return ids, frequencies


def term_impacts(
    segment: IndexReader, field: str, term: str | bytes, count: int
) -> tuple[array, array, array] | None:
    """The impact order (`impact_order`) of the segment's list of `term` in `field`, which has
    `count` postings; None when the ranking file does not keep it."""
    table = _table(segment)
    if table is None:
        return None
    value = table.get(impact_key(field, term))
    if value is None:
        return None
    places = array(_places_code(count))
    split = places.itemsize * count
    places.frombytes(value[:split])
    numbers = array("I")
    numbers.frombytes(value[split:])
    if _SWAP:
        places.byteswap()
        numbers.byteswap()
    half = len(numbers) // 2
    return places, numbers[:half], numbers[half:]


def term_positions(segment: IndexReader, field: str, term: str | bytes) -> array | None:
    """The word positions of every posting of the segment's list of `term` in `field`, in
    list order, when the ranking file keeps them; else None."""
    table = _table(segment)
    value = None if table is None else table.get(positions_key(field, term))
    if not value:
        return None
    positions = array(value[:1].decode("ascii"))
    positions.frombytes(value[1:])
    if _SWAP:
        positions.byteswap()
    return positions


def document_keys(segment: IndexReader) -> array | None:
    """The document key (`document_key`) of each document of the segment, or None when its
    ranking file does not keep them; read once per segment reader, as Whoosh keeps a stored
    column's offsets."""
    keys: array | None = _kept_on(segment, _KEYS_CACHE, _read_document_keys)
    return keys


def _read_document_keys(segment: IndexReader) -> array | None:
    table = _table(segment)
    value = None if table is None else table.get(_DOCUMENTS)
    if value is None:
        return None
    keys = array("Q")
    keys.frombytes(value)
    if _SWAP:
        keys.byteswap()
    return keys if len(keys) == segment.doc_count_all() else None


def _table(segment: IndexReader) -> HashReader | None:
    """The segment reader's ranking file, opened on first use (None without one)."""
    table: HashReader | None = _kept_on(segment, _CACHE, _open_table)
    return table


def _open_table(segment: IndexReader) -> HashReader | None:
    if not isinstance(segment, SegmentReader):
        return None
    storage, name = segment._storage, segment._segment.make_filename(EXTENSION)
    # Gone (a commit removed the segment after this reader opened it) or damaged: the
    # blocks hold the same postings.
    with contextlib.suppress(Exception):
        return HashReader.open(storage, name) if storage.file_exists(name) else None
    return None


def _kept_on(segment: IndexReader, key: str, read: Callable[[IndexReader], Any]) -> Any:
    """`read(segment)`, kept on the segment reader for its life: a segment's files never
    change."""
    found: Any = segment.__dict__.get(key, ...)
    if found is ...:
        found = segment.__dict__[key] = read(segment)
    return found
    table = None
    if isinstance(segment, SegmentReader):
        storage, name = segment._storage, segment._segment.make_filename(EXTENSION)
        # Gone (a commit removed the segment after this reader opened it) or damaged: the
        # blocks hold the same postings.
        with contextlib.suppress(Exception):
            table = HashReader.open(storage, name) if storage.file_exists(name) else None
    segment.__dict__[_CACHE] = table
    return table
