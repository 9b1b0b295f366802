"""Ranking quality on public test collections, run by hand:

    .venv/bin/python bench/relevance.py              # defaults and baselines (about a minute)
    .venv/bin/python bench/relevance.py --variants   # every variant of docs/relevance.md
    .venv/bin/python bench/relevance.py --cv         # the cross-validated choice of defaults
    .venv/bin/python bench/relevance.py --short      # short queries: every word first or not

Each collection (BEIR layout: corpus.jsonl with _id, title, text; queries.jsonl; qrels.tsv) is
indexed into a temporary index by the project's own pipeline (`index_paths` on corpus.jsonl, whose
records become documents named by their _id), and every judged query is run through
`indexer.trec.trec_run`, the path of `passages search --batch FILE --format trec --limit 100`.
The run's lines are read back and scored by ir_measures (bench/metrics.py). Baselines over the
same documents run beside it (bench/baselines.py). Variants of analysis are made with
`analysis.use_terms`, variants of scoring by giving the session another weighting model.
Figures go to stdout as Markdown tables. Collections are read from ../shared/eval (or --eval).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from itertools import product
from pathlib import Path

import baselines
import metrics
import variants as bench_variants
from variants import Variant

from indexer.analysis import DEFAULT_TERMS, WORD_PATTERN, TermChoices, keyword_terms, use_terms
from indexer.build import index_paths
from indexer.ranking import Ranking
from indexer.search import IndexSession
from indexer.trec import trec_run

EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"
GAINS: dict[str, metrics.Gain] = {"cranfield": metrics.cranfield_gain, "cisi": metrics.graded_gain}
RUN_DEPTH = 100
CV_FOLDS = 5
# The grid searched by --cv: analysis choices × BM25 parameters (title b stays at 0.75).
CV_TERMS = [TermChoices(s, w) for s in ("porter2", "porter") for w in ("english", "lucene")]
CV_K1 = (0.9, 1.2, 1.6, 2.0)
CV_B = (0.6, 0.75, 0.9)
CV_TITLE_WEIGHT = (0.25, 0.5, 1.0)


@dataclass
class Collection:
    """A test collection in BEIR layout, its judged queries and its judgments."""

    name: str
    folder: Path
    gain: metrics.Gain = metrics.graded_gain

    @property
    def corpus(self) -> Path:
        return self.folder / "corpus.jsonl"

    @cached_property
    def qrels(self) -> list[metrics.ir_measures.Qrel]:
        return metrics.read_qrels(self.folder / "qrels.tsv", self.gain)

    @cached_property
    def queries(self) -> list[tuple[str, str]]:
        """The queries that have judgments, in file order."""
        judged = {qrel.query_id for qrel in self.qrels}
        found = []
        with open(self.folder / "queries.jsonl", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if str(record["_id"]) in judged:
                    found.append((str(record["_id"]), record["text"]))
        return found

    def records(self) -> Iterator[baselines.Record]:
        with open(self.corpus, encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                yield str(record["_id"]), record.get("title") or "", record.get("text") or ""


@dataclass
class Workspace:
    """Indexes made in a temporary folder, one per collection and analysis choice."""

    folder: Path
    made: dict[tuple[str, TermChoices], Path] = field(default_factory=dict)

    def index(self, collection: Collection, terms: TermChoices) -> Path:
        key = (collection.name, terms)
        if key not in self.made:
            location = self.folder / f"{collection.name}-{terms.stemmer}-{terms.stop_words}"
            with use_terms(terms):
                report = index_paths(location, [collection.corpus], rebuild=True)
            if report.skipped:
                raise SystemExit(f"error: indexing {collection.corpus} failed: {report.skipped}")
            self.made[key] = location
        return self.made[key]


def run_variant(
    workspace: Workspace, collection: Collection, variant: Variant, depth: int = RUN_DEPTH
) -> list[str]:
    """The TREC run lines of `variant` on every judged query of `collection`."""
    location = workspace.index(collection, variant.terms)
    with use_terms(variant.terms), IndexSession(location) as session:
        session.searcher = session.index.searcher(weighting=variant.weighting())
        with (
            bench_variants.coordination(variant.coordination),
            bench_variants.every_word_first(variant.every_word_first),
        ):
            if variant.documents is None:
                return list(trec_run(session, collection.queries, limit=depth))
            return list(variant.documents.run(session, collection.queries, depth))


def baseline_lines(collection: Collection, name: str) -> list[str]:
    rank = {"bm25": baselines.whoosh_bm25, "fts5": baselines.fts5_bm25}[name]
    lines, last_qid, rank_number = [], None, 0
    for qid, doc, score in rank(collection.records(), collection.queries, RUN_DEPTH):
        rank_number = rank_number + 1 if qid == last_qid else 1
        last_qid = qid
        lines.append(f"{qid} Q0 {doc} {rank_number} {score:.4f} {name}")
    return lines


def figures(collection: Collection, lines: Sequence[str]) -> dict[str, float]:
    return metrics.evaluate(collection.qrels, metrics.parse_run(lines))


def table_row(label: str, results: Sequence[dict[str, float]]) -> str:
    cells = [f"{result[name]:.4f}" for result in results for name in metrics.MEASURES]
    return f"| {label} | " + " | ".join(cells) + " |"


def table_head(collections: Sequence[Collection]) -> str:
    names = [f"{c.name} {m}" for c in collections for m in metrics.MEASURES]
    return "| run | " + " | ".join(names) + " |\n|---|" + "---:|" * len(names)


def report_defaults(workspace: Workspace, collections: Sequence[Collection]) -> None:
    """The defaults against both baselines, and whether they beat them on nDCG@10."""
    rows: dict[str, list[dict[str, float]]] = {}
    for label, make in (
        ("passages (defaults)", lambda c: run_variant(workspace, c, Variant("defaults"))),
        ("BM25 k1=0.9 b=0.4, StandardAnalyzer (Whoosh)", lambda c: baseline_lines(c, "bm25")),
        ("SQLite FTS5 bm25, porter unicode61", lambda c: baseline_lines(c, "fts5")),
    ):
        rows[label] = [figures(c, make(c)) for c in collections]
    print(table_head(collections))
    for label, results in rows.items():
        print(table_row(label, results))
    ours, *others = rows.values()
    wins = all(
        mine["nDCG@10"] > theirs["nDCG@10"]
        for other in others
        for mine, theirs in zip(ours, other, strict=True)
    )
    print(f"\ndefaults beat both baselines on nDCG@10 on every collection: {wins}")


def report_variants(workspace: Workspace, collections: Sequence[Collection]) -> None:
    print(table_head(collections))
    for variant in bench_variants.VARIANTS:
        results = [figures(c, run_variant(workspace, c, variant)) for c in collections]
        print(table_row(variant.label, results), flush=True)


def short_queries(
    session: IndexSession, queries: Sequence[tuple[str, str]], size: int, commonest: bool
) -> list[tuple[str, str]]:
    """Each query cut to `size` of its words (as written): those the most passages hold, or
    the rarest; words the index does not hold are left out. Keyword queries, as users type
    them, made from the collection's own questions."""
    reader = session.searcher.reader()
    short = []
    for qid, text in queries:
        words: dict[str, str] = {}
        for found in WORD_PATTERN.finditer(text):
            terms = [term for term, _, _ in keyword_terms(found.group())]
            if terms and reader.doc_frequency("text", terms[0]):
                words.setdefault(terms[0], found.group())
        ranked = sorted(words, key=lambda t: reader.doc_frequency("text", t), reverse=commonest)
        short.append((qid, " ".join(words[term] for term in ranked[:size])))
    return short


def report_short(workspace: Workspace, collections: Sequence[Collection]) -> None:
    """nDCG@10 of short queries made of each question's words, with passages holding every
    word first (the defaults) and in BM25 order alone."""
    print(
        "| queries | " + " | ".join(f"{c.name}: every word first | BM25 order" for c in collections)
    )
    print("|---|" + "---:|---:|" * len(collections))
    for size, commonest in product((2, 3, 4), (True, False)):
        cells = []
        for collection in collections:
            location = workspace.index(collection, DEFAULT_TERMS)
            with IndexSession(location) as session:
                queries = short_queries(session, collection.queries, size, commonest)
                for on in (True, False):
                    with bench_variants.every_word_first(on):
                        lines = list(trec_run(session, queries, limit=RUN_DEPTH))
                    cells.append(f"{figures(collection, lines)['nDCG@10']:.4f}")
        kind = "commonest" if commonest else "rarest"
        print(f"| {size} {kind} words | " + " | ".join(cells) + " |", flush=True)


def cv_grid() -> list[Variant]:
    return [
        Variant(
            f"{terms.stemmer}+{terms.stop_words} k1={k1} b={b} title={weight}",
            terms,
            Ranking(k1=k1, b=b, title_weight=weight).weighting,
        )
        for terms, k1, b, weight in product(CV_TERMS, CV_K1, CV_B, CV_TITLE_WEIGHT)
    ]


def _per_query_ndcg(args: tuple[Path, Collection, list[Variant]]) -> dict[str, dict[str, float]]:
    folder, collection, grid = args
    workspace = Workspace(folder)
    return {
        v.label: metrics.per_query(
            collection.qrels,
            metrics.parse_run(run_variant(workspace, collection, v, 10)),
            "nDCG@10",
        )
        for v in grid
    }


def report_cv(folder: Path, collections: Sequence[Collection], workers: int) -> None:
    """nDCG@10 of every grid setting for every query (runs of depth 10), then CV_FOLDS-fold
    cross-validation: the held-out figure per collection and each fold's choice."""
    grid = cv_grid()
    jobs = [
        (folder / f"cv-{n}", c, [v for v in grid if v.terms == terms])
        for n, (c, terms) in enumerate(product(collections, CV_TERMS))
    ]
    table: dict[str, dict[str, dict[str, float]]] = {v.label: {} for v in grid}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for (_, collection, _), found in zip(jobs, pool.map(_per_query_ndcg, jobs), strict=True):
            for label, values in found.items():
                table[label][collection.name] = values
    result = metrics.cross_validate(table, CV_FOLDS)
    print("held-out nDCG@10:", {k: round(v, 4) for k, v in result.held_out.items()})
    for fold, label in enumerate(result.chosen, 1):
        print(f"fold {fold} chose {label}")
    ranked = sorted(table, key=lambda label: -_mean_of_means(table[label]))
    print(f"\nbest on all queries: {ranked[0]}\n\ntop settings by mean nDCG@10:")
    for label in ranked[:15]:
        means = {name: round(sum(v.values()) / len(v), 4) for name, v in table[label].items()}
        print(f"  {label}: {means}")


def _mean_of_means(per_collection: dict[str, dict[str, float]]) -> float:
    return sum(sum(v.values()) / len(v) for v in per_collection.values()) / len(per_collection)


def load_collections(eval_dir: Path, names: Sequence[str]) -> list[Collection]:
    found = []
    for name in names:
        folder = eval_dir / name
        if not (folder / "corpus.jsonl").is_file():
            print(
                f"error: no test collection at {folder} (corpus.jsonl, queries.jsonl, qrels.tsv)",
                file=sys.stderr,
            )
            print(
                "hint: this bench reads ../shared/eval; give another place with --eval DIR",
                file=sys.stderr,
            )
            raise SystemExit(2)
        found.append(Collection(name, folder, GAINS.get(name, metrics.graded_gain)))
    return found


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=EVAL_DIR, help="folder of collections")
    parser.add_argument("--collections", nargs="+", default=list(GAINS))
    parser.add_argument("--variants", action="store_true", help="every variant tried")
    parser.add_argument("--cv", action="store_true", help="cross-validated choice of defaults")
    parser.add_argument("--short", action="store_true", help="short queries, every word first")
    parser.add_argument("--workers", type=int, default=2, help="processes for --cv")
    args = parser.parse_args(argv)
    collections = load_collections(args.eval, args.collections)
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="relevance-") as temporary:
        workspace = Workspace(Path(temporary))
        if args.cv:
            report_cv(Path(temporary), collections, args.workers)
        elif args.short:
            report_short(workspace, collections)
        elif args.variants:
            report_variants(workspace, collections)
        else:
            report_defaults(workspace, collections)
    print(f"\n({time.monotonic() - began:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
