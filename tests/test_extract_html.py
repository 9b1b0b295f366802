"""Web pages: the main text without boilerplate, block structure as paragraphs, the title, the
publication date from meta tags, and the page's encoding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.errors import ExtractionFailed
from indexer.extract import extract
from indexer.extract.html import html_to_text, parse_page
from indexer.models import Document
from indexer.passage_fields import passage_fields

ARTICLE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Delegation arrives in Baghdad for talks | The Daily Courier</title>
<meta property="article:published_time" content="2023-04-13T09:30:00+03:00">
<style>.byline { color: grey }</style>
<script>window.dataLayer = [];</script>
</head>
<body>
<div class="cookie-banner" hidden>We use cookies.</div>
<header><a href="/">The Daily Courier</a>
<nav><ul><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
</header>
<main>
<article>
<header><h1>Delegation arrives in Baghdad for talks</h1>
<p class="byline">By A. Reporter, <time datetime="2023-04-12">12 April 2023</time></p></header>
<p>A delegation arrived in   Baghdad on Thursday
for two days of talks.</p>
<p>The visit was announced on <b>Wednesday</b>; the talks cover <a href="/x">security</a>,
trade and the return of displaced families.</p>
<figure><img src="a.jpg" alt=""><figcaption>The delegation at the airport.</figcaption></figure>
<h2>Security measures</h2>
<p>Roads were closed for hours.<br>Traffic resumed in the afternoon.</p>
<ul><li>Meeting with the prime minister</li><li>Visit to Najaf</li></ul>
<table><tr><th>Day</th><th>Event</th></tr><tr><td>Thursday</td><td>Arrival</td></tr></table>
<pre>  indented
    code</pre>
<button>Share</button>
<footer><p>Tags: Iraq, diplomacy</p></footer>
</article>
<aside><h3>Related</h3><p>Another story</p></aside>
<div role="navigation">Previous | Next</div>
<p style="display: none">invisible</p>
<p aria-hidden="true">decorative</p>
</main>
<footer><p>© 2023 The Daily Courier.</p></footer>
<script>track();</script>
</body>
</html>
"""

ARTICLE_TEXT = """Delegation arrives in Baghdad for talks

By A. Reporter, 12 April 2023

A delegation arrived in Baghdad on Thursday for two days of talks.

The visit was announced on Wednesday; the talks cover security, trade and the return of \
displaced families.

The delegation at the airport.

Security measures

Roads were closed for hours.
Traffic resumed in the afternoon.

Meeting with the prime minister
Visit to Najaf

Day | Event
Thursday | Arrival

indented
    code

Tags: Iraq, diplomacy"""


def read_html(tmp_path: Path, markup: str | bytes, name: str = "page.html") -> Document:
    path = tmp_path / name
    path.write_bytes(markup.encode("utf-8") if isinstance(markup, str) else markup)
    [document] = extract(path)
    return document


def test_article_text_title_and_date(tmp_path: Path) -> None:
    document = read_html(tmp_path, ARTICLE)
    assert document.text == ARTICLE_TEXT
    assert document.title == "Delegation arrives in Baghdad for talks | The Daily Courier"
    assert document.date == "2023-04-13"
    assert (document.doc, document.encoding) == (str(tmp_path / "page.html"), "utf-8")


def test_htm_suffix_is_read(tmp_path: Path) -> None:
    document = read_html(tmp_path, "<p>Short page.</p>", name="old.HTM")
    assert document.text == "Short page."


def test_without_main_the_body_is_read_minus_boilerplate() -> None:
    page = parse_page(
        "<html><body><header>Site</header><nav>Menu</nav><div><p>First.</p>"
        "<div>Second <span>part</span>.</div></div><aside>Ads</aside><footer>Foot</footer>"
        "</body></html>"
    )
    assert page.text == "First.\n\nSecond part."


def test_several_articles_are_all_read() -> None:
    page = parse_page(
        "<body><article><h2>One</h2><p>First post.</p></article>"
        "<article><h2>Two</h2><p>Second post.</p></article></body>"
    )
    assert page.text == "One\n\nFirst post.\n\nTwo\n\nSecond post."


def test_an_article_with_nested_comment_articles_is_the_main_element() -> None:
    page = parse_page(
        "<body><p>Site intro.</p><article><p>The post.</p><section>"
        "<article><p>A comment.</p></article></section></article></body>"
    )
    assert page.text == "The post.\n\nA comment."


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("<title> Page   title </title>", "Page title"),
        ('<meta property="og:title" content="Open Graph title">', "Open Graph title"),
        ("", "Heading One"),
    ],
)
def test_title_from_title_og_title_or_h1(head: str, title: str) -> None:
    page = parse_page(f"<html><head>{head}</head><body><h1>Heading <i>One</i></h1></body></html>")
    assert page.title == title


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="article:published_time" content="2021-03-04T10:00:00Z">',
        '<meta name="date" content="2021-03-04">',
        '<meta name="DC.date.issued" content="2021-03-04">',
        '<meta name="dcterms.created" content="2021-03-04">',
        '<meta itemprop="datePublished" content="2021-03-04">',
        '<meta name="pubdate" content="20210304">',
        '<meta property="og:published_time" content="2021-03-04">',
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2021-03-04T08:00:00+01:00"}</script>',
        '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
        '{"@type": "Article", "datePublished": "2021-03-04"}]}</script>',
    ],
)
def test_date_from_meta_tags_and_json_ld(head: str) -> None:
    page = parse_page(f"<html><head>{head}</head><body><p>Text.</p></body></html>")
    assert page.date == "2021-03-04"


def test_date_from_time_elements_of_the_main_content() -> None:
    page = parse_page(
        "<body><aside><time datetime='1999-01-01'>old</time></aside>"
        "<main><p>Posted <time datetime='2021-03-04T10:00'>today</time>.</p></main></body>"
    )
    assert page.date == "2021-03-04"


def test_meta_dates_outrank_time_elements_and_bad_values_are_passed_over() -> None:
    page = parse_page(
        "<head><meta name='date' content='not a date'>"
        "<meta name='dc.date' content='2020-02-02'></head>"
        "<body><time datetime='2021-03-04'>x</time></body>"
    )
    assert page.date == "2020-02-02"


def test_no_date_anywhere() -> None:
    assert parse_page("<p>Nothing dated.</p>").date is None


def test_arabic_page_declared_windows_1256(tmp_path: Path) -> None:
    markup = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        "<title>وصول الوفد</title></head>"
        "<body><p>وصل الوفد إلى بغداد صباح الخميس.</p></body></html>"
    )
    document = read_html(tmp_path, markup.encode("cp1256"))
    assert (document.title, document.text) == ("وصول الوفد", "وصل الوفد إلى بغداد صباح الخميس.")
    assert document.encoding == "cp1256"


def test_arabic_page_declared_iso_8859_6(tmp_path: Path) -> None:
    markup = '<meta charset="ISO-8859-6"><p>وصل الوفد إلى بغداد صباح الخميس.</p>'
    document = read_html(tmp_path, markup.encode("iso8859-6"))
    assert (document.text, document.encoding) == ("وصل الوفد إلى بغداد صباح الخميس.", "iso8859-6")


def test_undeclared_windows_1252_is_detected(tmp_path: Path) -> None:
    markup = "<p>Le café de la gare a été rénové l'été dernier.</p>"
    document = read_html(tmp_path, markup.encode("cp1252"))
    assert (document.text, document.encoding) == (
        "Le café de la gare a été rénové l'été dernier.",
        "cp1252",
    )


def test_utf8_wins_over_a_wrong_declaration(tmp_path: Path) -> None:
    markup = '<meta charset="iso-8859-1"><p>Zürich — café</p>'
    document = read_html(tmp_path, markup.encode("utf-8"))
    assert (document.text, document.encoding) == ("Zürich — café", "utf-8")


def test_xhtml_with_an_xml_declaration(tmp_path: Path) -> None:
    markup = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Déjà vu</p></body></html>'
    )
    document = read_html(tmp_path, markup.encode("latin-1"), name="page.xhtml")
    assert (document.text, document.encoding) == ("Déjà vu", "cp1252")


def test_utf8_with_bom(tmp_path: Path) -> None:
    document = read_html(tmp_path, b"\xef\xbb\xbf<p>caf\xc3\xa9</p>")
    assert (document.text, document.encoding) == ("café", "utf-8-sig")


def test_entities_and_nfc() -> None:
    assert parse_page("<p>Caf&eacute; &amp; cafe&#x301; &nbsp;x</p>").text == "Café & café x"


@pytest.mark.parametrize("markup", ["", "   \n", "<html></html>", "<!-- only a comment -->"])
def test_empty_pages_give_empty_text(tmp_path: Path, markup: str) -> None:
    document = read_html(tmp_path, markup)
    assert (document.text, document.title, document.date) == ("", "", None)


def test_deep_nesting_does_not_hit_the_recursion_limit() -> None:
    markup = "<div>" * 2000 + "deep text" + "</div>" * 2000 + "<p>after</p>"
    assert parse_page(markup).text == "deep text\n\nafter"


def test_nesting_too_deep_for_libxml2_fails_rather_than_lose_the_end(tmp_path: Path) -> None:
    markup = "<div>" * 3000 + "deep text" + "</div>" * 3000 + "<p>after</p>"
    with pytest.raises(ExtractionFailed, match="cannot be read to its end"):
        read_html(tmp_path, markup)


def test_html_to_text_converts_an_email_body() -> None:
    body = "<div>Hello,<br>the minutes are attached.</div><div><br></div><div>Sami</div>"
    assert html_to_text(body) == "Hello,\nthe minutes are attached.\n\nSami"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["<p>", "</p>", "<br>", "<td>", "<li>", "<pre>", "</pre>", "<nav>"]),
            st.sampled_from(["<main>", "</div>", "<!--", "-->", "<script>", "&amp;", "&#0;"]),
            st.text(max_size=8),
        ),
        max_size=30,
    )
)
def test_any_markup_gives_text_without_break_markers(pieces: list[str]) -> None:
    page = parse_page("".join(pieces))
    assert "\x00" not in page.text
    assert page.text == page.text.strip()


def page_line(page_markup: str, word: str) -> int:
    """The line of the page on which the text `word` is placed."""
    page = parse_page(page_markup)
    at = page.text.index(word)
    return [line for offset, line in page.lines if offset <= at][-1]


def markup_line(markup: str, word: str) -> int:
    """The line of `markup` on which `word` first stands outside a tag, after `<head>`."""
    lines = markup.split("\n")
    body = next((number for number, line in enumerate(lines) if "</head>" in line), 0)
    for number, line in enumerate(lines[body:], start=body + 1):
        if word in re.sub(r"<[^>]*>", " ", line):
            return number
    raise AssertionError(f"{word} not in the markup")


@pytest.mark.parametrize(
    "word",
    ["Delegation arrives", "A delegation", "for two days", "Wednesday", "trade and", "airport"]
    + ["Security measures", "Traffic resumed", "Visit to Najaf", "Arrival", "code"],
)
def test_the_text_of_a_page_is_placed_on_the_lines_it_came_from(word: str) -> None:
    assert page_line(ARTICLE, word) == markup_line(ARTICLE, word)


def test_lines_are_counted_past_comments_scripts_and_tags_over_several_lines() -> None:
    markup = (
        "<html><body>\n<!-- a remark\nover lines -->\n<script>\n\nvar a;\n</script>\n"
        '<p\n  class="lead">first words</p>\n<pre>one\ntwo\n\nthree</pre>\n'
        "<p>a paragraph\nthat goes on\n\n  and on</p>\n<p>last</p></body></html>"
    )
    for word in ["first words", "one", "two", "three", "a paragraph", "goes on", "and on", "last"]:
        assert page_line(markup, word) == markup_line(markup, word), word


def test_lines_past_those_libxml2_reports_are_counted() -> None:
    markup = "<html><body><p>top</p>" + "\n" * 70_000 + "<p>far</p>\n<p>further</p></body></html>"
    assert (page_line(markup, "far"), page_line(markup, "further")) == (70_001, 70_002)


def test_a_passage_of_a_page_knows_the_page_lines_it_spans(tmp_path: Path) -> None:
    document = read_html(tmp_path, ARTICLE)
    [fields] = [fields for _, fields in passage_fields([document]) if "two days" in fields["text"]]
    lines = ARTICLE.split("\n")
    assert fields["text"].split()[0] in lines[fields["line_start"] - 1]  # where it begins
    assert "for two days of talks" in lines[fields["line_end"] - 1]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["<p>", "</p>", "<br>", "<li>", "<div\n>", "<!--x\n-->", "<b>", ""]),
            st.sampled_from(["", " ", "\n", "\n\n", " \n "]),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_every_word_of_any_page_is_placed_on_its_line(parts: list[tuple[str, str]]) -> None:
    words = [f"w{number}x" for number in range(len(parts))]
    markup = "<html><body>" + "".join(
        tag + space + word + space for (tag, space), word in zip(parts, words, strict=True)
    )
    page = parse_page(markup)
    for word in words:
        if word in page.text:
            assert page_line(markup, word) == markup_line(markup, word), (markup, word)
