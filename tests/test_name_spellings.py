"""Capital shares read from the index: how often a word is written with a capital."""

from __future__ import annotations

from pathlib import Path

from whoosh import index as whoosh_index

from indexer.name_spellings import capital_share, name_word_test
from tests.names_index import build_index


def _add_segment(folder: Path, passages: list[str]) -> None:
    ix = whoosh_index.open_dir(str(folder))
    with ix.writer() as writer:
        for text in passages:
            writer.add_document(doc="more.txt", path="more.txt", text=text, names=text)
        writer.mergetype = lambda writer, segments: segments  # keep the segments apart


def test_a_stems_other_forms_count_in_every_segment(tmp_path: Path) -> None:
    build_index(
        tmp_path,
        [("a.txt", None, ["Mr Browne said so.", "Mr Brown has brown eyes.", "Some brown bread."])],
        keywords=True,
    )
    _add_segment(tmp_path, ["Then Browne left.", "A brown dog.", "Brownie points.", "Mr Brownlow."])
    with whoosh_index.open_dir(str(tmp_path)).searcher() as searcher:
        assert len(list(searcher.reader().leaf_readers())) == 2
        # brown: 5 passages hold the stem (not Brownie's, Brownlow's); Browne is capitalised
        # in 2 and Brown in 1
        assert capital_share(searcher, "browne", stems=True) == 3 / 5
        assert capital_share(searcher, "brown", stems=True) == 1 / 5  # the stem itself: as written
        assert capital_share(searcher, "browne") is None  # the keyword field changed it
        name_word = name_word_test(searcher)
        assert name_word("brownlow") and not name_word("brown")
