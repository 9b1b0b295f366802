"""Train the character edit model of name matching (stage 2) and write indexer/data/name_model.json.

Reads the train split of ../shared/names/google-ar2en (Arabic-script ↔ Latin name pairs from
Wikipedia). Both sides are folded as the index folds them. A joint model over pairs of short
segments (a Latin segment of 0-2 letters against an Arabic one of 0-2 letters) is fitted by
expectation-maximisation over all alignments of each pair (Ristad & Yianilos' memoryless
transducer, with segments). Latin↔Latin and Arabic↔Arabic tables are derived from it by
pivoting through the other script: two Latin segments are alike when they render the same
Arabic letters (k/q through ق), two Arabic letters when the same Latin letters render them.

    .venv/bin/python bench/train_name_model.py [--iterations 8] [--out indexer/data/name_model.json]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indexer.names.fold import arabic_folder, latin_folder  # noqa: E402


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a literal list."""
    return text.split()


SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "names" / "google-ar2en"
OUT = Path(__file__).resolve().parent.parent / "indexer" / "data" / "name_model.json"
SHAPES = ((1, 0), (0, 1), (1, 1), (2, 1), (1, 2), (2, 2), (2, 0))
"""(Latin letters, Arabic letters) a segment pair may cover."""
LATIN_DIGRAPHS = frozenset(
    _words(
        "sh ch kh gh th dh ph ck ts tz dj zh sz cz qu wh ou oo ee ai ay ei ey ie au aw ae oe ue "
        "ui eu oi oy iy uw"
    )
) | {c + c for c in "abcdefghijklmnopqrstuvwxyz"}
"""Two Latin letters that may render one sound; other pairs are two segments, so that a
vowel is learned on its own and not inside a syllable (ma|ما)."""
ARABIC_DIGRAPHS = frozenset({"تش", "كس", "تس", "دج", "دش"})
PRIOR = {
    "ا": "a aa e -", "ب": "b", "ت": "t", "ث": "th s t", "ج": "j g dj", "ح": "h -",
    "خ": "kh h ch x", "د": "d", "ذ": "dh z th d", "ر": "r", "ز": "z s", "س": "s", "ش": "sh ch",
    "ص": "s", "ض": "d dh z", "ط": "t", "ظ": "z dh th", "ع": "- a e i", "غ": "gh g",
    "ف": "f", "ق": "q k g gh", "ك": "k c ck", "ل": "l ll", "م": "m mm", "ن": "n nn",
    "ه": "h - a ah", "و": "w u o ou oo v", "ي": "y i ee ie ei ey", "-": "a e i o u h",
}  # fmt: skip
"""A romanisation table written for this project: usual renderings of each Arabic letter
("-": none; the row "-" lists Latin letters Arabic does not write). Each pair starts with
PRIOR_COUNT pseudo-counts, which matter for letters rare in the data's mostly foreign names."""
PRIOR_COUNT = 3.0
KEEP = {"la": 2500, "ll": 2500, "aa": 2000}
"""How many pairs of each table the data file keeps (the most probable)."""

Pair = tuple[str, str]
Table = dict[Pair, float]


def load_pairs(path: Path) -> list[Pair]:
    """(Latin, Arabic) pairs, both folded to the index's letters; unusable lines dropped."""
    fold_latin, fold_arabic = latin_folder(), arabic_folder()
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        arabic, _, latin = line.partition("\t")
        lat = "".join(c for c in (fold_latin(latin) or "") if "a" <= c <= "z")
        ara = "".join(c for c in (fold_arabic(arabic) or "") if "\u0621" <= c <= "\u064a")
        if lat and ara:
            pairs.append((lat, ara))
    return pairs


def allowed(lat_seg: str, ara_seg: str) -> bool:
    """Whether a segment pair is in the model's inventory."""
    return (len(lat_seg) < 2 or lat_seg in LATIN_DIGRAPHS) and (
        len(ara_seg) < 2 or ara_seg in ARABIC_DIGRAPHS
    )


def prior_counts() -> dict[Pair, float]:
    """PRIOR as pseudo-counts of segment pairs."""
    prior = {}
    for ara, renderings in PRIOR.items():
        for lat in renderings.split():
            prior[(lat.strip("-"), ara.strip("-"))] = PRIOR_COUNT
    return prior


def segment_pairs(lat: str, ara: str) -> Iterable[tuple[int, int, int, int]]:
    """Every (i, j, di, dj) step of an alignment lattice of the two strings."""
    for i in range(len(lat) + 1):
        for j in range(len(ara) + 1):
            for di, dj in SHAPES:
                if (
                    i + di <= len(lat)
                    and j + dj <= len(ara)
                    and allowed(lat[i : i + di], ara[j : j + dj])
                ):
                    yield i, j, di, dj


def initial_table(pairs: list[Pair]) -> Table:
    """Uniform over every segment pair that co-occurs in some training pair."""
    seen: set[Pair] = set()
    for lat, ara in pairs:
        for i, j, di, dj in segment_pairs(lat, ara):
            seen.add((lat[i : i + di], ara[j : j + dj]))
    seen.update(prior_counts())
    return dict.fromkeys(seen, 1.0 / len(seen))


def forward(lat: str, ara: str, theta: Table) -> list[list[float]]:
    n, m = len(lat), len(ara)
    alpha = [[0.0] * (m + 1) for _ in range(n + 1)]
    alpha[0][0] = 1.0
    for i in range(n + 1):
        for j in range(m + 1):
            total = alpha[i][j]
            for di, dj in SHAPES:
                if di <= i and dj <= j and (di or dj):
                    p = theta.get((lat[i - di : i], ara[j - dj : j]))
                    if p:
                        total += alpha[i - di][j - dj] * p
            alpha[i][j] = total
    return alpha


def backward(lat: str, ara: str, theta: Table) -> list[list[float]]:
    n, m = len(lat), len(ara)
    beta = [[0.0] * (m + 1) for _ in range(n + 1)]
    beta[n][m] = 1.0
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            total = beta[i][j]
            for di, dj in SHAPES:
                if i + di <= n and j + dj <= m:
                    p = theta.get((lat[i : i + di], ara[j : j + dj]))
                    if p:
                        total += p * beta[i + di][j + dj]
            beta[i][j] = total
    return beta


def em_step(pairs: list[Pair], theta: Table) -> tuple[Table, float]:
    """One expectation-maximisation step: the new table and the data's log-likelihood."""
    counts: dict[Pair, float] = defaultdict(float, prior_counts())
    loglik = 0.0
    for lat, ara in pairs:
        alpha, beta = forward(lat, ara, theta), backward(lat, ara, theta)
        total = alpha[len(lat)][len(ara)]
        if total <= 0.0:
            continue
        loglik += math.log(total)
        for i, j, di, dj in segment_pairs(lat, ara):
            key = (lat[i : i + di], ara[j : j + dj])
            p = theta.get(key)
            if p:
                counts[key] += alpha[i][j] * p * beta[i + di][j + dj] / total
    norm = sum(counts.values())
    return {k: v / norm for k, v in counts.items() if v / norm > 1e-7}, loglik


def pivot(theta: Table, through_second: bool) -> Table:
    """Pairs of one script's segments that render the same segment of the other script."""
    by_pivot: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for (lat, ara), p in theta.items():
        own, other = (lat, ara) if through_second else (ara, lat)
        by_pivot[other].append((own, p))
    table: Table = defaultdict(float)
    for other, members in by_pivot.items():
        if not other:  # a segment the other script does not write: on one side only
            for own, p in members:
                table[(own, "")] += p
                table[("", own)] += p
            continue
        mass = sum(p for _, p in members)
        for own1, p1 in members:
            for own2, p2 in members:
                if own1 or own2:
                    table[(own1, own2)] += p1 * p2 / mass
    norm = sum(table.values())
    return {k: v / norm for k, v in table.items()}


def costs(table: Table, keep: int) -> dict[str, float]:
    """The most probable pairs as costs (-log p), keyed "a\tb" for JSON."""
    best = sorted(table.items(), key=lambda kv: -kv[1])[:keep]
    return {f"{a}\t{b}": round(-math.log(p), 2) for (a, b), p in best}


def train(pairs: list[Pair], iterations: int) -> Table:
    theta = initial_table(pairs)
    for iteration in range(iterations):
        started = time.perf_counter()
        theta, loglik = em_step(pairs, theta)
        took = time.perf_counter() - started
        print(
            f"  EM {iteration + 1}: log-likelihood {loglik:,.0f}, {len(theta)} pairs, {took:.0f}s"
        )
    return theta


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=8)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    train_file = SHARED / "ar2en-train.txt"
    if not train_file.exists():
        print(f"error: {train_file} not found: this script needs ../shared beside the project")
        return 2
    pairs = load_pairs(train_file)
    print(f"{len(pairs)} training pairs from {train_file}")
    theta = train(pairs, args.iterations)
    model = {
        "about": "stage-2 name scorer: segment-pair costs (-log p), trained by "
        "bench/train_name_model.py on google-ar2en train",
        "version": 1,
        "la": costs(theta, KEEP["la"]),
        "ll": costs(pivot(theta, through_second=True), KEEP["ll"]),
        "aa": costs(pivot(theta, through_second=False), KEEP["aa"]),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
