"""`--grep` positions: the line and column of each matched word in its source file."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.lines import line_matches
from indexer.models import Hit


def hit(path: Path, text: str, line: int, spans: list[tuple[int, int]], doc: str = "") -> Hit:
    return Hit(
        doc=doc or str(path),
        path=str(path),
        title="",
        date=None,
        passage=1,
        line_start=line,
        line_end=line + text.count("\n"),
        score=1.0,
        text=text,
        highlights=spans,
    )


def test_second_line_of_a_passage(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Title\n\nfirst line\nsecond target line\n")
    text = "first line\nsecond target line"
    start = text.index("target")
    [match] = line_matches([hit(source, text, 3, [(start, start + 6)])])
    assert (match.line, match.column, match.text) == (4, 8, "second target line")
    assert match.text[match.span[0] : match.span[1]] == "target"


def test_passage_that_starts_mid_line_is_placed_in_its_source_line(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("  One sentence. Another sentence with the target.\n")
    text = "Another sentence with the target."
    start = text.index("target")
    [match] = line_matches([hit(source, text, 1, [(start, start + 6)])])
    assert match.column == source.read_text().index("target") + 1
    assert match.text == "  One sentence. Another sentence with the target."


def test_without_the_source_file_the_passage_is_the_line(tmp_path: Path) -> None:
    text = "Another sentence with the target."
    [match] = line_matches([hit(tmp_path / "gone.txt", text, 7, [(26, 32)])])
    assert (match.line, match.column, match.text) == (7, 27, text)


def test_a_record_of_a_collection_stays_on_its_line(tmp_path: Path) -> None:
    source = tmp_path / "c.jsonl"
    source.write_text('{"id": "r1", "text": "one\\ntwo target"}\n')
    text = "one\ntwo target"
    record = Hit("r1", str(source), "", None, 1, 1, 1, 1.0, text, [(8, 14)])
    [match] = line_matches([record])
    assert (match.line, match.column, match.text) == (1, 5, "two target")


def _grep(folder: Path, query: str) -> list[tuple[str, int, int, str]]:
    """(file name, line, column, the matched word) of every --grep line for `query`."""
    from indexer import IndexSession, index_paths

    index_paths(folder.parent / "index", [folder])
    with IndexSession(folder.parent / "index") as session:
        hits = session.find(query, limit=100).hits
        return [
            (Path(m.path).name, m.line, m.column, m.text[m.span[0] : m.span[1]])
            for m in line_matches(hits)
        ]


def test_lines_are_decoded_as_the_index_decoded_them(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "pounds.txt").write_bytes("A £15.8m deal for the lighthouse.\n".encode("cp1252"))
    (folder / "bom.txt").write_bytes("\ufeffThe lighthouse keeper.\r\nA second line.\r\n".encode())
    found = _grep(folder, "lighthouse")
    assert sorted(found) == [("bom.txt", 1, 5, "lighthouse"), ("pounds.txt", 1, 23, "lighthouse")]
    sources = {Path(m.path).name: m.text for m in line_matches(_hits(tmp_path, "lighthouse"))}
    assert sources == {"pounds.txt": "A £15.8m deal for the lighthouse.",
                       "bom.txt": "The lighthouse keeper."}  # fmt: skip


def _hits(tmp_path: Path, query: str) -> list[Hit]:
    from indexer import IndexSession

    with IndexSession(tmp_path / "index") as session:
        return session.find(query, limit=100).hits


def test_a_sentence_repeated_in_a_long_line_is_placed_where_each_passage_is(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    sentence = "The quokka smiled at the visitors on the island of Rottnest today. "
    (folder / "long.txt").write_text("Intro.\n\n" + sentence * 60 + "\n")
    found = _grep(folder, "quokka")
    columns = [column for _, _, column, _ in found]
    assert len(found) == 60 and {line for _, line, _, _ in found} == {3}
    assert sorted(columns) == [5 + i * len(sentence) for i in range(60)]
    assert {word for *_, word in found} == {"quokka"}


PAGE = """<!DOCTYPE html>
<html><head><title>Harbour report</title>
<meta name="description" content="The harbour and the lighthouse">
</head>
<body>
<nav><a href="/lighthouse">Lighthouse</a></nav>
<article>
<h1>Harbour report</h1>
<p class="lighthouse">The keepers of the
<b>lighthouse</b> met on Monday; the lighthouse
stays lit.</p>

<p>Caf&eacute; owners near the lighthouse agreed.</p>
</article>
</body></html>
"""


def test_a_web_page_match_is_placed_on_its_line_and_column_in_the_page(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "page.html").write_text(PAGE)
    lines = PAGE.split("\n")
    found = _grep(folder, "lighthouse")
    assert sorted((line, column) for _, line, column, _ in found) == [(10, 4), (10, 38), (13, 32)]
    for _, line, column, word in found:
        assert lines[line - 1][column - 1 :].startswith(word)


def test_a_web_page_word_written_otherwise_in_the_page_keeps_its_passage_line(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "page.html").write_text(PAGE)
    [(_, line, column, word)] = _grep(folder, "café")
    assert (line, column, word) == (13, 1, "Café")


TRICKY_PAGE = (
    '<html><head><title>Toucan page</title><script>var t = "toucan";</script></head><body>'
    "<nav>toucan link</nav><p>The first toucan.</p><p>A toucan and another toucan.</p></body>"
    "</html>\n"
)
TRICKY_LINES = """<html><body>
<!-- a note about the walrus
that ends with walrus --> <p>A walrus sat.</p>
<p
  title="narwhal attribute">The narwhal swam.</p>
</body></html>
"""


def _column_after(text: str, before: str) -> int:
    """The 1-based column, on its line, of what follows `before` in `text`."""
    at = text.index(before) + len(before)
    return at - text.rfind("\n", 0, at)


@pytest.mark.parametrize(
    ("page", "word", "expected"),
    [
        (TRICKY_PAGE, "toucan", ["The first ", "<p>A ", "another "]),
        (TRICKY_LINES, "walrus", ["<p>A "]),
        (TRICKY_LINES, "narwhal", ['">The ']),
    ],
)
def test_a_web_page_match_is_in_the_text_not_in_a_title_script_comment_or_tag(
    tmp_path: Path, page: str, word: str, expected: list[str]
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "page.html").write_text(page)
    places = [
        (page[: page.index(before)].count("\n") + 1, _column_after(page, before))
        for before in expected
    ]
    assert sorted((line, column) for _, line, column, _ in _grep(folder, word)) == places
