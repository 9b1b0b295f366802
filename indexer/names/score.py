"""Stage 2 of variant matching: how alike two spellings of a name are, Latin or Arabic script.

A learned character edit model (indexer/data/name_model.json, trained by
bench/train_name_model.py) gives the cost (-log probability) of rendering a segment of one
spelling as a segment of the other: Latin↔Arabic, Latin↔Latin and Arabic↔Arabic tables. The
cheapest alignment of two words is their cost; `distance` subtracts what each word costs when
rendered as itself, so identical words are at 0 and Hizballah/Hezbollah a little above.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from indexer.names.fold import is_arabic

MAX_SEGMENT = 2
UNKNOWN_COST = 13.0
"""Cost of a one-letter step the model has never seen (its dearest steps cost about 12)."""


@dataclass(frozen=True)
class EditTable:
    """Costs of rendering segments (up to MAX_SEGMENT letters) of one spelling by another."""

    costs: dict[tuple[str, str], float]

    def cost(self, a: str, b: str) -> float:
        """The cheapest alignment of `a` with `b` (dynamic programming over segment pairs)."""
        costs, inf = self.costs, float("inf")
        n, m = len(a), len(b)
        row_prev: list[float] = []
        best = [[inf] * (m + 1) for _ in range(n + 1)]
        best[0][0] = 0.0
        for i in range(n + 1):
            row = best[i]
            for j in range(m + 1):
                here = row[j]
                for di in range(min(i, MAX_SEGMENT) + 1):
                    row_prev = best[i - di]
                    seg_a = a[i - di : i]
                    for dj in range(min(j, MAX_SEGMENT) + 1):
                        if di == dj == 0:
                            continue
                        step = costs.get((seg_a, b[j - dj : j]))
                        if step is None:
                            if di + dj > 2 or (di == 2 or dj == 2):
                                continue
                            step = UNKNOWN_COST * (di + dj)
                        total = row_prev[j - dj] + step
                        if total < here:
                            here = total
                row[j] = here
        return best[n][m]


@dataclass(frozen=True)
class NameModel:
    """The three tables of a trained model, and the distance they give."""

    latin_arabic: EditTable
    latin_latin: EditTable
    arabic_arabic: EditTable
    _self_costs: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def table(self, a: str, b: str) -> tuple[EditTable, str, str]:
        """The table for these two spellings, with the Latin one first when scripts differ."""
        arabic_a, arabic_b = is_arabic(a), is_arabic(b)
        if arabic_a and arabic_b:
            return self.arabic_arabic, a, b
        if not arabic_a and not arabic_b:
            return self.latin_latin, a, b
        return (self.latin_arabic, b, a) if arabic_a else (self.latin_arabic, a, b)

    def self_cost(self, term: str) -> float:
        """What a word costs rendered as itself, in its own script."""
        cost = self._self_costs.get(term)
        if cost is None:
            table = self.arabic_arabic if is_arabic(term) else self.latin_latin
            cost = self._self_costs[term] = table.cost(term, term)
        return cost

    def distance(self, a: str, b: str) -> float:
        """How far apart two folded spellings are, per letter: 0 for the same word.

        The cost of aligning them, less the mean of what each costs aligned with itself,
        divided by the mean length. Latin↔Arabic pairs use the Latin↔Arabic table.
        """
        if a == b:
            return 0.0
        table, first, second = self.table(a, b)
        extra = table.cost(first, second) - (self.self_cost(a) + self.self_cost(b)) / 2
        return max(0.0, extra) / ((len(a) + len(b)) / 2)


def table_from_costs(raw: dict[str, float]) -> EditTable:
    """A table from the data file's form: {"a\\tb": cost}."""
    costs = {}
    for key, cost in raw.items():
        a, _, b = key.partition("\t")
        costs[(a, b)] = cost
    return EditTable(costs)


@cache
def load_model() -> NameModel:
    """The model shipped in indexer/data (read once)."""
    text = resources.files("indexer").joinpath("data/name_model.json").read_text("utf-8")
    raw = json.loads(text)
    la, ll, aa = (table_from_costs(raw[name]) for name in ("la", "ll", "aa"))
    return NameModel(la, ll, aa)


@lru_cache(maxsize=65536)
def distance(a: str, b: str) -> float:
    """How far apart two folded spellings are under the shipped model (see NameModel)."""
    return load_model().distance(a, b)
