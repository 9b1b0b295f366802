"""Highlight spans (words, phrases in a row, words near each other) and excerpt windows."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from indexer.highlight import MatchSpans, excerpt_window


def cut(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[start:end] for start, end in spans]


def test_words_are_matched_by_their_index_terms() -> None:
    text = "Meetings of the militia; the militias met."
    assert cut(text, MatchSpans(frozenset({"meet", "militia"})).spans(text)) == [
        "Meetings",
        "militia",
        "militias",
    ]


def test_a_phrase_is_lit_only_where_its_words_are_in_a_row() -> None:
    text = "The harbour workers met; workers of the harbour left."
    spans = MatchSpans(phrases=((("harbour", "worker"), None),)).spans(text)
    assert cut(text, spans) == ["harbour", "workers"]


def test_words_near_each_other_in_any_order() -> None:
    text = "Drones were not discussed, but Israel was. Later, drones."
    near = MatchSpans(phrases=((("israel", "drone"), 5),)).spans(text)
    assert cut(text, near) == ["Drones", "Israel", "drones"]
    nearer = MatchSpans(phrases=((("israel", "drone"), 3),)).spans(text)
    assert cut(text, nearer) == ["Israel", "drones"]  # stop words count: Drones is 5 words off
    far = MatchSpans(phrases=((("israel", "drone"), 1),)).spans(text)
    assert cut(text, far) == []


def test_excerpt_is_centred_on_the_matches() -> None:
    text = (
        " ".join(f"w{i}" for i in range(200)) + " target " + " ".join("x" * 3 for _ in range(200))
    )
    start = text.index("target")
    spans = [(start, start + 6)]
    low, high = excerpt_window(text, spans, width=100)
    assert low < start < high
    assert abs((start - low) - (high - start - 6)) < 12
    assert text[low - 1] == " " and text[high] == " "


def test_short_text_is_its_own_excerpt() -> None:
    assert excerpt_window("short text", [(0, 5)], width=100) == (0, 10)


@given(st.text(max_size=600), st.data())
def test_excerpt_window_stays_inside_the_text(text: str, data: st.DataObject) -> None:
    points = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    spans = [(a, b) for a, b in zip(points[::2], points[1::2], strict=False) if a < b]
    low, high = excerpt_window(text, spans, width=80)
    assert 0 <= low <= high <= len(text)
