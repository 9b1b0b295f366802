"""Saved web pages: the main text as blank-line separated paragraphs, the title, and the
publication date from the usual meta tags. Parsed by lxml's HTML parser (libxml2).

The main text is `<main>` (or the page's only outermost `<article>`, else `<body>`) without
scripts, styles, form controls, hidden elements, navigation, asides, and headers and footers
other than an article's own. Block elements end paragraphs; list items, table rows and `<br>`
end lines; table cells are joined by " | ".
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml import etree

from indexer.errors import ExtractionFailed
from indexer.extract import ExtractOptions, register
from indexer.extract.metadata import metadata_date
from indexer.extract.reading import open_source
from indexer.extract.text import decode_bytes
from indexer.models import Document

_DROPPED = frozenset(
    ("script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object")
    + ("embed", "head", "title", "nav", "aside", "button", "select", "option", "input")
    + ("textarea", "datalist", "dialog")
)
_DROPPED_ROLES = frozenset(("navigation", "complementary", "search", "banner", "contentinfo"))
_PARAGRAPH = frozenset(
    ("address", "article", "blockquote", "body", "caption", "center", "details", "div", "dl")
    + ("fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5")
    + ("h6", "header", "hr", "html", "legend", "main", "ol", "p", "pre", "section", "summary")
    + ("table", "ul")
)
_LINE = frozenset(("br", "dd", "dt", "li", "tr"))
_CELL = frozenset(("td", "th"))
# Meta tags naming a publication date, most specific first (names compared in lower case).
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "citation_publication_date",
    "citation_date",
    "parsely-pub-date",
    "sailthru.date",
)
_PARAGRAPH_BREAK, _LINE_BREAK, _CELL_BREAK = "\x00p", "\x00l", "\x00c"
_BREAKS = {_PARAGRAPH_BREAK: "\n\n", _LINE_BREAK: "\n", _CELL_BREAK: " | "}
_SPACES = re.compile(r"\s+")
# A charset declared in the first bytes: <meta charset=...>, <meta http-equiv=... content=
# "...; charset=...">, or an XML declaration's encoding="...".
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)


# libxml2's HTML parser reports no line past this one: a larger page's later lines are counted.
_LAST_LINE_KNOWN = 65535


@dataclass(frozen=True)
class Page:
    """What a page says: its main text, title and publication date (ISO, or None). `lines` maps
    the text back to the page's own lines: (offset in `text`, line of the page) where each run
    of text from one line begins, in order; empty when the text cannot be mapped."""

    text: str
    title: str
    date: str | None
    lines: tuple[tuple[int, int], ...] = ()


@register(".html", ".htm", ".xhtml")
def extract_html(path: Path, options: ExtractOptions) -> Iterator[Document]:
    """One document: the page's main text, title and date."""
    with open_source(path) as source:
        data = source.read()
    markup, encoding = decode_bytes(data, declared_charset(data))
    page = parse_page(markup)
    yield Document(
        doc=str(path),
        path=str(path),
        text=page.text,
        title=page.title,
        date=page.date,
        encoding=encoding,
        source_lines=page.lines,
    )


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB, if any."""
    found = _DECLARED_CHARSET.search(data[:4096])
    if found is None:
        return None
    return (found.group(1) or found.group(2)).decode("ascii")


def parse_page(markup: str) -> Page:
    """Parse an HTML page held as text. Raises ExtractionFailed for a page lxml cannot read
    to its end."""
    document = _parse(markup)
    if document is None:
        return Page("", "", None)
    root = _main_element(document)
    title = unicodedata.normalize("NFC", page_title(document))
    text, lines = _assemble(*_pieces(root))
    return Page(text, title, page_date(document, root), lines)


def page_places(markup: str) -> list[tuple[int, int, int]]:
    """(offset in the page's text, line, column) where each run of the text begins in `markup`.
    The line is the parse's; the column is where the run's first words stand on that line, in
    text (not in a tag, script, style, comment or title), after the run before it. A run not
    found so (written with entities: `caf&eacute;`) is placed after the run before it."""
    page = parse_page(markup)
    rows = markup.split("\n")
    ends = [offset for offset, _ in page.lines[1:]] + [len(page.text)]
    places: list[tuple[int, int, int]] = []
    line_at, column = 0, 0
    for (offset, line), end in zip(page.lines, ends, strict=True):
        if line != line_at:
            line_at, column = line, 0
        row = rows[line - 1] if 0 < line <= len(rows) else ""
        words = page.text[offset:end].split()[:4]
        found = find_in_text(row, words, column)
        places.append((offset, line, column if found is None else found[0]))
        if found is not None:
            column = found[1]
    return places


def find_in_text(row: str, words: list[str], start: int) -> tuple[int, int] | None:
    """The [start, end) of the first place at or after `start` in the markup line `row` where
    `words` stand as whole words, with spaces between, in the page's text; None if nowhere."""
    if not words:
        return None
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)")
    lowered = row.lower()
    for match in pattern.finditer(row, start):
        if _in_text(lowered, match.start()):
            return match.start(), match.end()
    return None


# Where text cannot be, from an opening to its closing: tags' content that is not the page's text.
_NOT_TEXT = (("<script", "</script"), ("<style", "</style"), ("<!--", "-->"), ("<title", "</title"))


def _in_text(row: str, at: int) -> bool:
    """Whether position `at` of the (lower-cased) markup line `row` is in the page's text: not
    inside a tag (a `>` comes before any `<`), nor inside a script, style, comment or title
    (its closing comes before any opening), which may have begun on an earlier line."""
    closing, opening = row.find(">", at), row.find("<", at)
    if closing >= 0 and (opening < 0 or closing < opening):
        return False
    for begins, ends in _NOT_TEXT:
        end = row.find(ends, at)
        if end >= 0:
            begin = row.find(begins, at)
            if begin < 0 or end < begin:
                return False
    return True


def html_to_text(markup: str) -> str:
    """The main text of an HTML page or fragment (an e-mail body, for one)."""
    document = _parse(markup)
    return "" if document is None else main_text(_main_element(document))


def page_title(document: etree._Element) -> str:
    """`<title>`, else og:title, else the first `<h1>`."""
    title, heading = document.find(".//title"), document.find(".//h1")
    candidates = (
        _flat_text(title) if title is not None else "",
        _SPACES.sub(" ", _meta(document).get("og:title", "")).strip(),
        _flat_text(heading) if heading is not None else "",
    )
    return next((candidate for candidate in candidates if candidate), "")


def page_date(document: etree._Element, root: etree._Element) -> str | None:
    """The publication date: meta tags, then JSON-LD `datePublished`, then microdata, then the
    first `<time datetime>` of the main content."""
    meta = _meta(document)
    candidates = [meta.get(name) for name in _DATE_META]
    candidates += _json_ld_dates(document)
    for element in document.iterfind(".//*[@itemprop='datePublished']"):
        candidates.append(element.get("content") or element.get("datetime"))
    candidates += [element.get("datetime") for element in root.iter("time")]
    for candidate in candidates:
        date = metadata_date(candidate)
        if date:
            return date
    return None


def main_text(root: etree._Element) -> str:
    """The text under `root`, without what `_is_dropped`; paragraphs separated by blank lines;
    NFC."""
    return _assemble(*_pieces(root))[0]


def _parse(markup: str) -> etree._Element | None:
    """The document tree, or None for a page without any content. The text goes to the parser
    as UTF-8 bytes with the encoding given, so a page's own declaration cannot mislead it.
    libxml2 stops at 2048 levels of nesting: such a page fails rather than lose its end."""
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)
    try:
        document = lxml.html.document_fromstring(markup.encode("utf-8"), parser)
    except etree.ParserError:
        return None
    fatal = [error for error in parser.error_log if error.level_name == "FATAL"]
    if fatal:
        raise ExtractionFailed(f"HTML that cannot be read to its end ({fatal[0].message})")
    return document


def _main_element(document: etree._Element) -> etree._Element:
    """The page's only `<main>`, else its only outermost `<article>`, else `<body>`."""
    mains = document.findall(".//main") or document.findall(".//*[@role='main']")
    articles = [
        element
        for element in document.iter("article")
        if next(element.iterancestors("article"), None) is None
    ]
    for candidates in (mains, articles):
        if len(candidates) == 1 and _flat_text(candidates[0]):
            return candidates[0]
    body = document.find("body")
    return body if body is not None else document


def _pieces(root: etree._Element) -> tuple[list[str], list[int]]:
    """The text under `root` in document order, with break markers where blocks open and
    close, and the page's line on which each piece of text stands (0 for a marker). A piece
    never spans two lines. Lines are read from where each tag ends (libxml2's `sourceline`) and
    counted on through the text between tags; what is dropped is walked for its line ends only.
    Walks with a stack, so however deep the nesting, no recursion limit is hit."""
    pieces: list[str] = []
    lines: list[int] = []
    preformatted = root.tag == "pre"
    line = _add_text(pieces, lines, root.text, preformatted, _line_of(root, 1))
    stack: list[tuple[etree._Element, Iterator[etree._Element], str | None, bool, bool]] = [
        (root, iter(root), None, preformatted, False)
    ]
    while stack:
        element, children, closing, preformatted, dropped = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if closing:
                pieces.append(closing)
                lines.append(0)
            if stack:
                _, _, _, outer_pre, outer_dropped = stack[-1]
                line = _add_text(pieces, lines, element.tail, outer_pre, line, outer_dropped)
            continue
        line = _line_of(child, line)
        if not isinstance(child.tag, str):  # a comment or processing instruction
            line = _add_text(pieces, lines, child.tail, preformatted, line, dropped)
            continue
        if dropped or _is_dropped(child):
            line = _add_text(pieces, lines, child.text, preformatted, line, dropped=True)
            stack.append((child, iter(child), None, preformatted, True))
            continue
        marker = _marker(child.tag)
        if marker:
            pieces.append(marker)
            lines.append(0)
        inner_pre = preformatted or child.tag == "pre"
        line = _add_text(pieces, lines, child.text, inner_pre, line)
        stack.append(
            (child, iter(child), marker if marker != _CELL_BREAK else None, inner_pre, False)
        )
    return pieces, lines


def _line_of(element: etree._Element, counted: int) -> int:
    """The line on which `element`'s tag ends (a comment's end), else the line `counted`."""
    line = element.sourceline
    return line if line is not None and 0 < line < _LAST_LINE_KNOWN else counted


def _add_text(
    pieces: list[str],
    lines: list[int],
    text: str | None,
    preformatted: bool,
    line: int,
    dropped: bool = False,
) -> int:
    """Add `text`, which begins on `line`, one piece per line it spans (unless `dropped`), its
    spaces collapsed (unless `preformatted`), NFC. Returns the line on which it ends."""
    if not text:
        return line
    if dropped or "\n" not in text:
        if not dropped:
            pieces.append(_piece(text, preformatted))
            lines.append(line)
        return line + text.count("\n") if dropped else line
    rows = text.split("\n")
    last = len(rows) - 1
    for number, row in enumerate(rows):
        if preformatted:  # a row's line end opens the next, whose spaces are its own
            piece = _piece(row if number == 0 else "\n" + row, preformatted)
        else:
            piece = _piece(row if number == last else row + " ", preformatted)
        if piece:
            pieces.append(piece)
            lines.append(line + number)
    return line + last


def _piece(text: str, preformatted: bool) -> str:
    piece = text if preformatted else _SPACES.sub(" ", text)
    return piece if piece.isascii() else unicodedata.normalize("NFC", piece)


def _marker(name: str) -> str | None:
    if name in _PARAGRAPH:
        return _PARAGRAPH_BREAK
    if name in _LINE:
        return _LINE_BREAK
    if name in _CELL:
        return _CELL_BREAK
    return None


def _is_dropped(element: etree._Element) -> bool:
    if element.tag in _DROPPED or element.get("hidden") is not None:
        return True
    if element.get("aria-hidden") == "true":
        return True
    if "display:none" in (element.get("style") or "").replace(" ", "").lower():
        return True
    role = element.get("role") or ""
    if element.tag in ("header", "footer") or role in ("banner", "contentinfo"):
        return next(element.iterancestors("article"), None) is None
    return role in _DROPPED_ROLES


def _assemble(pieces: list[str], lines: list[int]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join text pieces; a run of break markers becomes the strongest break among them, and
    whitespace between blocks is dropped. Returns the text and, for each piece that holds more
    than spaces, (where it begins in the text, its line); no lines when NFC over the whole text
    changes it (a combining mark at the start of a piece)."""
    out: list[str] = []
    written = 0
    line = ""
    pending: str | None = None
    marks: list[tuple[int, int]] = []
    for piece, source_line in zip(pieces, lines, strict=True):
        if piece in _BREAKS:
            pending = _stronger(pending, piece)
            continue
        if pending is not None:
            if not piece.strip():
                continue
            if line.strip():
                kept = line.rstrip()
                out += [kept, _BREAKS[pending]]
                written += len(kept) + len(_BREAKS[pending])
            line, pending = "", None
            piece = piece.lstrip()
        if line.endswith((" ", "\n")) or not line:
            piece = piece.lstrip(" ")
        if piece.strip():
            marks.append((written + len(line), source_line))
        line += piece
    out.append(line.rstrip())
    joined = "".join(out)
    text = joined.strip()
    if not unicodedata.is_normalized("NFC", text):
        return unicodedata.normalize("NFC", text), ()
    cut = len(joined) - len(joined.lstrip())
    return text, tuple((max(0, offset - cut), source_line) for offset, source_line in marks)


def _stronger(current: str | None, new: str) -> str:
    order = (_CELL_BREAK, _LINE_BREAK, _PARAGRAPH_BREAK)
    return new if current is None or order.index(new) > order.index(current) else current


def _meta(document: etree._Element) -> dict[str, str]:
    """Meta tags' content by name, property or itemprop, in lower case; the first one wins."""
    found: dict[str, str] = {}
    for element in document.iter("meta"):
        content = (element.get("content") or "").strip()
        for key in ("property", "name", "itemprop", "http-equiv"):
            name = (element.get(key) or "").strip().lower()
            if name and content:
                found.setdefault(name, content)
    return found


def _json_ld_dates(document: etree._Element) -> list[str]:
    dates: list[str] = []
    for element in document.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(element.text or "")
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        if isinstance(data, dict) and isinstance(data.get("@graph"), list):
            items += data["@graph"]
        dates += [
            item["datePublished"]
            for item in items
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str)
        ]
    return dates


def _flat_text(element: etree._Element) -> str:
    return _SPACES.sub(" ", "".join(element.itertext())).strip()
