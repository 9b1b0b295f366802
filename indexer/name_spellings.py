"""The spellings to look for, for each word of a name, in one index: `spellings_in_index`.

A word is looked for as typed (folded) and in the forms the index may hold for it: an Arabic
word with the article or without, and with a conjunction or preposition fused before it
(والنجباء, بالنجباء, للنجباء, وحزب). With variants, the spellings `find_variants` keeps
(Hizballah → Hezbollah, Nujaba → النجباء) are added, less three kinds of look-alike that
real news corpora are full of:
- a word typed as an acronym (OPEC) has no variants (OAPEC is another body);
- a Latin spelling with p for b or the reverse (Blair → Player, Baker → Packer): Arabic has
  no p, so the learned model holds them alike, but no transliteration swaps them;
- a common word (Player, Golf): in the passages holding it, it is mostly written in lower
  case (read from the index's keyword field, when the index has one).
- an adjective of a people or a faith for a word that is none (Iraqi for Iraq: the people,
  not the country; Shia).
Only spellings the index holds are kept.
"""

from __future__ import annotations

from collections.abc import Callable

from whoosh.searching import Searcher

from indexer.names.fold import clitic_forms, is_arabic, same_word_forms
from indexer.names.keys import initial_sounds
from indexer.names.people import is_adjective_alone
from indexer.names.query import NameQuery
from indexer.names.variants import KeyLookup, find_variants

NAMES_FIELD = "names"
TEXT_FIELD = "text"
COMMON_WORD_SHARE = 0.5
"""A Latin variant written with a capital in less than this share of the passages holding it
is a common word, not a spelling of a name."""
COMMON_WORD_MIN_PASSAGES = 3
"""Fewer passages than this hold the word: too few to tell."""
NAME_WORD_SHARE = 0.8
"""A word written with a capital in this share of the passages holding it is a name's."""

VARIANT_DISTANCE = 0.001
"""The least distance of a variant: the model may hold Qais and Qays alike, but a mention
so spelled is still a variant, not exact."""

Spellings = dict[str, float]
"""The spellings kept for one word: folded term → distance (0.0 for the word as typed)."""


def spellings_in_index(
    searcher: Searcher,
    query: NameQuery,
    lookup: KeyLookup | None,
    common_words: set[str] | None = None,
) -> dict[str, Spellings]:
    """For each word of every pattern of `query`, the spellings to look for (variants only
    when `lookup` is given).

    With `common_words`, a name of two words or more keeps the variants that are common words
    (Laden for Ladin: "debt-laden"), adding them to that set: the other words of the name,
    in sequence, tell the name from the word; a short mention should not be so spelled."""
    words = {slot.term for pattern in query.patterns for slot in pattern}
    several = common_words is not None and len(query.words) > 1
    result: dict[str, Spellings] = {}
    for word in words:
        kept = dict.fromkeys(same_word_forms(word), 0.0)
        if lookup is not None and word not in query.acronyms:
            for variant, distance in find_variants(word, lookup).items():
                verdict = _may_be_variant(searcher, word, variant, common_ok=several)
                if verdict is None and common_words is not None:
                    common_words.add(variant)
                if verdict is not False:
                    kept[variant] = max(distance, VARIANT_DISTANCE)
        for spelling, distance in list(kept.items()):
            for form in clitic_forms(spelling):
                kept.setdefault(form, distance)
        result[word] = {
            spelling: distance
            for spelling, distance in kept.items()
            if spelling == word or _indexed(searcher, spelling)
        }
    return result


def _indexed(searcher: Searcher, term: str) -> bool:
    return searcher.doc_frequency(NAMES_FIELD, term) > 0


def _may_be_variant(
    searcher: Searcher, word: str, variant: str, *, common_ok: bool = False
) -> bool | None:
    """False for look-alikes that are not spellings of `word` (see the module docstring);
    None for a common word kept because `common_ok`."""
    if is_arabic(word) or is_arabic(variant):
        return True
    if _p_for_b(word, variant) or _another_initial(word, variant):
        return False
    if is_adjective_alone(variant) and not is_adjective_alone(word):
        return False
    if not is_common_word(searcher, variant, stems=True):
        return True
    return None if common_ok else False


def _another_initial(a: str, b: str) -> bool:
    """Ali / Eli, Straw / Astro, Keating / Citing: two Latin spellings that begin with other
    sounds. Transliterations and typos keep a name's start, but for i / e (Ibrahim, Ebrahim),
    o / u (Omar, Umar) and the letters of one sound (Qaddafi, Gaddafi, Kadhafi; Jamal, Gamal)."""
    first, second = initial_sounds(a), initial_sounds(b)
    return bool(first) and bool(second) and not first & second


def _p_for_b(a: str, b: str) -> bool:
    """Blair / Player, Baker / Packer: one Latin spelling has a p where the other has not
    (ph is an f: Philip / Filip)."""
    return a.replace("ph", "f").count("p") != b.replace("ph", "f").count("p")


def capital_share(
    searcher: Searcher,
    term: str,
    min_passages: int = COMMON_WORD_MIN_PASSAGES,
    *,
    stems: bool = False,
) -> float | None:
    """The share of the passages holding this Latin word that write it with a capital, or
    None when the index cannot tell.

    The index's keyword field holds every word in any case, its `names` field only the
    capitalised ones. A word the keyword analyzer drops gives no evidence, nor does one it
    changes (a stem: browne → brown, another word) unless `stems` (analysts → analyst, the
    same word), nor an index without a keyword field, nor a word in fewer than `min_passages`
    passages.
    """
    if TEXT_FIELD not in searcher.schema.names():
        return None
    field = searcher.schema[TEXT_FIELD]
    keyword = list(field.process_text(term, mode="query")) if field.indexed else []
    if len(keyword) != 1 or (keyword[0] != term and not stems):
        return None
    holding = searcher.doc_frequency(TEXT_FIELD, keyword[0])
    if holding < max(1, min_passages):
        return None
    capitalised = searcher.doc_frequency(NAMES_FIELD, term)
    if keyword[0] != term:
        capitalised += _capitalised_of_stem(searcher, term, keyword[0])
    return min(1.0, capitalised / holding)


STEM_FORMS_READ = 200
"""At most this many name terms are read for the other forms of one stem."""


def _capitalised_of_stem(searcher: Searcher, term: str, stem: str) -> int:
    """Passages holding, with a capital, the other words of this stem (Mohammed beside
    Mohamed: the keyword field holds both as moham; Brown beside Browne): at most, as a
    passage may hold two of them.

    The first STEM_FORMS_READ name terms from the prefix on are read, segment by segment with
    their term infos: Whoosh's merged lexicon would look each one up again in every segment."""
    field = searcher.schema[TEXT_FIELD]
    prefix = stem[: max(1, min(len(stem), len(term)) - 1)]
    held: dict[bytes, int] = {}
    for segment, _ in searcher.reader().leaf_readers():
        if NAMES_FIELD not in segment.indexed_field_names():
            continue
        for number, (raw, info) in enumerate(segment.iter_prefix(NAMES_FIELD, prefix)):
            if number >= STEM_FORMS_READ:
                break
            held[raw] = held.get(raw, 0) + info.doc_frequency()
    total = 0
    for raw in sorted(held)[:STEM_FORMS_READ]:
        other = raw.decode("utf-8")
        if other != term and list(field.process_text(other, mode="query")) == [stem]:
            total += held[raw]
    return total


def is_common_word(searcher: Searcher, term: str, *, stems: bool = False) -> bool:
    """True when the passages holding this Latin word mostly write it in lower case (with
    `stems`, or another word of its stem: Analysts, analyst)."""
    share = capital_share(searcher, term, stems=stems)
    return share is not None and share < COMMON_WORD_SHARE


def name_word_test(searcher: Searcher) -> Callable[[str], bool]:
    """A test, cached, of whether a folded Latin word is known to be mostly written with a
    capital in this index (Qubad, Hughes; not Vote, Yesterday, Flight)."""
    known: dict[str, bool] = {}

    def name_word(term: str) -> bool:
        if term not in known:
            share = capital_share(searcher, term, min_passages=1, stems=True)
            known[term] = share is not None and share >= NAME_WORD_SHARE
        return known[term]

    return name_word


def common_word_test(searcher: Searcher) -> Callable[[str], bool]:
    """A test, cached, of whether a folded Latin word is mostly written in lower case in this
    index (`is_common_word` with its stems: Rice, Bush, Straw, Rose in most news; not
    Khazali), so that capitalised it may only be opening a sentence."""
    known: dict[str, bool] = {}

    def common_word(term: str) -> bool:
        if term not in known:
            known[term] = not is_arabic(term) and is_common_word(searcher, term, stems=True)
        return known[term]

    return common_word
