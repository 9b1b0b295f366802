"""Keyword analysis: case, accents, Arabic marks, apostrophes, stop words and stemming."""

from __future__ import annotations

from indexer.analysis import KeywordAnalyzer, fold, keyword_terms


def terms(text: str) -> list[str]:
    return [term for term, _start, _end in keyword_terms(text)]


def test_stemming_matches_inflected_forms() -> None:
    assert terms("meeting meets militias militia") == ["meet", "meet", "militia", "militia"]


def test_case_and_accents_fold() -> None:
    assert terms("Café CAFE café") == ["cafe", "cafe", "cafe"]


def test_apostrophes_inside_words_are_dropped() -> None:
    assert terms("Shi'ite Shiite") == ["shiit", "shiit"]
    assert terms("Al-Khazali's") == ["al", "khazali"]


def test_stop_words_are_not_indexed() -> None:
    assert terms("the meeting of the council") == ["meet", "council"]


def test_arabic_vowel_marks_and_alef_forms_fold() -> None:
    vowelled = "يُوسُف الحَرْبِي"
    plain = "يوسف الحربي"
    assert terms(vowelled) == terms(plain) == ["يوسف", "الحربي"]
    assert fold("أحمد") == fold("احمد")


def test_offsets_cut_the_surface_form() -> None:
    text = "On Monday, Al-Khazali's office met."
    spans = [(text[start:end], term) for term, start, end in keyword_terms(text)]
    assert ("Khazali's", "khazali") in spans
    assert ("office", "offic") in spans


def test_stop_words_take_no_position() -> None:
    tokens = [(t.text, t.pos) for t in KeywordAnalyzer()("drones at Israel", positions=True)]
    assert tokens == [("drone", 0), ("israel", 1)]
