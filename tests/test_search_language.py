"""The query language against a small index: which passages each construct selects, how they
rank, dates, suggestions, passages in context, `show`'s document references, TREC runs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer import IndexSession, index_paths
from indexer import query_syntax as syntax
from indexer.analysis import WORD_PATTERN, keyword_terms
from indexer.errors import BadQuery, DocumentNotFound
from indexer.query_plan import is_filter, path_matcher
from indexer.search import DateRange
from indexer.trec import read_batch, trec_run
from tests.search_corpus import write_search_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_search_corpus(tmp_path_factory.mktemp("language") / "corpus")


@pytest.fixture(scope="module")
def session(corpus: Path) -> Iterator[IndexSession]:
    location = corpus.parent / "index"
    index_paths(location, [corpus])
    with IndexSession(location) as opened:
        yield opened


def texts(session: IndexSession, query: str, **options: object) -> list[str]:
    return [hit.text for hit in session.find(query, limit=50, **options).hits]  # type: ignore[arg-type]


def names(session: IndexSession, query: str, **options: object) -> set[str]:
    hits = session.find(query, limit=50, **options).hits  # type: ignore[arg-type]
    return {Path(hit.path).name for hit in hits}


@contextmanager
def indexed(folder: Path, files: dict[str, str]) -> Iterator[IndexSession]:
    """`files` (name: text) written in `folder`/docs and indexed; a session on them."""
    (folder / "docs").mkdir()
    for name, text in files.items():
        (folder / "docs" / name).write_text(text, encoding="utf-8")
    index_paths(folder / "index", [folder / "docs"])
    with IndexSession(folder / "index") as opened:
        yield opened


def test_plain_words_rank_passages_holding_all_of_them_first(session: IndexSession) -> None:
    found = texts(session, "militia drones Israel")
    assert found[0] == "An Iraqi militia threatened to launch drones at targets in Israel."
    assert "The militia leader pledged support for the Palestinian cause." in found


KHAZALI_HEAD = "Khazali Meets Rajoub in Baghdad\nJanuary 13, 2023"
RAJOUB = "Qais al-Khazali met Jibril Rajoub in Baghdad on Monday."


def test_plain_words_match_any_of_them(session: IndexSession) -> None:
    assert set(texts(session, "Rajoub zeppelin")) == {KHAZALI_HEAD, RAJOUB}


def test_a_title_alone_does_not_select_its_passages(session: IndexSession) -> None:
    assert "Ziyad al-Nakhala led the delegation to Baghdad." not in texts(session, "Jihad")


def test_or(session: IndexSession) -> None:
    found = texts(session, "Nakhala OR Rajoub")
    assert len(found) == 3 and all("Nakhala" in t or "Rajoub" in t for t in found)


def test_and(session: IndexSession) -> None:
    assert set(texts(session, "drones AND Israel")) == {
        "An Iraqi militia threatened to launch drones at targets in Israel.",
        "Drones were not discussed, but Israel was.",
    }


@pytest.mark.parametrize("query", ["Baghdad -ceasefire", "Baghdad NOT ceasefire"])
def test_not(session: IndexSession, query: str) -> None:
    found = texts(session, query)
    assert found and all("Baghdad" in t and "Ceasefire" not in t for t in found)


def test_a_query_of_only_not_returns_passages_never_file_records(session: IndexSession) -> None:
    hits = session.find("NOT Baghdad", limit=None).hits
    assert len(hits) == session.count("NOT Baghdad") == 7
    assert all(hit.text and "Baghdad" not in hit.text for hit in hits)


def test_exact_phrase(session: IndexSession) -> None:
    assert texts(session, '"harbour workers"') == [
        "Harbour Cup Final\n\nThe harbour workers' team won the cup."  # its heading joined
    ]


def test_a_phrase_with_stop_words_matches_them_as_written(tmp_path: Path) -> None:
    """The index leaves stop words out: "pleaded not guilty" must not find "pleaded guilty",
    nor "The Who" every "who"."""
    files = {
        "a.txt": "The defendant pleaded not guilty to fraud.",
        "b.txt": "His partner pleaded guilty to theft.",
        "c.txt": "Albums of the day include one by The Who.",
        "d.txt": "Nobody knows who wrote it.",
    }
    with indexed(tmp_path, files) as opened:
        assert texts(opened, '"pleaded not guilty"') == [
            "The defendant pleaded not guilty to fraud."
        ]
        assert opened.count('"not guilty"') == 1
        assert texts(opened, '"The Who"') == ["Albums of the day include one by The Who."]
        hit = opened.find('"pleaded not guilty" fraud').hits[0]
        assert [hit.text[a:b] for a, b in hit.highlights] == ["pleaded", "not", "guilty", "fraud"]
        # a stop word takes a position: the words of a phrase are next to each other
        assert texts(opened, '"pleaded guilty"') == ["His partner pleaded guilty to theft."]
        assert texts(opened, "pleaded-guilty") == ["His partner pleaded guilty to theft."]
        hit = opened.find('"defendant pleaded" "pleaded guilty"').hits[0]
        assert [hit.text[a:b] for a, b in hit.highlights] == ["defendant", "pleaded"]


def test_proximity_in_any_order(session: IndexSession) -> None:
    assert texts(session, '"Israel drones"') == []
    assert set(texts(session, '"Israel drones"~5')) == {
        "Drones were not discussed, but Israel was.",
        "An Iraqi militia threatened to launch drones at targets in Israel.",
    }
    assert texts(session, '"Israel drones"~1') == []


def test_proximity_of_no_words_is_the_phrase(session: IndexSession) -> None:
    """As in Lucene, "a b"~0 is the exact phrase (it had also found the words the other way
    round, next to each other)."""
    assert texts(session, '"harbour workers"~0') == texts(session, '"harbour workers"')
    assert texts(session, '"workers harbour"~0') == []
    assert texts(session, '"workers harbour"~1') != []


def test_a_hyphenated_word_and_the_word_written_as_one_find_each_other(tmp_path: Path) -> None:
    long = "A long letter. " * 40 + "It came as an e-mail."  # past the memo of short texts
    files = {
        "a.txt": "Send me an e-mail today.",
        "b.txt": "His email address changed.",
        "c.txt": "Co-operation between the firms grew.",
        "d.txt": "An e mail, written apart, is not one.",
        "e.txt": long,
    }
    with indexed(tmp_path, files) as opened:
        expected = {"Send me an e-mail today.", "His email address changed.", long}
        assert set(texts(opened, "email")) == expected
        apart = "An e mail, written apart, is not one."
        assert set(texts(opened, "e-mail")) == {*expected, apart}  # hyphen or space, alike
        assert texts(opened, "cooperation") == ["Co-operation between the firms grew."]
        hit = opened.find("email").hits
        assert {h.text[a:b] for h in hit for a, b in h.highlights} == {"e", "mail", "email"}
        assert texts(opened, '"email address"') == ["His email address changed."]


def test_a_hyphenated_prefix_is_the_joined_word_s_prefix(tmp_path: Path) -> None:
    """Regression: e-mail* found e and any mail* word apart (E-government ... mailing), and
    missed email written as one word."""
    files = {
        "a.txt": "Junk e-mails keep coming.",
        "b.txt": "His emailed reply came late.",
        "c.txt": "E-government plans and a mailing list were discussed.",
    }
    with indexed(tmp_path, files) as opened:
        assert set(texts(opened, "e-mail*")) == {files["a.txt"], files["b.txt"]}


def test_a_phrase_is_its_words_next_to_each_other_as_written(tmp_path: Path) -> None:
    """Stop words take positions in the index: they keep a phrase's words apart."""
    files = {
        "a.txt": "The Bank of England raised rates.",
        "b.txt": "A bank in England closed.",
        "c.txt": "Bank England is a name no one writes.",
        "d.txt": "It is a state-of-the-art plant.",
    }
    with indexed(tmp_path, files) as opened:
        assert texts(opened, '"bank of england"') == ["The Bank of England raised rates."]
        assert texts(opened, '"bank england"') == ["Bank England is a name no one writes."]
        assert texts(opened, "state-of-the-art") == ["It is a state-of-the-art plant."]
        assert opened.count('"bank england"~3') == 3
        assert texts(opened, "bank-of-england") == ["The Bank of England raised rates."]
        hit = opened.find("state-of-the-art").hits[0]
        assert [hit.text[a:b] for a, b in hit.highlights] == ["state", "of", "the", "art"]
        near = texts(opened, '"bank of england"~1')  # stop words are not counted in ~N
        assert "The Bank of England raised rates." in near


def test_a_prefix_or_fuzzy_word_does_not_rank_a_rare_expansion_first(tmp_path: Path) -> None:
    """Each expansion weighs as the commonest does; a fuzzy word's farther ones weigh less."""
    texts_of = {
        "rare.txt": "Engineers replaced the worn electrodes of the furnace at the plant.",
        "blur.txt": "A blur of colour crossed the screen at the plant in the night.",
        **{f"e{n}.txt": f"The election in district {n} was held in May." for n in range(6)},
        **{f"b{n}.txt": f"Blair spoke in district {n} on Monday night." for n in range(6)},
    }
    with indexed(tmp_path, texts_of) as opened:
        assert "election" in texts(opened, "elect*")[0]
        assert texts(opened, "blair~2")[0].startswith("Blair")


def test_prefix(session: IndexSession) -> None:
    assert texts(session, "nakh*") == ["Ziyad al-Nakhala led the delegation to Baghdad."]


def test_a_word_the_index_holds_as_several_is_a_phrase_of_them(session: IndexSession) -> None:
    """Regression: `al-Khazali` matched any passage holding `al` (al-Nakhala's too), and
    highlighted every `al` in it; now its words must stand together, as typed."""
    found = session.find("al-Khazali's").hits
    assert [hit.text for hit in found] == [RAJOUB]
    assert [RAJOUB[a:b] for a, b in found[0].highlights] == ["al", "Khazali"]
    assert texts(session, "Khazali-al") == []
    assert texts(session, "al-nakh*") == ["Ziyad al-Nakhala led the delegation to Baghdad."]
    assert texts(session, "al-Nakhla~") == ["Ziyad al-Nakhala led the delegation to Baghdad."]


def test_prefix_finds_the_stems_it_begins_with(session: IndexSession) -> None:
    assert texts(session, "Monday*") == [RAJOUB]
    assert texts(session, "pledging*") == [
        "The militia leader pledged support for the Palestinian cause."
    ]


def test_a_prefix_matches_shorter_stems_only_of_the_words_it_begins(tmp_path: Path) -> None:
    """`governm*` finds government (stem govern); `carbon*` does not find cars (stem car),
    nor `partner*` the part, though car and part are as much shorter than the prefix."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in [("cars", "The cars were parked."), ("carbon", "Carbon dioxide rose."),
                       ("part", "Part of the deal."), ("partners", "The partners signed."),
                       ("government", "The government fell.")]:  # fmt: skip
        (folder / f"{name}.txt").write_text(text + "\n")
    index_paths(tmp_path / "index", [folder])
    with IndexSession(tmp_path / "index") as opened:
        assert names(opened, "carbon*") == {"carbon.txt"}
        assert names(opened, "partner*") == {"partners.txt"}
        assert names(opened, "governm*") == {"government.txt"}
        assert names(opened, "car*") == {"cars.txt", "carbon.txt"}


def test_arabic_words_are_found_with_their_article_and_particles(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in [("sadr", "وقال مقتدى الصدر إن الإصلاح مستمر."),
                       ("maliki", "وقال مقربون للمالكي إن الاجتماع كان إيجابياً."),
                       ("other", "وصل الوفد إلى بغداد.")]:  # fmt: skip
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    index_paths(tmp_path / "index", [folder])
    with IndexSession(tmp_path / "index") as opened:
        assert names(opened, "صدر") == names(opened, "والصدر") == {"sadr.txt"}
        assert names(opened, "المالكي") == names(opened, "مالكي") == {"maliki.txt"}
        assert names(opened, "الصد*") == {"sadr.txt"}
        [hit] = opened.find("صدر").hits
        assert [hit.text[a:b] for a, b in hit.highlights] == ["الصدر"]


def test_fuzzy(session: IndexSession) -> None:
    assert texts(session, "Rajub") == []
    assert set(texts(session, "Rajub~")) == {KHAZALI_HEAD, RAJOUB}
    assert texts(session, "Rajb~") == []
    assert set(texts(session, "Rajb~2")) == {KHAZALI_HEAD, RAJOUB}


def test_title_filter_is_required(session: IndexSession) -> None:
    assert texts(session, "title:jihad drones") == [
        "An Iraqi militia threatened to launch drones at targets in Israel."
    ]
    assert names(session, "title:jihad") == {"2023-04-13-nakhala.txt"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("path:sport/*.txt", {"match.txt"}),
        ("path:*khazali*", {"2023-01-13-khazali.txt"}),
        ("path:news", {"2023-01-13-khazali.txt", "2023-04-13-nakhala.txt"}),
        ("path:NEWS/*.TXT", {"2023-01-13-khazali.txt", "2023-04-13-nakhala.txt"}),
        ("path:*.md", {"draft.md"}),
        ("path:nowhere/*", set()),
    ],
)
def test_path_globs(session: IndexSession, query: str, expected: set[str]) -> None:
    assert names(session, query) == expected


def test_absolute_path_glob(session: IndexSession, corpus: Path) -> None:
    assert names(session, f"path:{corpus}/sport/*") == {"match.txt"}


def test_path_filter_with_words(session: IndexSession) -> None:
    assert names(session, "path:news/* Baghdad") == {
        "2023-01-13-khazali.txt",
        "2023-04-13-nakhala.txt",
    }
    assert names(session, "Baghdad -path:news") == {"draft.md"}


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2023-04", None, {"2023-04-13-nakhala.txt", "draft.md"}),
        (None, "2023-01", {"2023-01-13-khazali.txt"}),
        ("2023", "2023", {"2023-01-13-khazali.txt", "2023-04-13-nakhala.txt"}),
        ("2023-04-14", "2024-01-31", set()),
    ],
)
def test_dates(
    session: IndexSession, since: str | None, until: str | None, expected: set[str]
) -> None:
    assert names(session, "Baghdad", dates=DateRange(since, until)) == expected


def test_bad_dates_are_bad_queries(session: IndexSession) -> None:
    with pytest.raises(BadQuery, match="not a date"):
        session.find("Baghdad", dates=DateRange("last week"))
    with pytest.raises(BadQuery, match="is after"):
        session.find("Baghdad", dates=DateRange("2024", "2023"))


def test_unreadable_query_is_searched_as_words_with_a_notice(session: IndexSession) -> None:
    results = session.find('"harbour workers')
    assert results.notice == (
        "could not read the query (a quote is not closed): searched for its words instead"
    )
    assert len(results.hits) == 2


def test_fields_and_boosts_of_other_engines_are_left_out_with_a_notice(
    session: IndexSession,
) -> None:
    plain = texts(session, "harbour")
    for typed, said in [
        ("text:harbour", "no field text: here (the fields are title:, path:)"),
        ("harbour^2", "boosts such as ^2 are not read"),
        ("date:2023 harbour", "no field date: here (the fields are title:, path:); dates are"),
    ]:
        results = session.find(typed)
        assert results.notice is not None and results.notice.startswith(said), typed
        if not typed.startswith("date:"):  # (its 2023 is searched for too)
            assert [hit.text for hit in results.hits] == plain, typed
    assert session.find("title:harbour").notice is None
    assert session.find("harbour").notice is None


def test_a_word_with_a_colon_that_names_no_field_is_a_word(session: IndexSession) -> None:
    """`Harbour:workers` is two words typed together, not a field of another engine."""
    together = session.find("Harbour:workers")
    assert together.notice is None
    assert [hit.text for hit in together.hits] == texts(session, "Harbour workers")


def test_deeply_nested_query_is_read_as_words(session: IndexSession) -> None:
    """Regression: the recursive parser hit Python's recursion limit (a traceback)."""
    results = session.find("(" * 3000 + "Rajoub" + ")" * 3000)
    assert results.notice is not None and "nest more than 32 deep" in results.notice
    assert session.find("NOT " * 3000 + "Rajoub").notice is not None


def test_query_of_stop_words_finds_nothing_without_error(session: IndexSession) -> None:
    assert session.find("the AND of").hits == []


@pytest.mark.parametrize("query", ["the AND of", "*", "~", '""', "NOT the", "title:of"])
def test_a_query_with_no_word_the_index_keeps_says_so(session: IndexSession, query: str) -> None:
    """Regression: `the`, `*` or `""` found nothing without a word of why."""
    results = session.find(query)
    assert results.hits == [] and results.notice is not None
    assert results.notice.startswith("nothing to search for: the index leaves out common words")


@pytest.mark.parametrize("query", ["the Baghdad", "path:*.md", "nakh*", "Baghdad -the"])
def test_a_query_with_a_word_to_search_has_no_such_notice(
    session: IndexSession, query: str
) -> None:
    assert session.find(query).notice is None


def test_did_you_mean(session: IndexSession) -> None:
    results = session.find("Rajoob Baghdadd")
    assert results.hits == []
    assert results.suggestions == ["Rajoub Baghdad"]


def test_did_you_mean_keeps_operators_and_fields(session: IndexSession) -> None:
    assert session.find("title:Rajoob OR Nakhalla").suggestions == ["title:Rajoub OR Nakhala"]


def test_did_you_mean_inside_phrases_and_words_of_several_parts(session: IndexSession) -> None:
    """Regression: a misspelt word inside quotes, or in al-Khazalli, had no suggestion."""
    assert session.find('"Jibril Rajob"').suggestions == ['"Jibril Rajoub"']
    assert session.find('"harbor workers"~2').suggestions == ['"harbour workers"~2']
    assert session.find("al-Khazalli's").suggestions == ["al-Khazali"]
    assert session.find('"Rajob').suggestions == ["Rajoub"]  # read as words: the quote goes


def test_no_suggestion_when_the_words_exist(session: IndexSession) -> None:
    results = session.find('"Baghdad Rajoub"')
    assert (results.hits, results.suggestions) == ([], [])


def test_highlights_of_a_phrase_are_the_phrase_not_every_word(session: IndexSession) -> None:
    hit = session.find('"harbour workers" celebrated').hits
    by_text = {h.text: [h.text[a:b] for a, b in h.highlights] for h in hit}
    headed = "Harbour Cup Final\n\nThe harbour workers' team won the cup."
    assert by_text[headed] == ["harbour", "workers"]
    assert by_text["Workers of the harbour celebrated all night."] == ["celebrated"]


def test_highlights_leave_out_negated_words(session: IndexSession) -> None:
    for hit in session.find("Baghdad -ceasefire").hits:
        assert {hit.text[a:b] for a, b in hit.highlights} == {"Baghdad"}


def test_by_document_keeps_each_documents_best_passage(session: IndexSession) -> None:
    hits = session.find("Baghdad", by_document=True).hits
    assert len(hits) == len({hit.doc for hit in hits}) == 3
    assert session.count("Baghdad", by_document=True) == 3
    assert session.count("Baghdad") == 5


def test_neighbours(session: IndexSession) -> None:
    hit = session.find("pledged").hits[0]
    around = session.neighbours(hit, 1, 1, "pledged")
    assert [p.passage for p in around] == [hit.passage - 1, hit.passage, hit.passage + 1]
    assert [p.highlights != [] for p in around] == [False, True, False]


def test_show_by_relative_path_absolute_path_and_id(session: IndexSession, corpus: Path) -> None:
    relative = session.show("corpus/news/2023-04-13-nakhala.txt#3", corpus.parent, context=1)
    assert (relative.focus, relative.count) == (3, 4)
    assert [p.passage for p in relative.passages] == [2, 3, 4]
    absolute = str(corpus / "news" / "2023-04-13-nakhala.txt")
    assert session.show(absolute, Path("/"), passage=3, context=1) == relative
    by_id = session.show(f"{absolute}#4", Path("/"), context=0)
    assert [p.text for p in by_id.passages] == ["The Islamic Jihad movement thanked its hosts."]


def test_show_picks_the_passage_that_best_matches_the_query(
    session: IndexSession, corpus: Path
) -> None:
    view = session.show("news/2023-04-13-nakhala.txt", corpus, query="drones", context=0)
    assert [p.text for p in view.passages] == [
        "An Iraqi militia threatened to launch drones at targets in Israel."
    ]
    assert [view.passages[0].text[a:b] for a, b in view.passages[0].highlights] == ["drones"]


def test_show_errors_say_what_to_do(session: IndexSession, corpus: Path) -> None:
    with pytest.raises(DocumentNotFound, match="no document nowhere.txt"):
        session.show("nowhere.txt", corpus)
    with pytest.raises(DocumentNotFound, match="has no passage 9") as caught:
        session.show("sport/match.txt#9", corpus)
    assert caught.value.hint == "its passages are numbered 1 to 2"
    with pytest.raises(DocumentNotFound, match="no document sport/match.txt#x"):
        session.show("sport/match.txt#x", corpus)


def test_trec_run_ranks_documents_by_their_best_passage(
    session: IndexSession, tmp_path: Path
) -> None:
    batch = tmp_path / "queries.tsv"
    batch.write_text("q1\tBaghdad militia\n\nharbour cup\n")
    queries = read_batch(batch)
    assert queries == [("q1", "Baghdad militia"), ("3", "harbour cup")]
    lines = list(trec_run(session, queries, limit=2))
    assert [line.split()[:4] for line in lines][0][:2] == ["q1", "Q0"]
    assert [line.split()[3] for line in lines] == ["1", "2", "1"]
    assert lines[-1].split()[2].endswith("match.txt") and lines[-1].endswith(" passages")


ODD = st.sampled_from(list("\"'():*~-^[]{}/\\!?&|+,.؟") + ["OR", "AND", "NOT", "title:", "path:"])
ARABIC = st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), max_size=6)
WORDS = st.sampled_from(["Baghdad", "drones", "Israel", "harbour", "nakh", "Rajub", "the"])
SURROGATES = st.sampled_from(["\udc80", "\ud800", "\udfff"])  # undecodable command-line bytes
PIECES = st.one_of(ODD, ARABIC, WORDS, SURROGATES, st.text(max_size=4), st.just(" "))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=12).map("".join))
def test_no_query_raises_anything_but_an_empty_query_error(
    session: IndexSession, query: str
) -> None:
    try:
        results = session.find(query)
    except BadQuery:
        assert not query.strip()
        return
    for hit in results.hits:
        assert all(0 <= a < b <= len(hit.text) for a, b in hit.highlights)


# Query-shaped text: the language's own marks around words, in any order and nesting, so that
# prefixes, fuzzy words, phrases, fields, NOTs and brackets are all drawn (the pieces above are
# mostly read as plain words), mixed with stray signs and Arabic.
STEMS = st.sampled_from(
    ["Baghdad", "drones", "Israel", "nakh", "Rajub", "al-Khazali's", "the", "e-mail", "النجباء"]
)
MARKED = st.tuples(
    st.sampled_from(["", "-", "NOT ", "title:", "("]),
    STEMS,
    st.sampled_from(["", "*", "*", "*", "~", "~2", "~9", "~0", ")", ":", "'s"]),
).map("".join)
QUOTED = st.tuples(
    st.lists(STEMS, min_size=0, max_size=3).map(" ".join),
    st.sampled_from(['"', '"~3', '"~', '"~0', ""]),
).map(lambda parts: f'"{parts[0]}{parts[1]}')
GLOBS = st.sampled_from(["*.md", "news", "[ab]*", "**/x?", "/", "\\", "sport/*", "ü*"])
TOKENS = st.one_of(
    MARKED, QUOTED, GLOBS.map(lambda glob: f"path:{glob}"), ODD, ARABIC,
    st.sampled_from(["(", ")", "OR", "AND", "NOT", "title:", "path:", "-", "--"]),
)  # fmt: skip
QUERY_LIKE = st.lists(TOKENS, min_size=1, max_size=10).map(" ".join).filter(str.strip)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(QUERY_LIKE)
def test_no_query_shaped_text_raises_and_highlights_cut_whole_words(
    session: IndexSession, query: str
) -> None:
    results = session.find(query, limit=5, by_document=len(query) % 2 == 0)
    for hit in results.hits:
        for start, end in hit.highlights:
            assert WORD_PATTERN.fullmatch(hit.text[start:end]), (query, hit.text[start:end])
    assert session.count(query) >= len(results.hits)
    if results.hits:
        hit = results.hits[0]
        session.show(hit.doc, Path("/"), passage=hit.passage, query=query)


def test_not_excludes_the_first_match_when_the_excluded_side_starts_earlier(
    tmp_path: Path,
) -> None:
    """Regression: Whoosh's AndNotMatcher let the first positive match through when the
    negative side's first document came before it (`Hadad -path:notes` returned the note)."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a-notes.txt").write_text("Nothing here.\n\nMet Hadad at the station.\n")
    (folder / "b-report.txt").write_text("Samira Hadad spoke.\n")
    index_paths(tmp_path / "index", [folder])
    with IndexSession(tmp_path / "index") as opened:
        assert [Path(h.path).name for h in opened.find("Hadad -path:a-notes.txt").hits] == [
            "b-report.txt"
        ]
        assert opened.find("Hadad -path:*notes*").total == 1


# -- the selection agrees with a direct reading of the query, passage by passage ---------------

VOCABULARY = ["Baghdad", "drones", "Israel", "militia", "harbour", "Jihad", "Rajoub", "cup"]
ATOMS = st.one_of(
    st.sampled_from(VOCABULARY),
    st.sampled_from(VOCABULARY).map(lambda word: f"title:{word}"),
    st.sampled_from(["path:news", "path:*.md", "path:sport/*", "path:*nakhala*"]),
)


def _compose(parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(parts, st.sampled_from([" ", " OR ", " AND "]), parts).map("".join),
        parts.map(lambda part: f"NOT {part}"),
        parts.map(lambda part: f"({part})"),
    )


QUERIES = st.recursive(ATOMS, _compose, max_leaves=5)


def _selects(node: syntax.Node, passage: dict[str, str]) -> bool:
    """Whether the query `node` selects `passage`, read straight from the language's rules."""
    if isinstance(node, syntax.Word):
        terms = [term for term, _, _ in keyword_terms(passage[node.field or "text"])]
        wanted = [term for term, _, _ in keyword_terms(node.text)]
        width = len(wanted)
        return bool(wanted) and any(
            terms[i : i + width] == wanted for i in range(len(terms) - width + 1)
        )
    if isinstance(node, syntax.PathGlob):
        return bool(path_matcher(node.pattern)(passage["path"]))
    if isinstance(node, syntax.Not):
        return not _selects(node.node, passage)
    if isinstance(node, syntax.AnyOf):
        return any(_selects(child, passage) for child in node.nodes)
    if isinstance(node, syntax.AllOf):
        return all(_selects(child, passage) for child in node.nodes)
    assert isinstance(node, syntax.Group)
    required = [c for c in node.nodes if is_filter(c) or isinstance(c, syntax.Not)]
    optional = [c for c in node.nodes if c not in required]
    return all(_selects(c, passage) for c in required) and (
        not optional or any(_selects(c, passage) for c in optional)
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(QUERIES)
def test_the_passages_selected_are_those_the_query_describes(
    session: IndexSession, query: str
) -> None:
    passages = [session.searcher.stored_fields(n) for n in range(session.searcher.doc_count_all())]
    passages = [p for p in passages if "text" in p]
    node = syntax.parse_query(query)
    expected = {(p["path"], p["passage"]) for p in passages if _selects(node, p)}
    found = {(hit.path, hit.passage) for hit in session.find(query, limit=None).hits}
    assert found == expected
