"""Splitting a document's text into passages with exact character offsets, lines and pages.

Passages follow paragraphs:

- A text with blank lines is read as blank-line separated blocks; a block is one passage when it
  holds at most `max_words` words, otherwise its lines are read as below.
- A text without blank lines is read line by line: each line is a paragraph (news saved one
  paragraph per line), unless the lines are hard-wrapped (most of them long, of about the same
  width, breaking mid-sentence). Wrapped lines are joined into paragraphs, and a new paragraph
  starts at an indented line, a bullet, after a short line that ends a sentence or after a
  very short line that reads like a heading.
- Three or more short lines in a row that do not end a sentence (a table, a list, a byline)
  are packed together rather than made passages of a few words each.
- A paragraph over `max_words` is cut at sentence ends, packing sentences greedily up to
  `max_words`; a sentence over twice the limit is cut between words; a tail of under a quarter
  of the limit joins the passage before it.
- A heading (a line of a few words that ends no sentence: a title, "## Results") joins the
  passage after it, so that it is found with the text it heads.

Every non-whitespace character ends up in exactly one passage, and a passage's offsets are
trimmed to non-whitespace, so `passage.text == text[passage.start:passage.end]`. The work is done
by regular expressions and str methods over lines and sentences, never character by character.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from itertools import pairwise

from indexer.models import Passage

Span = tuple[int, int]
Unit = tuple[int, int, int]  # start, end, size in words

# How much of a block is read to decide whether its lines are hard-wrapped.
_LAYOUT_SAMPLE_CHARS = 200_000
# A "word" for size purposes is also every 10 characters, so that a paragraph of CJK text or a
# long run without spaces still counts as long.
_CHARS_PER_WORD = 10
# Packed lines: each at most this many words and characters, at least this many in a row.
_LIST_LINE_WORDS = 8
_LIST_LINE_CHARS = 100
_LIST_MIN_RUN = 3

# A heading is joined to the passage after it: a line of at most this many words, and as
# many as this in a row (a title, a dateline line).
HEADING_WORDS = 16
HEADING_RUN = 3

_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")
_CONTENT = re.compile(r"\S(?:.*\S)?", re.DOTALL)
_LINE_CONTENT = re.compile(r"\S(?:[^\n]*\S)?")
_WORD = re.compile(r"\S+")
_SENTENCE_STOPS = ".!?…:;؟۔।。！？"
_CLOSING_PUNCTUATION = "\"'”’»)]」』）"
_BULLET = re.compile(r"(?:[-*•·▪–—]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])\s")

# A sentence ends at a stop, closing quotes or brackets, then space and a next sentence that
# does not start with a lowercase letter (checked in Python, which knows every script's case).
# CJK stops need no space after them.
_SENTENCE_END = re.compile(
    r"(?<![^\s.!?…؟۔।])(?P<word>[^\s.!?…؟۔।]*)(?P<stop>[.!?…؟۔।]+)[\"'”’»)\]]*\s+(?=\S)"
    r"|[。！？]+[\"'”’」』）)]*\s*(?=\S)"
)
# Abbreviations after which a full stop does not end a sentence, and abbreviations that number
# things, after which it does not when a digit follows ("No. 10421", "Jan. 13").
# fmt: off
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "messrs", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "col", "lt",
    "sgt", "capt", "cmdr", "adm", "maj", "gov", "sen", "rep", "pres", "supt", "rev", "hon",
    "fr", "sra", "mme", "mlle", "inc", "corp", "co", "ltd", "bros", "dept", "univ", "assn",
    "approx", "vs", "viz", "cf", "al", "ave", "blvd", "rd",
})
_NUMBERING_ABBREVIATIONS = frozenset({
    "no", "nos", "vol", "vols", "fig", "figs", "p", "pp", "ch", "art", "sec", "para", "op",
    "ed", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
# fmt: on
_OPENING_PUNCTUATION = "\"'“‘«([¿¡"


def split_into_passages(
    text: str,
    *,
    max_words: int = 120,
    line_base: int = 1,
    page_starts: tuple[int, ...] = (),
) -> list[Passage]:
    """Split `text` into numbered passages that follow its paragraphs (see the module docstring).

    `line_base` is the line number of the first line of `text`; `page_starts` holds the offset at
    which each page begins, and no passage spans two pages.
    """
    if max_words < 1:
        raise ValueError(f"max_words must be at least 1, not {max_words}")
    spans: list[tuple[int, int, int | None]] = []
    for seg_start, seg_end, page in _page_segments(len(text), page_starts):
        segment = text[seg_start:seg_end] if (seg_start, seg_end) != (0, len(text)) else text
        for start, end in _segment_spans(segment, max_words):
            spans.append((seg_start + start, seg_start + end, page))
    return _numbered(text, spans, line_base)


def _page_segments(length: int, page_starts: tuple[int, ...]) -> list[tuple[int, int, int | None]]:
    """The text cut at page starts, each piece with its 1-based page (None without pages).

    Text before the first page start, if any, counts as page 1.
    """
    if not page_starts:
        return [(0, length, None)]
    starts = sorted(page_starts)
    bounds = [0, *sorted({s for s in starts if 0 < s < length}), length]
    return [(a, b, max(1, bisect_right(starts, a))) for a, b in pairwise(bounds)]


def _numbered(text: str, spans: list[tuple[int, int, int | None]], line_base: int) -> list[Passage]:
    """Passages for `spans`, in order, with line numbers counted incrementally by `\\n`."""
    passages = []
    line, pos = line_base, 0
    for number, (start, end, page) in enumerate(spans, 1):
        line += text.count("\n", pos, start)
        line_end = line + text.count("\n", start, end)
        passages.append(Passage(number, start, end, line, line_end, text[start:end], page))
        line, pos = line_end, end
    return passages


def _segment_spans(text: str, max_words: int) -> list[Span]:
    """The passages of one page (or of a whole text without pages)."""
    blocks = _blocks(text)
    if len(blocks) <= 1:
        paragraphs = [p for block in blocks for p in _line_paragraphs(text, block, max_words)]
    else:
        paragraphs = []
        for block in blocks:
            if _size(text, *block) <= max_words:
                paragraphs.append(block)
            else:
                paragraphs.extend(_line_paragraphs(text, block, max_words))
    pieces = [piece for p in paragraphs for piece in _split_paragraph(text, p, max_words)]
    return _headings_joined(text, pieces, max_words)


def _headings_joined(text: str, pieces: list[Span], max_words: int) -> list[Span]:
    """`pieces` with each heading joined to the passage after it, so that a heading is found
    with the text it heads: a line of at most `HEADING_WORDS` words that does not end a
    sentence ("Blair 'up for it' ahead of poll", "## Results"). Up to `HEADING_RUN` headings in
    a row join the text after them (a title, then a dateline line); more are a list of titles,
    which stays a list. What is joined stays within `max_words` and a few more. A heading
    alone had been a passage of its own, which outranked its story for a word of it (nine of
    BBC News's top ten for blair were bare headlines)."""
    limit = max_words + min(max_words, HEADING_WORDS)
    joined: list[Span] = []
    run: list[Span] = []  # the headings before the piece at hand
    for start, end in pieces:
        if _is_heading(text, start, end):
            run.append((start, end))
            continue
        if len(run) > HEADING_RUN:
            joined += run
            run = []
        while run and _size(text, run[0][0], end) > limit:
            joined.append(run.pop(0))
        joined.append((run[0][0] if run else start, end))
        run = []
    return joined + run


def _is_heading(text: str, start: int, end: int) -> bool:
    line = text[start:end]
    return "\n" not in line and len(line.split()) <= HEADING_WORDS and not _ends_sentence(line)


def _blocks(text: str) -> list[Span]:
    """Blank-line separated blocks, trimmed to non-whitespace."""
    blocks: list[Span] = []
    pos = 0
    for match in _BLANK_LINES.finditer(text):
        _append_trimmed(blocks, text, pos, match.start())
        pos = match.end()
    _append_trimmed(blocks, text, pos, len(text))
    return blocks


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    """Append text[start:end] trimmed to non-whitespace, unless it is all whitespace."""
    match = _CONTENT.search(text, start, end)
    if match:
        spans.append(match.span())


def _size(text: str, start: int, end: int) -> int:
    """The size of a span in words (long runs without spaces count one word per 10 characters)."""
    return max(len(text[start:end].split()), (end - start) // _CHARS_PER_WORD)


# --- Lines into paragraphs ---------------------------------------------------------------------


def _line_paragraphs(text: str, block: Span, max_words: int) -> list[Span]:
    """The paragraphs of a block read line by line: one per line, or wrapped lines joined."""
    start, end = block
    width = _wrap_width(text[start : min(end, start + _LAYOUT_SAMPLE_CHARS)])
    if width is None:
        lines = [m.span() for m in _LINE_CONTENT.finditer(text, start, end)]
    else:
        lines = _unwrapped(text, start, end, width)
    return _pack_list_lines(text, lines, max_words)


def _wrap_width(sample: str) -> int | None:
    """The wrapping width when the lines of `sample` look hard-wrapped, else None.

    Hard-wrapped lines are mostly near one width of 30-160 characters, many of them end
    mid-sentence, and now and then the next line goes on with a small letter (a list of titles
    would not); in short paragraphs fewer lines are full, and more go on. Tables of figures
    may pass for wrapped text, which does no harm: their rows are joined into a passage either
    way.
    """
    lines = [line.rstrip() for line in sample.split("\n") if line.strip()]
    if len(lines) < 3:
        return None
    lengths = sorted(len(line) for line in lines)
    width = lengths[len(lengths) * 9 // 10]
    if not 30 <= width <= 160:
        return None
    pairs = len(lines) - 1
    full = sum(n >= 0.6 * width for n in lengths) / len(lines)
    ragged = sum(not _ends_sentence(line) for line in lines[:-1]) / pairs
    continued = sum(_starts_uncapitalised(line) for line in lines[1:]) / pairs
    if full >= 0.5 and ragged >= 0.4 and continued >= 0.1:
        return width
    # Short paragraphs of two or three lines (a wire story) have as many short last lines as
    # full ones: then more lines must go on mid-sentence, and in a small letter.
    return width if full >= 0.35 and ragged >= 0.5 and continued >= 0.25 else None


def _starts_uncapitalised(line: str) -> bool:
    """Whether a line starts with a letter that is not a capital (any letter, in Arabic)."""
    first = line.lstrip()[:1]
    return first.isalpha() and not first.isupper()


def _unwrapped(text: str, start: int, end: int, width: int) -> list[Span]:
    """Paragraph spans of hard-wrapped lines in text[start:end]."""
    lines = text[start:end].split("\n")
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    base_indent = Counter(indents).most_common(1)[0][0]
    paragraphs: list[Span] = []
    para_start = line_start = start
    previous: str | None = None
    for line in lines:
        if previous is not None and _starts_paragraph(previous, line, width, base_indent):
            _append_trimmed(paragraphs, text, para_start, line_start)
            para_start = line_start
        if line.strip():
            previous = line.rstrip()
        line_start += len(line) + 1
    _append_trimmed(paragraphs, text, para_start, end)
    return paragraphs


def _starts_paragraph(previous: str, line: str, width: int, base_indent: int) -> bool:
    """Whether a wrapped `line` starts a new paragraph after the line `previous`.

    It does when it is indented (more than the previous line, or than most lines after a
    sentence end), when it is a bullet, or when the line before ends early: a heading under half
    the width, or a line under 80% of it that ends a sentence.
    """
    content = line.lstrip()
    if not content:
        return False
    indent = len(line) - len(content)
    ends_sentence = _ends_sentence(previous)
    if indent > len(previous) - len(previous.lstrip()) or (indent > base_indent and ends_sentence):
        return True
    if _BULLET.match(content):
        return True
    if len(previous) < 0.5 * width and _looks_like_heading(previous) and not content[0].islower():
        return True
    return len(previous) <= 0.8 * width and ends_sentence


def _ends_sentence(line: str) -> bool:
    """Whether a line ends with a stop, maybe followed by closing quotes or brackets."""
    last = line.rstrip().rstrip(_CLOSING_PUNCTUATION)[-1:]
    return bool(last) and last in _SENTENCE_STOPS


def _looks_like_heading(line: str) -> bool:
    """Whether a short line reads like a heading ("INTRODUCTION", "Dear Bob,", "2. Results")
    rather than the start of a sentence wrapped early: it has no word in small letters but
    short ones ("of", "and"), and does not end with one of those ("American Telephone and",
    then "Telegraph Co said...")."""
    words = line.split()
    if words and words[-1] in _GOES_ON:
        return False
    return not any(word[0].islower() and len(word) > 3 for word in words)


_GOES_ON = frozenset(
    ["a", "an", "the", "and", "or", "of", "to", "for", "in", "on", "at", "by", "with", "from"]
)
"""Small words no heading ends with: the line goes on on the next."""


def _pack_list_lines(text: str, lines: list[Span], max_words: int) -> list[Span]:
    """Pack runs of short lines that end no sentence (tables, lists) into passages."""
    packed: list[Span] = []
    run: list[Unit] = []
    for start, end in lines:
        line = text[start:end] if end - start <= _LIST_LINE_CHARS else ""
        words = len(line.split())
        if line and words <= _LIST_LINE_WORDS and "\n" not in line and not _ends_sentence(line):
            run.append((start, end, words))
            continue
        packed.extend(_flush_run(run, max_words))
        run = []
        packed.append((start, end))
    packed.extend(_flush_run(run, max_words))
    return packed


def _flush_run(run: list[Unit], max_words: int) -> list[Span]:
    """A run of list lines: packed when long enough to be a list, else one passage per line."""
    if len(run) >= _LIST_MIN_RUN:
        return _pack(run, max_words)
    return [(start, end) for start, end, _ in run]


# --- Long paragraphs into sentences -----------------------------------------------------------


def _split_paragraph(text: str, paragraph: Span, max_words: int) -> list[Span]:
    """A paragraph as is, or cut at sentence ends into pieces of about `max_words` words."""
    start, end = paragraph
    if _size(text, start, end) <= max_words:
        return [paragraph]
    units: list[Unit] = []
    for s_start, s_end in _sentences(text, start, end):
        size = _size(text, s_start, s_end)
        if size > 2 * max_words:
            units.extend(_cut_between_words(text, s_start, s_end, max_words))
        else:
            units.append((s_start, s_end, size))
    return _pack(units, max_words)


def _sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans of text[start:end], trimmed."""
    sentences: list[Span] = []
    pos = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _is_sentence_end(text, match):
            _append_trimmed(sentences, text, pos, match.end())
            pos = match.end()
    _append_trimmed(sentences, text, pos, end)
    return sentences


def _is_sentence_end(text: str, match: re.Match[str]) -> bool:
    """Whether a candidate stop really ends a sentence (not "Mr.", "J.", "U.S.", "No. 5")."""
    following = text[match.end()]
    if following.islower():
        return False
    word = match.group("word")
    if word is None or match.group("stop") != ".":
        return True
    word = word.lstrip(_OPENING_PUNCTUATION).lower()
    if len(word) == 1 and word.isalpha():
        return False  # an initial, or the last letter of U.S. / e.g.
    if word in _ABBREVIATIONS:
        return False
    return not (word in _NUMBERING_ABBREVIATIONS and following.isdigit())


def _cut_between_words(text: str, start: int, end: int, max_words: int) -> list[Unit]:
    """A very long sentence cut between words into pieces of `max_words` words."""
    words = [m.span() for m in _WORD.finditer(text, start, end)]
    return [
        (words[i][0], words[min(i + max_words, len(words)) - 1][1], min(max_words, len(words) - i))
        for i in range(0, len(words), max_words)
    ]


def _pack(units: list[Unit], max_words: int) -> list[Span]:
    """Join consecutive units greedily while they fit in `max_words`; a short tail joins in."""
    chunks: list[Unit] = []
    for start, end, size in units:
        if chunks and chunks[-1][2] + size <= max_words:
            chunks[-1] = (chunks[-1][0], end, chunks[-1][2] + size)
        else:
            chunks.append((start, end, size))
    if len(chunks) >= 2:
        tail, last = chunks[-1], chunks[-2]
        if tail[2] < max_words // 4 and last[2] + tail[2] <= max_words + max_words // 4:
            chunks[-2:] = [(last[0], tail[1], last[2] + tail[2])]
    return [(start, end) for start, end, _ in chunks]
