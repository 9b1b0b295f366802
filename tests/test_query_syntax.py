"""The query language's parser: what each construct reads as, and what it refuses."""

from __future__ import annotations

import pytest

from indexer.query_syntax import (
    AllOf,
    AnyOf,
    Group,
    Not,
    PathGlob,
    Phrase,
    QuerySyntaxError,
    Word,
    leaves,
    parse_query,
    plain_words,
)


def test_words_side_by_side_form_a_group() -> None:
    assert parse_query("militia meeting") == Group(
        (Word("militia", (0, 7)), Word("meeting", (8, 15)))
    )


def test_or_binds_closer_than_words_side_by_side() -> None:
    node = parse_query("a b OR c d")
    assert isinstance(node, Group)
    assert [type(child) for child in node.nodes] == [Word, AnyOf, Word]


def test_and_binds_closer_than_or() -> None:
    node = parse_query("a AND b OR c")
    assert isinstance(node, AnyOf) and isinstance(node.nodes[0], AllOf)


def test_not_and_minus_negate_the_next_atom() -> None:
    assert parse_query("NOT x") == Not(Word("x", (4, 5)))
    assert parse_query("-x") == Not(Word("x", (1, 2)))
    assert parse_query('-"a b"') == Not(Phrase("a b", (1, 6)))


def test_a_hyphen_inside_a_word_is_part_of_it() -> None:
    assert parse_query("al-Khazali") == Word("al-Khazali", (0, 10))


def test_lower_case_operators_are_words() -> None:
    node = parse_query("war or peace")
    assert isinstance(node, Group) and len(node.nodes) == 3


def test_phrase_and_proximity() -> None:
    assert parse_query('"harbour workers"') == Phrase("harbour workers", (0, 17))
    assert parse_query('"drones Israel"~5') == Phrase("drones Israel", (0, 17), slop=5)


def test_prefix_and_fuzzy() -> None:
    assert parse_query("nakh*") == Word("nakh", (0, 5), mode="prefix")
    assert parse_query("Khazaly~") == Word("Khazaly", (0, 8), mode="fuzzy", edits=1)
    assert parse_query("Khazaly~2") == Word("Khazaly", (0, 9), mode="fuzzy", edits=2)
    assert parse_query("Khazaly~7").edits == 2  # type: ignore[union-attr]


def test_fields() -> None:
    assert parse_query("title:union") == Word("union", (6, 11), field="title")
    assert parse_query('TITLE:"a b"') == Phrase("a b", (6, 11), field="title")
    assert parse_query("path:sport/*.txt") == PathGlob("sport/*.txt", (0, 16))
    grouped = parse_query("title:(a b)")
    assert all(leaf.field == "title" for leaf, _ in leaves(grouped))  # type: ignore[union-attr]


def test_a_minus_after_a_field_is_not() -> None:
    """Regression: title:-blair had been read as title:blair, silently."""
    assert parse_query("title:-blair") == parse_query("-title:blair")
    assert parse_query("title:-blair") == Not(Word("blair", (7, 12), field="title"))


def test_unknown_field_is_a_word() -> None:
    assert parse_query("a:b") == Word("a:b", (0, 3))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('"open', "a quote is not closed"),
        ("(a b", "a bracket is not closed"),
        ("a b)", "a closing bracket has no opening one"),
        ("a OR", "OR needs something after it"),
        ("OR a", "OR needs something before it"),
        ("NOT", "NOT needs something after it"),
        ("title:", "title: needs something after it"),
        ('"a b"~', "a ~ after a phrase needs a number of words, as in ~5"),
        ("(" * 3000 + "a" + ")" * 3000, "brackets and NOTs nest more than 32 deep"),
        ("NOT " * 3000 + "a", "brackets and NOTs nest more than 32 deep"),
        ("-" * 3000 + "a", None),
    ],
)
def test_unreadable_queries_say_why(text: str, reason: str | None) -> None:
    if reason is None:  # a run of hyphens is read as a word
        parse_query(text)
        return
    with pytest.raises(QuerySyntaxError, match=reason):
        parse_query(text)


def test_plain_words_reads_anything() -> None:
    assert plain_words('"open (NOT') == Group((Word('"open', (0, 5)), Word("(NOT", (6, 10))))


def test_leaves_know_when_they_are_negated() -> None:
    found = leaves(parse_query("a -(b NOT c)"))
    assert [(leaf.text, negated) for leaf, negated in found] == [  # type: ignore[union-attr]
        ("a", False),
        ("b", True),
        ("c", False),
    ]
