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
from functools import cache, cached_property, lru_cache
from importlib import resources

from indexer.names.fold import fold_word, is_arabic

MAX_SEGMENT = 2
TA_MARBUTA = "ه"  # ة as folded (indexer.names.fold)
UNKNOWN_COST = 13.0
"""Cost of a one-letter step the model has never seen (its dearest steps cost about 12)."""


@dataclass(frozen=True)
class EditTable:
    """Costs of rendering segments (up to MAX_SEGMENT letters) of one spelling by another."""

    costs: dict[tuple[str, str], float]

    @cached_property
    def _by_first(self) -> dict[str, dict[str, float]]:
        """The costs by the first spelling's segment: {segment of a: {segment of b: cost}}."""
        found: dict[str, dict[str, float]] = {}
        for (seg_a, seg_b), cost in self.costs.items():
            found.setdefault(seg_a, {})[seg_b] = cost
        return found

    def cost(self, a: str, b: str) -> float:
        """The cheapest alignment of `a` with `b`: dynamic programming over segment pairs of
        0 to MAX_SEGMENT letters each. A pair the model has never seen costs UNKNOWN_COST a
        letter when both segments are at most one letter, and is not a step otherwise.

        Written out for the nine steps into each cell (this runs for every candidate of a
        variant search); `tests/test_names.py` checks it against the plain loops."""
        assert MAX_SEGMENT == 2  # (the steps below are those of two-letter segments)
        inf, unknown = float("inf"), UNKNOWN_COST
        by_first = self._by_first
        nothing: dict[str, float] = {}
        m = len(b)
        ones = [""] + [b[j - 1 : j] for j in range(1, m + 1)]  # b's segment of 1 ending at j
        twos = ["", ""] + [b[j - 2 : j] for j in range(2, m + 1)]
        from_none = by_first.get("", nothing).get  # inserting a segment of b
        row2: list[float] = []
        row1: list[float] = []
        for i in range(len(a) + 1):
            row = [inf] * (m + 1)
            get1 = by_first.get(a[i - 1 : i], nothing).get if i >= 1 else None
            get2 = by_first.get(a[i - 2 : i], nothing).get if i >= 2 else None
            for j in range(m + 1):
                here = 0.0 if i == j == 0 else inf
                if j >= 1:
                    step = from_none(ones[j])
                    total = row[j - 1] + (unknown if step is None else step)
                    if total < here:
                        here = total
                    if j >= 2 and (step := from_none(twos[j])) is not None:
                        total = row[j - 2] + step
                        if total < here:
                            here = total
                if get1 is not None:
                    step = get1("")
                    total = row1[j] + (unknown if step is None else step)
                    if total < here:
                        here = total
                    if j >= 1:
                        step = get1(ones[j])
                        total = row1[j - 1] + (2 * unknown if step is None else step)
                        if total < here:
                            here = total
                        if j >= 2 and (step := get1(twos[j])) is not None:
                            total = row1[j - 2] + step
                            if total < here:
                                here = total
                if get2 is not None:
                    if (step := get2("")) is not None:
                        total = row2[j] + step
                        if total < here:
                            here = total
                    if j >= 1 and (step := get2(ones[j])) is not None:
                        total = row2[j - 1] + step
                        if total < here:
                            here = total
                    if j >= 2 and (step := get2(twos[j])) is not None:
                        total = row2[j - 2] + step
                        if total < here:
                            here = total
                row[j] = here
            row2, row1 = row1, row
        return row1[m]


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
        cost = table.cost(first, second)
        if table is self.latin_arabic and first.endswith("t") and second.endswith(TA_MARBUTA):
            # ة (folded to ه) read as t before the next word: Harakat for حركة, Hayat for هيئة
            cost = min(cost, table.cost(first, second[:-1] + "ت"))
        extra = cost - (self.self_cost(a) + self.self_cost(b)) / 2
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


KNOWN_DISTANCE = 0.05
"""Two spellings of one name of indexer/data/known_names.txt (محمد, Mohammed, Muhammad)."""
OTHER_NAME_DISTANCE = 9.0
"""Two words that list names of the file, of no name in common (حسن and Hussein, Omar and
Ammar): past every cut."""


@cache
def known_names() -> dict[str, frozenset[int]]:
    """The folded words of indexer/data/known_names.txt, each with the lines it stands on."""
    text = resources.files("indexer").joinpath("data/known_names.txt").read_text("utf-8")
    lines: dict[str, set[int]] = {}
    for number, line in enumerate(text.splitlines()):
        if line.startswith("#"):
            continue
        for word in line.split():
            folded = fold_word(word)
            if folded:
                lines.setdefault(folded, set()).add(number)
    return {word: frozenset(found) for word, found in lines.items()}


@lru_cache(maxsize=65536)
def distance(a: str, b: str) -> float:
    """How far apart two folded spellings are: the shipped model (see NameModel), unless
    both are in the list of known names. The model learned its letters from names mostly
    foreign to Arabic, whose vowels Arabic writes, so alone it holds Mahmud nearer to محمد
    than Mohammed is, and Omar nearer to عمار than to عمر; the list says which is which for
    the common names of Arabic."""
    if a == b:
        return 0.0
    known = known_names()
    lines_a, lines_b = known.get(a), known.get(b)
    if lines_a is not None and lines_b is not None:
        return KNOWN_DISTANCE if lines_a & lines_b else OTHER_NAME_DISTANCE
    return load_model().distance(a, b)
