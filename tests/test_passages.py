"""split_into_passages: exact offsets, lines and pages for any text; paragraph rules on examples."""

from __future__ import annotations

import textwrap
from bisect import bisect_right

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.models import Passage
from indexer.passages import _looks_like_heading, split_into_passages

# --- Properties --------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    ["the", "Mr.", "Smith", "said", "U.S.", "No.", "5", "oil", "price", "بغداد", "قال", "東京"]
)
_STOPS = st.sampled_from(["", "", "", ".", "!", "?", "؟", "。", '."', ",", ":"])
_SPACES = st.sampled_from([" ", " ", " ", "  ", "\t", "\n", "\r\n", "\n    ", "\n\n", "\n \n\n"])


@st.composite
def _texts(draw: st.DrawFn) -> str:
    """Text made of words, stops and every kind of space, or of arbitrary characters."""
    if draw(st.booleans()):
        return draw(st.text(max_size=300))
    pieces = draw(st.lists(st.tuples(_WORDS, _STOPS, _SPACES), max_size=200))
    return "".join(word + stop + space for word, stop, space in pieces)


@st.composite
def _paged_texts(draw: st.DrawFn) -> tuple[str, tuple[int, ...]]:
    text = draw(_texts())
    cuts = draw(st.lists(st.integers(0, len(text)), max_size=5))
    return text, tuple(sorted({0, *cuts}))


def _check(text: str, passages: list[Passage], line_base: int = 1) -> None:
    """Every invariant that holds for any text."""
    covered = [0] * len(text)
    previous_end = 0
    for number, passage in enumerate(passages, 1):
        assert passage.number == number
        assert previous_end <= passage.start < passage.end <= len(text)
        assert passage.text == text[passage.start : passage.end]
        assert not passage.text[0].isspace() and not passage.text[-1].isspace()
        assert passage.line_start == line_base + text.count("\n", 0, passage.start)
        assert passage.line_end == line_base + text.count("\n", 0, passage.end - 1)
        for i in range(passage.start, passage.end):
            covered[i] += 1
        previous_end = passage.end
    for char, count in zip(text, covered, strict=True):
        assert count == 1 or (count == 0 and char.isspace())


@settings(max_examples=300)
@given(_texts(), st.integers(1, 40), st.integers(1, 1000))
def test_no_text_lost_or_repeated_and_offsets_exact(text: str, max_words: int, base: int) -> None:
    passages = split_into_passages(text, max_words=max_words, line_base=base)
    _check(text, passages, base)
    assert all(p.page is None for p in passages)


@settings(max_examples=200)
@given(_texts(), st.integers(1, 40))
def test_no_passage_over_twice_the_limit(text: str, max_words: int) -> None:
    for passage in split_into_passages(text, max_words=max_words):
        assert len(passage.text.split()) <= 2 * max_words


@settings(max_examples=200)
@given(_paged_texts(), st.integers(1, 40))
def test_passages_keep_to_their_page(paged: tuple[str, tuple[int, ...]], max_words: int) -> None:
    text, page_starts = paged
    passages = split_into_passages(text, max_words=max_words, page_starts=page_starts)
    _check(text, passages)
    for passage in passages:
        assert passage.page == bisect_right(page_starts, passage.start)
        assert passage.page == bisect_right(page_starts, passage.end - 1)


# --- Examples ----------------------------------------------------------------------------------


def _texts_of(text: str, max_words: int = 120) -> list[str]:
    return [p.text for p in split_into_passages(text, max_words=max_words)]


def _sentences(count: int, words: int = 9) -> list[str]:
    """Distinct sentences of `words` words each."""
    return [f"Sentence {i} " + " ".join(["word"] * (words - 3)) + " end." for i in range(count)]


def test_empty_and_blank_texts_have_no_passages() -> None:
    assert split_into_passages("") == []
    assert split_into_passages(" \n\r\n\t \n") == []


def test_blank_lines_separate_paragraphs() -> None:
    text = "A Title\n\nFirst paragraph, line one\nand line two.\n\n\n  Second paragraph.  \n"
    passages = split_into_passages(text)
    assert [p.text for p in passages] == [
        "A Title\n\nFirst paragraph, line one\nand line two.",  # a heading joins what it heads
        "Second paragraph.",
    ]
    assert [(p.line_start, p.line_end) for p in passages] == [(1, 4), (7, 7)]
    assert [p.number for p in passages] == [1, 2]


def test_without_blank_lines_each_line_is_a_paragraph() -> None:
    text = "Headline of the story\nThe first paragraph says one thing.\nThe second says more.\n"
    passages = split_into_passages(text)
    headline, first, second = text.strip().split("\n")
    assert [p.text for p in passages] == [f"{headline}\n{first}", second]
    assert [p.line_start for p in passages] == [1, 3]


def test_crlf_line_endings_are_trimmed_and_counted() -> None:
    text = "Title\r\n\r\nOne paragraph.\r\nStill it.\r\n\r\nTwo.\r\n"
    passages = split_into_passages(text, line_base=10)
    assert [p.text for p in passages] == ["Title\r\n\r\nOne paragraph.\r\nStill it.", "Two."]
    assert [(p.line_start, p.line_end) for p in passages] == [(10, 13), (15, 15)]


def test_hard_wrapped_lines_are_joined_into_paragraphs_at_indents() -> None:
    paragraphs = [
        " ".join(["Showers continued throughout the week in the cocoa zone"] * 3) + ".",
        " ".join(["Arrivals for the week ended were up, traders said"] * 2) + ".",
        "The dry period means the harvest will be late this year.",
        " ".join(["Sales were light and went to open ports at prices"] * 4) + ".",
    ]
    text = "\n".join("    " + textwrap.fill(p, 64) for p in paragraphs)
    assert _texts_of(text) == [textwrap.fill(p, 64) for p in paragraphs]


def test_short_wrapped_paragraphs_of_a_wire_story_are_joined() -> None:
    """Two or three lines to a paragraph: as many short last lines as full ones."""
    text = (
        "A refiner said it lowered the\n"
        "contract price it will pay for crude oil 64 cents a\n"
        "barrel, effective today.\n"
        "    The cut brings the posted price for the\n"
        "benchmark grade, a light sweet crude, to 22.26\n"
        "dollars a barrel.\n"
        "    It last changed its crude oil postings on Feb\n"
        "19.\n"
        " Reuter\n"
    )
    assert [p.replace("\n", " ") for p in _texts_of(text)] == [
        "A refiner said it lowered the contract price it will pay for crude oil 64 cents a"
        " barrel, effective today.",
        "The cut brings the posted price for the benchmark grade, a light sweet crude, to"
        " 22.26 dollars a barrel.",
        "It last changed its crude oil postings on Feb 19.",
        "Reuter",
    ]


def test_hard_wrapped_lines_break_after_a_short_line_ending_a_sentence() -> None:
    first = (
        "The meeting covered relations between the two nations and the issues of the region. " * 3
    )
    second = "He said that the talks would go on next week and that both sides were hopeful. " * 2
    text = textwrap.fill(first.strip(), 70) + "\n" + textwrap.fill(second.strip(), 70)
    passages = split_into_passages(text)
    assert [p.text.replace("\n", " ") for p in passages] == [first.strip(), second.strip()]


def test_hard_wrapped_heading_stays_a_passage() -> None:
    body = "and the rest of it goes on for a while, wrapping at seventy characters" * 3
    text = "INTRODUCTION\n" + textwrap.fill("It began " + body + ".", 70)
    passages = split_into_passages(text)
    assert passages[0].text.startswith("INTRODUCTION\nIt began and the rest")
    assert len(passages) == 1


def test_a_short_line_of_capitalised_words_ending_in_and_is_no_heading() -> None:
    text = (
        "American Telephone and\n"
        "Telegraph Co said small businesses would get new rates under a\n"
        "plan filed with regulators on Monday, the company said in a\n"
        "statement issued in New York.\n"
    )
    assert len(split_into_passages(text)) == 1
    assert not _looks_like_heading("American Telephone and")
    assert _looks_like_heading("American Telephone")


def test_wrapped_lines_starting_with_names_are_still_joined() -> None:
    text = (
        "Ducommun Inc said it sold its\n"
        "Airdrome Parts Co division to a group of investors headed by\n"
        "Airdrome's management for a cash price of 12 mln dlrs.\n"
        "    Ducommun said the sale, coupled with its sale last month of\n"
        "Metermaster, were steps taken to improve the company's balance\n"
        "sheet and that no further sales are being contemplated.\n"
        " Reuter\n"
    )
    assert [p.line_start for p in split_into_passages(text)] == [1, 4, 7]


def test_wrapped_paragraph_over_the_limit_is_split_at_sentences_not_lines() -> None:
    paragraph = " ".join(
        f"Mary Jones of the Ministry met John Smith in Basra on day {i} about the budget."
        for i in range(12)
    )
    text = "Dear Bob,\n\n" + textwrap.fill(paragraph, 72) + "\n\nYours,\nAnn"
    passages = split_into_passages(text, max_words=60)
    assert passages[0].text.startswith("Dear Bob,\n\nMary Jones")
    body = [p.text.removeprefix("Dear Bob,\n\n").replace("\n", " ") for p in passages[:-1]]
    assert " ".join(body) == paragraph
    assert all(piece.endswith("budget.") for piece in body)
    assert passages[-1].text == "Yours,\nAnn"


def test_a_list_of_titles_is_not_taken_for_wrapped_text() -> None:
    titles = [
        "Militia leader meets Palestinian envoy in Baghdad office",
        "Oil prices rise as Gulf producers agree on output cuts for spring",
        "Central bank holds rates steady despite inflation worries in Europe",
        "Flood waters recede in the north after a week of heavy rain",
    ]
    assert _texts_of("\n".join(titles)) == titles


def test_long_paragraph_is_split_at_sentences_not_after_abbreviations() -> None:
    sentences = _sentences(30)
    sentences[12] = "Then Mr. Smith met Dr. Jones of the U.S. Army at No. 10 Downing St. today."
    sentences[13] = "They talked with J. R. Ewing about Jan. 13 and Gen. Custer for an hour."
    text = " ".join(sentences)
    pieces = _texts_of(text, max_words=20)
    assert " ".join(pieces) == text
    assert all(p.endswith(".") and p.split()[-1] in {"end.", "today.", "hour."} for p in pieces)
    assert all(len(p.split()) <= 20 for p in pieces)
    assert len(pieces) > 10


def test_short_tail_joins_the_passage_before() -> None:
    text = " ".join(_sentences(4, words=10)) + " Short tail."
    pieces = _texts_of(text, max_words=40)
    assert pieces == [text]
    pieces = _texts_of(text + " " + " ".join(_sentences(1, words=10)), max_words=40)
    assert [len(p.split()) for p in pieces] == [40, 12]


def test_sentence_far_over_the_limit_is_cut_between_words() -> None:
    words = [f"w{i}" for i in range(250)]
    pieces = _texts_of(" ".join(words), max_words=50)
    assert [p.split() for p in pieces] == [words[i : i + 50] for i in range(0, 250, 50)]


def test_arabic_paragraph_is_split_at_its_stops() -> None:
    sentence = "قال المتحدث باسم الحكومة إن الاجتماع في بغداد كان مثمرا"
    text = "عنوان الخبر\n\n" + " ".join(f"{sentence} {i}." for i in range(8)) + " هل انتهى؟ نعم."
    passages = split_into_passages(text, max_words=25)
    assert passages[0].text.startswith("عنوان الخبر\n\nقال")
    assert all(p.text.endswith((".", "؟")) for p in passages)
    assert len(passages) == 4
    assert (passages[0].line_start, passages[0].line_end) == (1, 3)
    assert all(p.line_start == p.line_end == 3 for p in passages[1:])


def test_chinese_paragraph_is_split_at_full_stops_without_spaces() -> None:
    text = "今天天气很好我们去公园散步。" * 40
    pieces = _texts_of(text, max_words=12)
    assert "".join(pieces) == text
    assert len(pieces) > 1
    assert all(p.endswith("。") for p in pieces)


def test_a_block_of_long_lines_over_the_limit_is_split_at_its_lines() -> None:
    lines = [" ".join(_sentences(3)) for _ in range(3)]
    text = "Title\n\n" + "\n".join(lines) + "\n\nLast."
    assert _texts_of(text, max_words=40) == [f"Title\n\n{lines[0]}", *lines[1:], "Last."]
    assert _texts_of(text, max_words=200) == ["Title\n\n" + "\n".join(lines), "Last."]


def test_table_rows_are_packed_but_a_headline_is_kept() -> None:
    rows = ["Shr 87 cts vs 84 cts", "Net 418.6 mln vs 399.2 mln", "Revs 3.12 billion vs 2.89"]
    text = "\n".join(["Quarterly results", "The company reported its results today.", *rows])
    assert _texts_of(text) == [
        "Quarterly results\nThe company reported its results today.",
        "\n".join(rows),
    ]


def test_page_numbers_and_no_passage_across_a_page_break() -> None:
    page_one = "First page paragraph.\n\nIt runs on to the next"
    text = page_one + "\fpage without a break.\n\nLast words."
    passages = split_into_passages(text, page_starts=(0, len(page_one)))
    assert [(p.text, p.page) for p in passages] == [
        ("First page paragraph.", 1),
        ("It runs on to the next", 1),
        ("page without a break.", 2),
        ("Last words.", 2),
    ]
    assert [p.line_start for p in passages] == [1, 3, 3, 5]


def test_numbers_follow_document_order_across_pages() -> None:
    text = "one\n\ntwo\n\nthree\n\nfour"
    passages = split_into_passages(text, page_starts=(0, text.index("three")))
    assert [(p.number, p.page) for p in passages] == [(1, 1), (2, 1), (3, 2), (4, 2)]


def test_max_words_below_one_is_rejected() -> None:
    with pytest.raises(ValueError, match="max_words"):
        split_into_passages("text", max_words=0)


def test_a_heading_joins_the_text_it_heads_but_a_list_of_headings_stays_apart() -> None:
    text = "# Harbour report\n\n## Results\n\nThe union met on Monday.\n\nA closing line.\n"
    assert _texts_of(text) == [
        "# Harbour report\n\n## Results\n\nThe union met on Monday.",  # two headings in a row
        "A closing line.",
    ]
    titles = ["Harbour report", "Valley notes", "River news", "Port council"]
    listed = "\n\n".join([*titles, "The union met on Monday."])
    assert _texts_of(listed) == [*titles, "The union met on Monday."]
    assert _texts_of("Harbour report\n\nThe union met. It talked.", max_words=2) == [
        "Harbour report",  # with the passage after it, over the limit and a few more words
        "The union met.",
        "It talked.",
    ]
