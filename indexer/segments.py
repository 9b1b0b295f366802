"""Writing passages into a new Whoosh segment fast: `SegmentBuilder`.

Whoosh's own writer sends every posting through a general pool (a tuple per posting, sorted at
the end, then read back one by one), and compresses every small block and stored record with a
fresh zlib stream. That costs most of the indexing time. The builder writes the same segment
files in Whoosh's W3 format, so every Whoosh reader opens them as usual, but:

- postings gather in memory by field and term (arrays of document numbers and frequencies);
- passage text takes a fast path: words found by one regex pass and mapped to terms through
  the keyword analyzer's term cache (checked against the analyzer itself on the first texts of
  every segment, and not used if they differ);
- values that repeat from passage to passage (a document's title, path, date, passage
  numbers) are analysed once;
- small posting blocks are stored uncompressed (the W3 block header says so), larger ones and
  stored fields are deflated by one reused compressor instead of a new one per record.

`tests/test_segments.py` checks that a segment built here reads back exactly like one written by
Whoosh's SegmentWriter: the same terms, postings, weights, positions, lengths and stored fields.
"""

from __future__ import annotations

import struct
import zlib
from array import array
from collections.abc import Callable, Hashable, Iterable, Mapping
from itertools import chain, compress
from operator import itemgetter, not_, sub
from pickle import dumps
from typing import Any

from whoosh.codec import default_codec
from whoosh.codec.base import Segment
from whoosh.codec.whoosh3 import W3Codec, W3TermInfo
from whoosh.fields import FieldType, Schema
from whoosh.filedb import filetables
from whoosh.filedb.filestore import Storage
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.formats import Positions
from whoosh.reading import SegmentReader
from whoosh.system import pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

from indexer import ranked_postings
from indexer.analysis import WORD_PATTERN, KeywordAnalyzer, TermCache, compound_positions
from indexer.names.analysis import NAME_TOKENS, NameTokenizer, analyse_names, keep_tokens
from indexer.postings import decode_positions, field_blocks, field_lengths, stored_record

BLOCK_POSTINGS = 128  # W3Codec's block limit
_BLOCK_MAGIC = b"W3Bl"
_TERM_INFO = W3TermInfo._struct  # flags, weight, df, min and max length bytes, max weight, ids
_LONG = struct.Struct("!q")
_INT = struct.Struct("!i")
_KEY_VALUE = filetables._lengths  # the lengths of a key and of its value, before them
# Pickled posting blocks up to this size are stored as they are: deflating them saves little.
COMPRESS_OVER = 1024
# Stored records shorter than this are stored, not deflated (see Deflater): nearly every
# passage's (median 1.1 KB, 99 % under 2 KB at 100,000 blog posts). Inflating one takes 12 µs,
# reading it stored 2.4 µs; `mentions` reads hundreds. The stored column grows by half.
STORE_UNDER = 2048
# Texts checked against the analyzer before the fast path is trusted, in every segment.
CHECKED_TEXTS = 16
MEMO_ENTRIES = 10_000
# Text values up to this long (titles) are analysed once and remembered.
MEMO_CHARS = 200
# Bytes of memory a held posting and a distinct term take, as tracemalloc counts them when a
# segment of blog posts is built (arrays, the list of encoded values, multi-position values,
# and per term its key, tuple, arrays and list): to tell when a segment is big.
_POSTING_BYTES = 34
_TERM_BYTES = 460

Postings = tuple[array, array, list[bytes]]  # document numbers, weights, encoded values
# Surface word → term, shared by the builders of a process, cleared when full. At 200,000
# words it held some 30 MB in each worker; at 100,000 the peak of two workers and the parent
# over 100,000 blog posts went from 481 to 455 MB, in as long (each word made again after a
# clear costs 5.5 µs).
_TERMS = TermCache(limit=100_000)


class Deflater:
    """zlib streams for many small records from one reused compressor: each record is deflated
    and fully flushed (so it needs nothing before it), then framed as a whole zlib stream that
    `zlib.decompress` reads, without the cost of setting up a compressor per record."""

    def __init__(self, level: int = 1) -> None:
        self._compressor = zlib.compressobj(level, zlib.DEFLATED, -15)

    def compress(self, data: bytes, level: int = 0) -> bytes:
        """`data` as a zlib stream; one under STORE_UNDER bytes is stored as it is (deflating
        it would save little and cost more than everything else done for it)."""
        if len(data) < STORE_UNDER:
            # 78 01: zlib header; 01: the final block, stored; its length and the length's
            # complement; the data; its Adler-32.
            size = struct.pack("<HH", len(data), len(data) ^ 0xFFFF)
            return b"\x78\x01\x01" + size + data + struct.pack(">I", zlib.adler32(data))
        body = self._compressor.compress(data) + self._compressor.flush(zlib.Z_FULL_FLUSH)
        # 03 00: an empty final block after the fully flushed ones.
        return b"\x78\x01" + body + b"\x03\x00" + struct.pack(">I", zlib.adler32(data))


class SegmentBuilder:
    """Documents (dicts of field values, as for Whoosh's `add_document`) → one new segment.

    `add` numbers documents from 0; `discard` marks some of them deleted (a file that failed
    part-way); `finish` writes the postings and returns the Segment, to be committed by
    `store.commit`. Memory grows with the postings held: see `memory_bytes`.
    """

    def __init__(self, storage: Storage, indexname: str, schema: Schema) -> None:
        self.storage = storage
        self.schema = schema
        self.codec = default_codec()
        self.segment: Segment = self.codec.new_segment(storage, indexname)
        self.perdoc = self.codec.per_document_writer(storage, self.segment)
        self.deflater = Deflater()
        stored = self.perdoc._colwriters["_stored"]._child
        stored._compress = self.deflater.compress
        # Whoosh writes where each stored record starts only for more than 32,768 documents,
        # and otherwise sums the lengths in a Python loop when a reader opens the segment:
        # 3 ms a segment, paid by every cold search. Writing them costs 8 bytes a document.
        stored.cutoff = 0
        self.fields: dict[str, FieldType] = {name: schema[name] for name in schema.names()}
        self.postings: dict[str, dict[Any, Postings]] = {name: {} for name in self.fields}
        self.lengths: dict[str, array] = {}
        self.count = 0
        self.posting_count = 0
        self.discarded: set[int] = set()
        self.memo: dict[tuple[str, Hashable], list[Any]] = {}
        self.terms = _TERMS
        self.fast = {name for name, field in self.fields.items() if _fast_text(field)}
        self.checked = 0
        self.fast_names = {name for name, field in self.fields.items() if _fast_names(field)}
        self.names_checked = 0
        # A field whose fast path is left part-way holds terms both as str (from the fast
        # path) and as bytes (from Whoosh's): `finish` merges the two lists of such a term.
        self.keys_mixed = False
        self.single_positions: list[bytes] = []
        self.stored_keys = {name: f"_stored_{name}" for name in self.fields}
        self.keeps_name_tokens = NAME_TOKENS in self.fields and bool(self.fast_names)
        self.name_tokens: tuple[str, list[Any]] | None = None  # the last text's, and its text
        self.documents = array("Q")  # each passage's document key (see ranked_postings)
        self._document: tuple[Any, int] = (None, 0)  # the last document id and its key
        self.plain = {
            name
            for name, field in self.fields.items()
            if field.stored and not field.indexed and field.column_type is None
        }

    def memory_bytes(self) -> int:
        """A rough estimate of the memory the held postings take."""
        terms = sum(len(table) for table in self.postings.values())
        return self.posting_count * _POSTING_BYTES + terms * _TERM_BYTES

    def add(self, fields: Mapping[str, Any]) -> int:
        """Add one document; returns its number in the segment."""
        docnum = self.count
        perdoc = self.perdoc
        perdoc.start_doc(docnum)
        stored = perdoc._storedfields
        for name in sorted(fields):
            value = fields[name]
            if value is None or name[0] == "_":
                continue
            shown = fields.get(self.stored_keys[name], value)
            if name in self.plain:  # stored only: what add_field would do, without the call
                stored[name] = shown
                continue
            field = self.fields[name]
            length = self._index(name, field, value, docnum) if field.indexed else 0
            perdoc.add_field(name, field, shown if field.stored else None, length)
            if field.column_type is not None and shown is not None:
                perdoc.add_column_value(name, field.column_type, field.to_column_value(shown))
        if self.keeps_name_tokens:
            self._keep_name_tokens(fields, stored)
        self._end_passage(fields.get("doc"))
        return docnum

    def _end_passage(self, doc: Any) -> None:
        """Keep the passage's document key (see ranked_postings) and close its record."""
        doc = doc if isinstance(doc, str) else None
        if doc != self._document[0]:
            self._document = (doc, ranked_postings.document_key(doc))
        self.documents.append(self._document[1])
        self.perdoc.finish_doc()
        self.count += 1

    def add_segment(self, reader: SegmentReader) -> None:
        """Add every live passage of an existing segment (a merge, see `store.merge_small`): its
        stored record, length bytes and postings are copied, not analysed again, so that the
        merged segment is written as a built one is, with its ranking file. Deleted passages
        are left out."""
        live = [docnum for docnum in range(reader.doc_count_all()) if not reader.is_deleted(docnum)]
        numbers = array("i", [-1]) * reader.doc_count_all()  # old document number → new
        for position, docnum in enumerate(live):
            numbers[docnum] = self.count + position
        scored = [name for name, field in self.fields.items() if field.indexed and field.scorable]
        lengths = {name: field_lengths(reader, name) for name in scored}
        for docnum in live:
            self._add_record(stored_record(reader, docnum), {n: lengths[n][docnum] for n in scored})
        for name in reader.indexed_field_names():
            if name in self.postings:
                self._copy_postings(reader, name, numbers)

    def _add_record(self, stored: dict[str, Any], lengths: dict[str, int]) -> None:
        """One passage of a merged segment: its stored fields and length bytes as they are."""
        docnum = self.count
        perdoc = self.perdoc
        perdoc.start_doc(docnum)
        for name, value in stored.items():
            field = self.fields.get(name)
            if field is not None:  # (a field dropped from the schema is dropped here too)
                perdoc.add_field(name, field, value, 0)
        for name, code in lengths.items():
            if code:
                length = byte_to_length(code)
                perdoc.add_field(name, self.fields[name], None, length)
                self._record_length(name, docnum, length)
        self._end_passage(stored.get("doc"))

    def _copy_postings(self, reader: SegmentReader, name: str, numbers: array) -> None:
        """A field's postings of a merged segment, renumbered; deleted passages' left out."""
        table = self.postings[name]
        as_text = name in self.fast or name in self.fast_names  # their terms are kept as str
        for term, blocks in field_blocks(reader, name):
            docs, weights, values = array("I"), array("d"), []
            for block_ids, block_weights, block_values in blocks:
                count = len(block_ids)
                if block_weights is None or isinstance(block_weights, float):
                    block_weights = (1.0 if block_weights is None else block_weights,) * count
                if block_values is None:
                    block_values = (b"",) * count
                renumbered = list(map(numbers.__getitem__, block_ids))
                if min(renumbered) >= 0:  # no passage of the block deleted: the whole block
                    docs.extend(renumbered)
                    weights.extend(block_weights)
                    values.extend(block_values)
                else:
                    live = [number >= 0 for number in renumbered]
                    docs.extend(compress(renumbered, live))
                    weights.extend(compress(block_weights, live))
                    values.extend(compress(block_values, live))
            if not docs:
                continue
            key = term.decode("utf-8") if as_text else term
            held = table.get(key)
            if held is None:
                table[key] = (docs, weights, values)
            else:  # (a passage of an earlier merged segment has it too)
                held[0].extend(docs)
                held[1].extend(weights)
                held[2].extend(values)
            self.posting_count += len(docs)

    def _keep_name_tokens(self, fields: Mapping[str, Any], stored: dict[str, Any]) -> None:
        """Store the passage's name tokens, found for its `names` field, as plain tuples, when
        that field was its text (mentions read them instead of finding them again)."""
        found, self.name_tokens = self.name_tokens, None
        text = fields.get("text")
        if found is not None and isinstance(text, str) and found[0] == text:
            stored[NAME_TOKENS] = keep_tokens(found[1])

    def discard(self, docnums: Iterable[int]) -> None:
        """Mark documents of this segment deleted."""
        self.discarded.update(docnums)

    def finish(self) -> Segment:
        """Write the postings and close the segment's files."""
        self.perdoc.close()
        self._write_postings()
        self.segment.set_doc_count(self.count)
        for docnum in sorted(self.discarded):
            self.segment.delete_document(docnum)
        return self.segment

    def cancel(self) -> None:
        """Close the files without making a segment (they are removed at the next commit)."""
        if not self.perdoc.is_closed:
            self.perdoc.close()

    # Indexing one field value

    def _index(self, name: str, field: FieldType, value: Any, docnum: int) -> int:
        if name in self.fast and isinstance(value, str):
            length = self._index_text(name, field, value, docnum)
        elif name in self.fast_names and isinstance(value, str):
            length = self._index_names(name, field, value, docnum)
        else:
            length = self._index_other(name, field, value, docnum)
        if not field.scorable:
            return 0
        self._record_length(name, docnum, length)
        return length

    def _index_text(self, name: str, field: FieldType, text: str, docnum: int) -> int:
        """Passage text and titles by the fast path; a short text (a title) analysed once."""
        if len(text) <= MEMO_CHARS:
            return self._index_short_text(name, field, text, docnum)
        places, width = self._text_places(field, text)
        table = self.postings[name]
        single = self._single_positions(field, width)
        encode = field.format.encode
        boost = float(field.format.field_boost)
        length = 0
        for term, positions in places.items():
            entry = table.get(term)
            if entry is None:
                entry = table[term] = (array("I"), array("d"), [])
            entry[0].append(docnum)
            if len(positions) == 1:
                entry[1].append(boost)
                entry[2].append(single[positions[0]])
                length += 1
            else:
                entry[1].append(len(positions) * boost)
                entry[2].append(encode(positions))
                length += len(positions)
        self.posting_count += len(places)
        return length

    def _index_names(self, name: str, field: FieldType, text: str, docnum: int) -> int:
        """The names field by its tokens (`analyse_names`), without Whoosh's token objects;
        checked against Whoosh's own indexing of the field on the first texts of a segment."""
        tokens = analyse_names(text, folding=field.analyzer.folding)
        self.name_tokens = (text, tokens)
        places: dict[str, list[int]] = {}
        for token in tokens:
            found = places.get(token.term)
            if found is None:
                places[token.term] = [token.pos]
            else:
                found.append(token.pos)
        single = self._single_positions(field, max((t.pos for t in tokens), default=-1) + 1)
        encode = field.format.encode
        boost = float(field.format.field_boost)
        postings = [
            (term, len(p), len(p) * boost, single[p[0]] if len(p) == 1 else encode(p))
            for term, p in places.items()
        ]
        if self.names_checked < CHECKED_TEXTS:
            self.names_checked += 1
            expected = list(field.index(text))
            if [(t.encode("utf-8"), *rest) for t, *rest in postings] != expected:
                self.fast_names.clear()
                self.keys_mixed = True
                self.name_tokens = None  # (mentions find them again in the text)
                return self._index_other(name, field, text, docnum)
        return self._append(name, docnum, postings)

    def _index_short_text(self, name: str, field: FieldType, text: str, docnum: int) -> int:
        key = (name, text)
        postings = self.memo.get(key)
        if postings is None:
            postings = self._text_postings(field, text)
            self._remember(key, postings)
        return self._append(name, docnum, postings)

    def _append(self, name: str, docnum: int, postings: list[Any]) -> int:
        """Add one document's postings of field `name`: (term, frequency, weight, encoded
        value) each. Returns the summed frequency, the field's length in the document."""
        table = self.postings[name]
        length = 0
        for term, frequency, weight, value in postings:
            entry = table.get(term)
            if entry is None:
                entry = table[term] = (array("I"), array("d"), [])
            entry[0].append(docnum)
            entry[1].append(weight)
            entry[2].append(value)
            length += frequency
        self.posting_count += len(postings)
        return length

    def _single_positions(self, field: FieldType, count: int) -> list[bytes]:
        """The encoded value of a term found once, at each position up to `count`."""
        single = self.single_positions
        while len(single) < count:
            single.append(field.format.encode([len(single)]))
        return single

    def _text_postings(self, field: FieldType, text: str) -> list[tuple[Any, int, float, bytes]]:
        """(term, frequency, weight, encoded positions) for each distinct term of `text`."""
        places, width = self._text_places(field, text)
        single = self._single_positions(field, width)
        encode = field.format.encode
        boost = float(field.format.field_boost)
        return [
            (term, len(p), len(p) * boost, single[p[0]] if len(p) == 1 else encode(p))
            for term, p in places.items()
        ]

    def _text_places(self, field: FieldType, text: str) -> tuple[dict[str, list[int]], int]:
        """Each term of `text` with its positions, as the field's analyzer gives them (a stop
        word takes a position and gives no term; a hyphenated compound's extra term stands at
        its second word's), and how many positions the text spans."""
        words = WORD_PATTERN.findall(text)
        known = self.terms.terms
        try:
            found = list(map(known.__getitem__, words))
        except KeyError:  # words not seen before: only those through the slow path
            found = self.terms.terms_of(words)
        places: dict[str, list[int]] = {}
        for position, term in enumerate(found):
            if term is None:  # a stop word (a term is never empty)
                continue
            held = places.get(term)
            if held is None:
                places[term] = [position]
            else:
                held.append(position)
        for term, position in compound_positions(text):  # e-mail: email too
            held = places.setdefault(term, [])
            held.append(position)
            held.sort()
        if self.checked < CHECKED_TEXTS:
            self.checked += 1
            expected = _places(field.analyzer(text, positions=True))
            if places != expected:
                self.fast.clear()
                self.keys_mixed = True
                places = expected
        return places, len(words)

    def _index_other(self, name: str, field: FieldType, value: Any, docnum: int) -> int:
        """Any other indexed field, through the field's own `index`; short values (ids,
        dates, numbers, titles) are analysed once and remembered."""
        short = not isinstance(value, str) or len(value) <= MEMO_CHARS
        key = (name, value if isinstance(value, Hashable) else repr(value))
        items = self.memo.get(key) if short else None
        if items is None:
            items = list(field.index(value))
            if short:
                self._remember(key, items)
        return self._append(name, docnum, items)

    def _remember(self, key: tuple[str, Hashable], postings: list[Any]) -> None:
        if len(self.memo) >= MEMO_ENTRIES:
            self.memo.clear()
        self.memo[key] = postings

    def _record_length(self, name: str, docnum: int, length: int) -> None:
        lengths = self.lengths.get(name)
        if lengths is None:
            lengths = self.lengths[name] = array("B")
        if len(lengths) < docnum:
            lengths.extend(bytes(docnum - len(lengths)))
        lengths.append(length_to_byte(length))

    # Writing

    def _write_postings(self) -> None:
        terms_file = self.segment.create_file(self.storage, W3Codec.TERMS_EXT)
        term_index = _TermIndex(terms_file)
        fieldmap: dict[str, int] = {}
        term_index.extras["fieldmap"] = fieldmap
        postfile = self.segment.create_file(self.storage, W3Codec.POSTS_EXT)
        ranked: list[tuple[bytes, array, array, bytes | None, array | None]] = []
        # A word found once in a passage is encoded as one of these values: its position.
        once = {value: [position] for position, value in enumerate(self.single_positions)}
        for name in sorted(self.postings):
            table = self.postings[name]
            if not table:
                continue
            fieldmap[name] = len(fieldmap)
            prefix = pack_ushort(fieldmap[name])
            field = self.fields[name]
            writer = _TermWriter(postfile, field, self.lengths.get(name), self.deflater)
            write = writer.write
            terms = _sorted_terms(table, self.keys_mixed)
            term_index.add_sorted([(prefix + term, write(p)) for term, p in terms])
            writer.flush()
            if ranked_postings.keeps_arrays(field):
                boost = float(field.format.field_boost)
                lengths = self.lengths.get(name, array("B"))
                ranked += _long_lists(
                    name, terms, boost, lengths, ranked_postings.is_ranked(field), once
                )
            self.postings[name] = {}
        term_index.close()
        postfile.close()
        name = self.segment.make_filename(ranked_postings.EXTENSION)
        ranked_postings.write(self.storage, name, ranked, self.documents)


class _TermIndex(OrderedHashWriter):
    """Whoosh's ordered hash file of terms, written a whole field at a time: the same bytes as
    `add` for each term gives, with one write to the file."""

    def add_sorted(self, items: list[tuple[bytes, bytes]]) -> None:
        """Add (key, value) pairs, keys in increasing order and above any added before."""
        base = self.dbfile.tell()
        out = bytearray()
        positions, buckets, hashfn = self.index, self.buckets, self.hashfn
        last: bytes = self.lastkey  # type: ignore[has-type]
        for key, value in items:
            if key <= last:
                raise ValueError(f"keys must increase: {last!r}..{key!r}")
            position = base + len(out)
            positions.append(position)
            out += _KEY_VALUE.pack(len(key), len(value))
            out += key
            out += value
            hashed = hashfn(key)
            buckets[hashed & 255].append((hashed, position))
            last = key
        self.lastkey = last
        self.dbfile.write(bytes(out))


def _fast_text(field: FieldType) -> bool:
    return isinstance(field.analyzer, KeywordAnalyzer) and isinstance(field.format, Positions)


def _fast_names(field: FieldType) -> bool:
    return isinstance(field.analyzer, NameTokenizer) and isinstance(field.format, Positions)


def _long_lists(
    field: str,
    terms: list[tuple[bytes, Postings]],
    boost: float,
    lengths: array,
    ranked: bool,
    once: dict[bytes, list[int]],
) -> list[tuple[bytes, array, array, bytes | None, array | None]]:
    """The field's posting lists long enough to keep as arrays, a ranked field's each with
    its passages' length bytes and its word positions (see indexer.ranked_postings); `once`
    holds the positions of encoded values of one position."""
    found = []
    for term, (ids, weights, values) in terms:
        if len(ids) >= ranked_postings.MIN_POSTINGS:
            frequencies = ranked_postings.frequencies_of(weights, boost)
            if frequencies is not None:
                codes = bytes(map(lengths.__getitem__, ids)) if ranked else None
                positions = _positions(values, frequencies, once) if ranked else None
                name = ranked_postings.key(field, term)
                found.append((name, ids, frequencies, codes, positions))
    return found


def _positions(
    values: list[bytes], frequencies: array, once: dict[bytes, list[int]]
) -> array | None:
    """Every posting's word positions in turn, decoded from their W3 encodings; None when
    they do not agree with the frequencies. Values of one position are looked up in `once`,
    and only the others decoded, so most of the work is done by map at C speed."""
    found: list[list[int] | None] = list(map(once.get, values))
    for index in compress(range(len(found)), map(not_, found)):
        found[index] = decode_positions(values[index])
    if list(map(len, found)) != frequencies.tolist():  # type: ignore[arg-type]
        return None
    return array("I", chain.from_iterable(found))  # type: ignore[arg-type]


def _places(tokens: Iterable[Any]) -> dict[str, list[int]]:
    """Each token text with its positions, in order."""
    places: dict[str, list[int]] = {}
    for token in tokens:
        places.setdefault(token.text, []).append(token.pos)
    return places


def _sorted_terms(table: dict[Any, Postings], mixed: bool) -> list[tuple[bytes, Postings]]:
    """The table's (term as bytes, postings) in term order; with `mixed`, a term held both as
    str and as bytes gets one list, in document order."""
    items = [
        (term.encode("utf-8") if isinstance(term, str) else term, p) for term, p in table.items()
    ]
    items.sort(key=_first)
    if not mixed:
        return items
    merged: list[tuple[bytes, Postings]] = []
    for term, found in items:
        if merged and merged[-1][0] == term:
            merged[-1] = (term, _merged_postings(merged[-1][1], found))
        else:
            merged.append((term, found))
    return merged


def _merged_postings(left: Postings, right: Postings) -> Postings:
    """Two posting lists of one term (of different passages) as one, by document number."""
    rows = sorted(chain(zip(*left, strict=True), zip(*right, strict=True)), key=itemgetter(0))
    docnums, weights, values = zip(*rows, strict=True)
    return array("I", docnums), array("d", weights), list(values)


def _first(item: tuple[bytes, Postings]) -> bytes:
    return item[0]


class _TermWriter:
    """Writes one field's posting lists in W3 blocks into a buffer, and returns each term's
    info bytes (as `W3TermInfo.to_bytes` packs them). The per-posting work is done by C-level
    helpers (map, count, tuple) on whole blocks; `flush` writes the buffer to the file."""

    def __init__(
        self, postfile: Any, field: FieldType, lengths: array | None, deflater: Deflater
    ) -> None:
        self.postfile = postfile
        self.base = postfile.tell()
        self.out = bytearray()
        self.fixed_size = field.format.fixed_value_size()
        self.lengths = lengths
        self.compress: Callable[[bytes], bytes] = deflater.compress

    def write(self, postings: Postings) -> bytes:
        docnums, weights, values = postings
        out = self.out
        start = self.base + len(out)
        out += _BLOCK_MAGIC
        total = len(docnums)
        if total == 1:  # most terms of a segment: the same block, without the general steps
            low, high, weight, top = self._single(docnums[0], weights[0], values[0])
        elif total <= BLOCK_POSTINGS:
            low, high, weight, top = self._block(docnums, weights.tolist(), values, True)
        else:
            low = high = 0
            weight = top = 0.0
            for begin in range(0, total, BLOCK_POSTINGS):
                end = begin + BLOCK_POSTINGS
                block_low, block_high, block_weight, block_top = self._block(
                    docnums[begin:end], weights[begin:end].tolist(), values[begin:end], end >= total
                )
                if block_low and (not low or block_low < low):
                    low = block_low
                high = max(high, block_high)
                weight += block_weight
                top = max(top, block_top)
        info = _TERM_INFO.pack(0, weight, total, low, high, top, docnums[0], docnums[-1])
        return info + _LONG.pack(start) + _INT.pack(self.base + len(out) - start)

    def flush(self) -> None:
        self.postfile.write(bytes(self.out))
        self.out = bytearray()

    def _block(
        self, docnums: array, weights: list[float], values: list[bytes], last: bool
    ) -> tuple[int, int, float, float]:
        """Write one block as W3PostingsWriter does; returns its smallest and largest non-zero
        length bytes (0 when none), its summed weight and its largest."""
        low = high = 0
        if self.lengths is not None:
            found = list(map(self.lengths.__getitem__, docnums))
            low, high = min(found), max(found)
            if not low:
                low = min(filter(None, found), default=0)
        top = max(weights)
        data = dumps((_deltas(docnums), _mini_weights(weights), self._mini_values(values)), 2)
        compression = 0
        if len(data) > COMPRESS_OVER:
            data = self.compress(data)
            compression = 1
        head = dumps((len(docnums), docnums[-1], top, compression, low, high), 2)
        size = len(head) + len(data)
        out = self.out
        out += _INT.pack(-size if last else size)
        out += head
        out += data
        return low, high, sum(weights), top

    def _single(self, docnum: int, weight: float, value: bytes) -> tuple[int, int, float, float]:
        """`_block` for a list of one posting (the same bytes)."""
        length = self.lengths[docnum] if self.lengths is not None else 0
        mini_weight = None if weight == 1.0 else weight
        data = dumps(((docnum,), mini_weight, self._mini_values([value])), 2)
        compression = 0
        if len(data) > COMPRESS_OVER:
            data = self.compress(data)
            compression = 1
        head = dumps((1, docnum, weight, compression, length, length), 2)
        out = self.out
        out += _INT.pack(-len(head) - len(data))
        out += head
        out += data
        return length, length, weight, weight

    def _mini_values(self, values: list[bytes]) -> bytes | tuple[bytes, ...] | None:
        fixed = self.fixed_size
        if fixed == 0:
            return None
        if fixed is None or fixed < 0:
            return tuple(filter(None, values))
        return b"".join(values)


def _deltas(docnums: array) -> tuple[int, ...]:
    """Each document number minus the one before it (the first minus 0)."""
    return tuple(map(sub, docnums, chain((0,), docnums)))


def _mini_weights(weights: list[float]) -> float | tuple[float, ...] | None:
    """None when every weight is 1, the weight when all are equal, else all of them."""
    count = len(weights)
    if weights.count(1.0) == count:
        return None
    if weights.count(weights[0]) == count:
        return weights[0]
    return tuple(weights)
