"""Spelling variants of one name word found in an index: skeleton keys, then the scorer.

Stage 1 reads every indexed term that shares a skeleton key with the query word, or a key one
edit away for keys of four letters or more. Stage 2 scores each candidate (`score.distance`)
and keeps it when it is close enough (`threshold`) and not much further than the best candidate
of its script (`margin`): keys alone would drown a user in look-alikes. The cut was tuned on the
eval split of google-ar2en by bench/names_eval.py; docs/names.md has the figures.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from indexer.names.fold import is_arabic
from indexer.names.keys import keys_within_one, name_keys
from indexer.names.score import distance, known_names

KeyLookup = Callable[[str], Iterable[str]]
"""Given a skeleton key, the indexed name terms that have it."""
Scorer = Callable[[str, str], float]
"""The distance between two folded spellings (0 for the same word)."""
Keys = Callable[[str], Iterable[str]]
"""The keys of a folded word."""


@dataclass(frozen=True)
class VariantCut:
    """How close a candidate must be: per letter distance, absolute and to the best one."""

    cross_threshold: float = 2.0
    cross_margin: float = 0.2
    same_threshold: float = 0.8
    same_margin: float = math.inf  # several spellings of a name often stand in one corpus
    hop_threshold: float = 0.5  # a cross-script candidate this close to one kept is kept too
    known_threshold: float = 0.5
    """Latin to Latin, from a word of indexer/data/known_names.txt (Riyad, Moussa, Karim):
    its usual spellings are listed, so an unlisted one must be nearer, as a typo or a rare
    romanisation is (Hossein, Hoseyn; Said, Sayeed), not a word of English (Reed, Moss,
    Crime). On BBC and Reuters it drops 61 of the 87 unlisted Latin spellings kept before,
    of which about 3 were the name's (Saaid, Sulman, Abdoulaye; see docs/names.md)."""

    def threshold(self, term: str, same_script: bool) -> float:
        """How close a candidate of the script of `term` (or of the other) must be."""
        if not same_script:
            return self.cross_threshold
        if not is_arabic(term) and term in known_names():
            return min(self.same_threshold, self.known_threshold)
        return self.same_threshold


DEFAULT_CUT = VariantCut()


def candidate_terms(
    term: str, lookup: KeyLookup, *, fuzzy: bool = True, keys: Keys = name_keys
) -> set[str]:
    """Stage 1: indexed terms sharing a key with `term` (or one edit away, if `fuzzy`)."""
    found: set[str] = set()
    for key in keys(term):
        for near in keys_within_one(key) if fuzzy else (key,):
            found.update(lookup(near))
    found.discard(term)
    return found


def choose_variants(
    term: str, candidates: Iterable[str], cut: VariantCut = DEFAULT_CUT, scorer: Scorer = distance
) -> dict[str, float]:
    """Stage 2: the candidates kept, with their distance to `term`."""
    scored = [(scorer(term, other), other) for other in candidates]
    kept: dict[str, float] = {}
    for same_script in (True, False):
        group = [(d, t) for d, t in scored if (is_arabic(t) == is_arabic(term)) == same_script]
        if not group:
            continue
        threshold = cut.threshold(term, same_script)
        margin = cut.same_margin if same_script else cut.cross_margin
        best = min(d for d, _ in group)
        near = [(d, t) for d, t in group if d <= threshold]
        chosen = {t: d for d, t in near if d <= best + margin}
        if not same_script and cut.hop_threshold > 0:
            # Another spelling in the candidates' script, as close to one chosen by the margin
            # as its own variants would be: حزب الله keeps Hizballah and with it Hezbollah, a
            # corpus seldom writing a name one way only. (One hop only: a chain would depend
            # on the order of the candidates, a set.)
            by_margin = list(chosen)
            for d, t in near:
                if t not in chosen and any(scorer(t, o) <= cut.hop_threshold for o in by_margin):
                    chosen[t] = d
        kept.update(chosen)
    return kept


def find_variants(term: str, lookup: KeyLookup, cut: VariantCut = DEFAULT_CUT) -> dict[str, float]:
    """The spelling variants of one folded word among the indexed terms, with distances."""
    return choose_variants(term, candidate_terms(term, lookup), cut)
