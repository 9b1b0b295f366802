"""Keyword analysis: case, accents, Arabic marks, apostrophes, stop words and stemming."""

from __future__ import annotations

from indexer.analysis import (
    KeywordAnalyzer,
    TermCache,
    TermChoices,
    fold,
    keyword_terms,
    use_terms,
)


def terms(text: str) -> list[str]:
    return [term for term, _start, _end in keyword_terms(text)]


def test_stemming_matches_inflected_forms() -> None:
    assert terms("meeting meets militias militia") == ["meet", "meet", "militia", "militia"]


def test_a_possessive_is_the_word_it_belongs_to() -> None:
    """Regression: folding the apostrophe away had made boss's the term bosss, 2004's 2004s."""
    assert terms("boss's boss bosses' 2004's 2004 MP3’s MP3") == [
        "boss", "boss", "boss", "2004", "2004", "mp3", "mp3"
    ]  # fmt: skip
    assert terms("O'Brien Qur'an don't") == ["obrien", "quran", "dont"]


def test_case_and_accents_fold() -> None:
    assert terms("Café CAFE café") == ["cafe", "cafe", "cafe"]


def test_letters_fold_to_their_usual_spelling() -> None:
    assert terms("Straße STRASSE") == terms("strasse strasse")
    assert terms("İstanbul Þór Œuvre Æther") == terms("istanbul thor oeuvre aether")


def test_ligatures_and_full_width_letters_fold() -> None:
    # PDF text often keeps the typesetter's ligatures.
    assert terms("ﬁnancial ﬂows ｆｕｌｌ") == terms("financial flows full")


def test_greek_accents_and_final_sigma_fold() -> None:
    assert fold("Ἀθῆναι") == fold("αθηναι")
    assert fold("ΟΔΟΣ") == fold("οδός") == "οδοσ"


def test_arabic_presentation_forms_fold_to_letters() -> None:
    assert fold("ﺍﻟﻌﺮﺏ") == fold("العرب")
    assert fold("ﻷ") == fold("لا")


def test_marks_that_are_part_of_letters_are_kept() -> None:
    assert fold("йод") == "йод"
    assert fold("कुछ") == "कुछ"
    assert fold("が") != fold("か")


def test_the_arabic_article_and_a_particle_on_it_are_not_part_of_the_term() -> None:
    assert terms("الصدر والصدر بالصدر للصدر فالصدر صدر") == ["صدر"] * 6
    # a word of two letters after them keeps them: والده (his father) is not وال + ده
    assert terms("الله والده وزير") == ["الله", "والده", "وزير"]


def test_a_persian_word_is_one_term_across_its_zero_width_non_joiner() -> None:
    assert terms("خامنه‌ای") == terms("خامنهای") == ["خامنهاي"]


def test_transliteration_marks_fold_away() -> None:
    assert terms("ʿAbd al-Qurʾan Muḥammad") == terms("Abd al-Quran Muhammad")


def test_apostrophes_inside_words_are_dropped() -> None:
    assert terms("Shi'ite Shiite") == ["shiit", "shiit"]
    assert terms("Al-Khazali's") == ["al", "khazali"]


def test_stop_words_are_not_indexed() -> None:
    assert terms("the meeting of the council") == ["meet", "council"]


def test_arabic_vowel_marks_and_alef_forms_fold() -> None:
    vowelled = "يُوسُف الحَرْبِي"
    plain = "يوسف الحربي"
    assert terms(vowelled) == terms(plain) == ["يوسف", "حربي"]
    assert fold("أحمد") == fold("احمد")


def test_offsets_cut_the_surface_form() -> None:
    text = "On Monday, Al-Khazali's office met."
    spans = [(text[start:end], term) for term, start, end in keyword_terms(text)]
    assert ("Khazali's", "khazali") in spans
    assert ("office", "offic") in spans


def test_a_stop_word_takes_a_position_and_gives_no_term() -> None:
    """So that "pleaded guilty" is not found in "pleaded not guilty"."""
    tokens = [(t.text, t.pos) for t in KeywordAnalyzer()("drones at Israel", positions=True)]
    assert tokens == [("drone", 0), ("israel", 2)]


def test_function_words_of_questions_are_stop_words() -> None:
    assert terms("What are the problems of heat conduction?") == ["problem", "heat", "conduct"]
    assert terms("How should we do it, and why?") == []


def test_words_that_are_also_names_or_acronyms_are_kept() -> None:
    assert terms("WHO report by Don") == ["who", "report", "don"]


def test_porter2_stemming() -> None:
    assert terms("skies generously dying") == ["sky", "generous", "die"]


def test_porter2_is_snowballs_own_not_whooshs_copy() -> None:
    # Whoosh's pure-Python English stemmer gives "ad" and "emerg" here.
    assert terms("added emergency emerged") == ["add", "emergenc", "emerg"]


def test_use_terms_switches_analysis_for_a_block_and_restores_it() -> None:
    with use_terms(TermChoices(stemmer="porter", stop_words="lucene")):
        assert terms("what skies") == ["what", "ski"]
        tokens = [t.text for t in KeywordAnalyzer()("what skies")]
        assert tokens == ["what", "ski"]
    assert terms("what skies") == ["sky"]


def test_terms_of_a_list_of_words_are_each_words_term_however_full_the_cache() -> None:
    words = ["The", "Meeting", "of", "the", "militias", "met", "the", "militia", "today"]
    expected = [TermCache().term(word) for word in words]
    assert expected == [None, "meet", None, None, "militia", "met", None, "militia", "today"]
    warm = TermCache()
    warm.term("Meeting")  # some words known, the rest new
    assert warm.terms_of(words) == expected
    tiny = TermCache(limit=3)  # fills up and is cleared while the new words are made
    assert tiny.terms_of(words) == expected
    assert len(tiny.terms) <= 3
