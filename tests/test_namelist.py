"""Discovering the names of a corpus: runs of capitalised words, Arabic names, short forms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index

from indexer.namelist import NameCount, count_names, names_in_index
from indexer.names.analysis import analyse_names
from tests.names_index import build_index

REPORT = [
    "Militia Leader Meets Envoy For Talks On The Border",
    "On Monday the office of Qais Al-Khazali said that President Abdul Latif Rashid met "
    "Osama bin Laden's cousin.",
    "The statement from Qais Al-Khazali's office praised the Bank of England.",
    "Khazali reiterated his support. Furthermore, the talks went on.",
    "حركة النجباء تنشر مقطع فيديو",
]
OTHER = [
    "Professor Khazali of Baghdad spoke in January about the Bank of England.",
    "The sheikh, Abdul Latif Rashid, said the talks would go on. حركة النجباء قالت",
    "وقال حزب الله إن الله معنا، وأكد حزب الله ذلك.",
]


def names(passages: list[tuple[str, str]], **options: int) -> dict[str, NameCount]:
    return {found.name: found for found in count_names(passages, min_mentions=1, **options)}


def corpus() -> list[tuple[str, str]]:
    return [("report", text) for text in REPORT] + [("other", text) for text in OTHER]


def test_full_names_with_particles_articles_and_joiners() -> None:
    found = names(corpus())
    assert {"Qais Al-Khazali", "Abdul Latif Rashid", "Osama bin Laden", "Bank of England"} <= set(
        found
    )


def test_a_last_name_alone_counts_for_the_full_name_only_in_that_document() -> None:
    found = names(corpus())
    assert found["Qais Al-Khazali"].mentions == 3
    assert found["Qais Al-Khazali"].documents == 1
    assert "Khazali" in found["Qais Al-Khazali"].forms
    assert found["Khazali"].mentions == 1  # the professor, in the other document


def test_counts_and_documents() -> None:
    found = names(corpus())
    assert (found["Abdul Latif Rashid"].mentions, found["Abdul Latif Rashid"].documents) == (2, 2)
    assert (found["Bank of England"].mentions, found["Bank of England"].documents) == (2, 2)


def test_titles_months_headlines_and_sentence_openers_are_left_out() -> None:
    found = names(corpus())
    for word in ("President", "Professor", "January", "Monday", "Furthermore", "Militia", "Envoy"):
        assert not any(word in name.split() for name in found), word


def test_arabic_names_after_a_word_announcing_one() -> None:
    found = names(corpus())
    assert found["حركة النجباء"].mentions == 2
    assert "تنشر" not in found


def test_a_body_s_arabic_name_keeps_its_word_for_body() -> None:
    found = names(corpus())
    assert found["حزب الله"].mentions == 2
    assert "الله" not in found and "حزب" not in found


def test_an_arabic_name_opened_by_abu_or_abd_goes_on_to_its_family_name() -> None:
    found = names(
        [
            ("a", "قال أبو بكر البغدادي إن عبد الله بن زايد وصل إلى أبو ظبي الجمعة"),
            ("b", "وقتل أبو مهدي المهندس، وقال عبد الله الذي وصل"),
        ]
    )
    assert {"أبو بكر البغدادي", "عبد الله بن زايد", "أبو مهدي المهندس", "أبو ظبي"} <= set(found)
    assert "أبو بكر" not in found and "أبو مهدي" not in found
    assert not any("الجمعة" in name or "الذي" in name for name in found)


def test_most_mentioned_first_and_limit() -> None:
    ranked = count_names(corpus(), min_mentions=1, limit=3)
    assert len(ranked) == 3
    assert [n.mentions for n in ranked] == sorted((n.mentions for n in ranked), reverse=True)
    assert all(n.mentions >= 2 for n in count_names(corpus()))


def test_names_of_an_index(tmp_path: Path) -> None:
    build_index(tmp_path, [("report.txt", "2023-01-13", REPORT), ("other.txt", None, OTHER)])
    with whoosh_index.open_dir(str(tmp_path)).searcher() as searcher:
        found = {n.name: n for n in names_in_index(searcher, min_mentions=1)}
    assert found["Qais Al-Khazali"].mentions == 3


def test_organisations_and_places_get_no_short_form_counts() -> None:
    passages = [
        ("doc", "The Bank of England raised rates. England won the match in England."),
        ("doc", "Gulf Oil said on Monday that Oil prices fell."),
    ]
    found = names(passages)
    assert found["Bank of England"].mentions == 1
    assert found["England"].mentions == 2
    assert found["Gulf Oil"].mentions == 1


def test_nationalities_single_letters_and_titles_are_not_names() -> None:
    passages = [
        ("doc", "He said British and Shia officials met Chancellor Gordon Brown on Plan B."),
        ("doc", "She told British and Shia officials that Gordon Brown and B would come."),
    ]
    found = names(passages)
    assert "Gordon Brown" in found
    assert not {"British", "Shia", "B", "Chancellor Gordon Brown"} & set(found)


def test_common_words_are_not_names_when_the_caller_can_tell() -> None:
    passages = [("doc", "He said Analysts expect a rise, and Qais Al-Khazali said Analysts agree.")]
    assert "Analysts" in names(passages)
    found = count_names(passages, min_mentions=1, common=lambda word: word == "analysts")
    assert "Analysts" not in {n.name for n in found}


def test_a_name_written_across_lines_is_one_form() -> None:
    found = names([("doc", "Prime Minister Qais\nAl-Khazali met Qais Al-Khazali.")])
    assert found["Qais Al-Khazali"].mentions == 2
    assert found["Qais Al-Khazali"].forms == ()


def test_an_index_tells_common_words_by_their_lower_case(tmp_path: Path) -> None:
    passages = [
        "He said Analysts expect a rise; Qais Al-Khazali agreed.",
        "Later, he said Analysts were wrong about Qais Al-Khazali.",
        "The analysts disagreed.",
        "Some analysts spoke.",
        "Other analysts left.",
        "Few analysts stayed.",
    ]
    build_index(tmp_path, [("report.txt", None, ["Notes", *passages])], keywords=True)
    with whoosh_index.open_dir(str(tmp_path)).searcher() as searcher:
        found = {n.name for n in names_in_index(searcher, min_mentions=1)}
    assert "Qais Al-Khazali" in found and "Analysts" not in found


def test_a_hyphenated_last_name_and_a_family_name_first_count_for_the_full_name() -> None:
    found = names(
        [
            ("a", "Robert Kilroy-Silk left the party. Kilroy-Silk said he would stand."),
            ("a", "Premier Zhao Ziyang spoke. Zhao said the plan would go on."),
        ]
    )
    assert found["Robert Kilroy-Silk"].mentions == 2
    assert found["Robert Kilroy-Silk"].forms == ("Kilroy-Silk",)
    assert found["Zhao Ziyang"].mentions == 2
    assert "Kilroy-Silk" not in found and "Zhao" not in found


def test_row_labels_of_financial_tables_are_not_names() -> None:
    table = "Shr 34 cts vs 1.19 dlrs\n    Net 807,000 vs 2,858,000\n    Revs 33.7 mln vs 31.5 mln"
    passages = [(f"doc{i}", table) for i in range(25)]
    passages.append(("flat", "Shr 5 cts Net 12 mln Revs 40 mln"))  # not all open a line
    passages += [
        (f"doc{i}", f"Shares of Gulf Oil rose {i} pct, Reuter reported.") for i in range(25)
    ]
    found = names(passages)
    assert not {"Shr", "Net", "Revs"} & set(found)
    assert found["Gulf Oil"].mentions == 25


def test_a_legal_form_alone_is_not_a_name() -> None:
    found = names([("a", "Shares of Acme Corp and Co Inc rose. Co Inc said so. Corp fell.")] * 2)
    assert not {"Co", "Co Inc", "Corp"} & set(found)


def test_an_organisation_with_and_in_its_name_is_one_name() -> None:
    found = names(
        [
            ("a", "The Securities and Exchange Commission said Standard and Poor's Corp cut it."),
            ("b", "Standard and Poor's said so, as Britain and France did with Eli Lilly and Co."),
        ]
    )
    assert found["Securities and Exchange Commission"].mentions == 1
    assert found["Standard and Poor's Corp"].mentions == 2  # and Standard and Poor's alone
    assert {"Britain", "France", "Eli Lilly and Co"} <= set(found)
    assert not {"Exchange Commission", "Standard", "Poor", "Britain and France"} & set(found)


def test_an_index_built_by_the_pipeline_lends_its_kept_name_tokens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each passage's name tokens, kept by the index, are read instead of found again."""
    from indexer import index_paths, namelist

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "report.txt").write_text("\n\n".join(REPORT) + "\n")
    (corpus / "other.txt").write_text("\n\n".join(OTHER) + "\n")
    index_paths(tmp_path / "index", [corpus])
    analysed: list[str] = []

    def counted(text: str) -> list[Any]:
        analysed.append(text)
        return analyse_names(text)

    monkeypatch.setattr(namelist, "analyse_names", counted)
    kept = namelist.names_at(tmp_path / "index", min_mentions=1)
    assert analysed == []
    monkeypatch.setattr(namelist, "NAME_TOKENS", "no such field")
    assert namelist.names_at(tmp_path / "index", min_mentions=1) == kept
    assert analysed
    assert {"Qais Al-Khazali", "Bank of England"} <= {n.name for n in kept}
