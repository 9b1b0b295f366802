"""`passages mentions` and `passages names` through the CLI: output, JSON, CSV, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner, Result

from cli import name_commands
from cli.render_names import variants_found
from indexer import store
from indexer.models import Mention
from tests.cli.conftest import Run
from tests.names_index import build_index

DOCUMENTS = [
    (
        "a.txt",
        "2023-01-13",
        [
            "Militia Leader Meets Envoy",
            "The office of Qais Al-Khazali said\nthat Al-Khazali met the envoy.",
            "Khazali reiterated his support.",
        ],
    ),
    ("b.txt", "2023-03-02", ["Harakat Hezbollah al-Nujaba published a video.", "حركة النجباء"]),
    ("c.txt", None, ["Qais al-Khazali, again, without a date."]),
]


def make_app() -> typer.Typer:
    app = typer.Typer()
    app.command("mentions")(name_commands.mentions)
    app.command("names")(name_commands.names)
    return app


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """This module's commands on an index of DOCUMENTS (built without the index pipeline)."""
    location = tmp_path / "index"
    location.mkdir()
    build_index(location, DOCUMENTS)
    (location / store.FORMAT_FILE).write_text(json.dumps({"format": store.FORMAT_VERSION}))
    monkeypatch.setenv("PASSAGES_INDEX", str(location))
    monkeypatch.chdir(tmp_path)
    runner, app = CliRunner(), make_app()

    def invoke(*args: str) -> Result:
        return runner.invoke(app, list(args), catch_exceptions=False)

    return invoke


def test_mentions_grouped_by_document_with_lines_and_totals(run: Run) -> None:
    result = run("mentions", "Qais al-Khazali")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "2023-01-13  a.txt  Militia Leader Meets Envoy",
        "  a.txt:2: The office of Qais Al-Khazali said that Al-Khazali met the envoy.",
        "  a.txt:3: The office of Qais Al-Khazali said that Al-Khazali met the envoy.  [short]",
        "  a.txt:3: Khazali reiterated his support.  [short]",
        "",
        "no date  c.txt  Qais al-Khazali, again, without a date.",
        "  c.txt:1: Qais al-Khazali, again, without a date.",
        "",
        "4 mentions in 3 passages of 2 documents",
    ]


def test_no_mention_is_exit_code_one(run: Run) -> None:
    result = run("mentions", "Jibril Rajoub")
    assert result.exit_code == 1
    assert result.stdout.strip() == "0 mentions in 0 passages of 0 documents"


def test_no_mention_as_typed_names_the_spellings_variants_find(run: Run) -> None:
    result = run("mentions", "Hizballah")
    assert result.exit_code == 1
    assert result.stdout.strip() == "0 mentions in 0 passages of 0 documents"
    assert result.stderr == "none spelled so; --variants finds Hezbollah (1 mention)\n"


def test_json_gets_no_hint(run: Run) -> None:  # (a program asked for exactly this name)
    result = run("mentions", "Hizballah", "--json")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")


def test_no_hint_when_the_name_is_found_or_no_spelling_is_close(run: Run) -> None:
    assert run("mentions", "Hezbollah").stderr == ""
    assert run("mentions", "Jibril Rajoub").stderr == ""
    assert run("mentions", "Hizballah", "--variants").stderr == ""


def test_json_lines_carry_match_span_and_kind(run: Run) -> None:
    result = run("mentions", "Nujaba", "--variants", "--json")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["match"], r["kind"]) for r in records] == [
        ("al-Nujaba", "exact"),
        ("النجباء", "variant"),
    ]
    for record in records:
        start, end = record["span"]
        assert record["text"][start:end] == record["match"]
        assert {"doc", "path", "title", "date", "passage", "line_start", "highlights"} <= set(
            record
        )


def test_variants_are_marked(run: Run) -> None:
    result = run("mentions", "Hizballah", "--variants")
    assert result.exit_code == 0
    assert "Hezbollah" in result.stdout and "[variant]" in result.stdout
    assert run("mentions", "Hizballah").exit_code == 1


def test_timeline_of_months(run: Run) -> None:
    result = run("mentions", "Qais al-Khazali", "--timeline")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "2023-01 " + "█" * 40 + " 3"
    assert lines[1] == "no date " + "█" * 13 + " 1"
    assert lines[2] == "4 mentions in 3 passages of 2 documents"
    months = run("mentions", "Qais al-Khazali", "--timeline", "--json").stdout.splitlines()
    assert json.loads(months[0]) == {"month": "2023-01", "mentions": 3}


def test_names_file_as_table_csv_and_json(run: Run, tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Qais al-Khazali | Khazali\nHizballah\n", encoding="utf-8")
    table = run("mentions", "--names-file", str(names), "--variants")
    assert table.exit_code == 0
    assert "Qais al-Khazali" in table.stdout and "a.txt" in table.stdout
    lines = run("mentions", "--names-file", str(names), "--variants", "--csv").stdout.splitlines()
    assert lines == ["name,a.txt,b.txt,c.txt,total", "Qais al-Khazali,3,0,1,4", "Hizballah,0,1,0,1"]
    records = run("mentions", "--names-file", str(names), "--json").stdout.splitlines()
    assert json.loads(records[0]) == {
        "name": "Qais al-Khazali",
        "aliases": ["Khazali"],
        "total": 4,
        "documents": {"a.txt": 3, "c.txt": 1},
    }


@pytest.mark.parametrize(
    "args",
    [("mentions",), ("mentions", "X", "--names-file", "n.txt"), ("mentions", "X", "--csv")],
)
def test_usage_errors_are_exit_code_two(run: Run, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2


def test_a_missing_names_file_is_an_error(run: Run) -> None:
    assert run("mentions", "--names-file", "missing.txt").exit_code == 2


def test_names_lists_the_most_mentioned(run: Run) -> None:
    result = run("names", "--json")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["name"] == "Qais Al-Khazali"
    assert records[0]["mentions"] == 4 and records[0]["documents"] == 2
    table = run("names")
    assert "Qais Al-Khazali" in table.stdout


def test_table_headers_tell_documents_apart_and_records_go_by_id() -> None:
    from cli.render_names import column_labels, matrix_csv, matrix_json
    from indexer.name_reports import DocumentColumn, NameMatrix, NameRow

    files = [
        DocumentColumn("/data/news/politics/1.txt", "/data/news/politics/1.txt", "", None),
        DocumentColumn("/data/news/sport/1.txt", "/data/news/sport/1.txt", "", None),
        DocumentColumn("/data/mail.eml#attachment/a.pdf", "/data/mail.eml", "", None),
    ]
    assert column_labels(files) == [
        "news/politics/1.txt",
        "news/sport/1.txt",
        "mail.eml#attachment/a.pdf",
    ]
    records = [DocumentColumn("248", "/data/wire.jsonl", "", None),
               DocumentColumn("249", "/data/wire.jsonl", "", None)]  # fmt: skip
    assert column_labels(records) == ["248", "249"]
    table = NameMatrix(tuple(records), (NameRow("Hisham Nazer", (), 3, (1, 2)),))
    console = Console(width=100, file=io.StringIO(), color_system=None)
    matrix_json(console, table)
    matrix_csv(console, table)
    assert console.file.getvalue().splitlines() == [  # type: ignore[attr-defined]
        '{"name": "Hisham Nazer", "aliases": [], "total": 3, "documents": {"248": 1, "249": 2}}',
        "name,248,249,total",
        "Hisham Nazer,1,2,3",
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("mentions", ""),
        ("mentions", "the"),
        ("mentions", "--names-file", "missing.txt"),
        ("mentions", "--names-file", "."),  # a folder given as the names file
        ("mentions", "Khazali", "--index", "nowhere"),
        ("names", "--index", "nowhere"),
    ],
)
def test_bad_input_is_one_error_line_and_exit_code_two(run: Run, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert [line[:7] for line in result.stderr.splitlines()] == ["error: "]
    assert result.stdout == ""


def test_a_table_too_wide_turns_documents_into_rows_then_into_lines() -> None:
    from cli.render_names import matrix
    from indexer.name_reports import DocumentColumn, NameMatrix, NameRow

    columns = tuple(DocumentColumn(str(n), "/data/wire.jsonl", "", None) for n in range(1, 31))
    rows = (NameRow("Hisham Nazer", (), 3, (1, 2) + (0,) * 28), NameRow("Nobody", (), 0, (0,) * 30))

    def printed(table: NameMatrix, width: int) -> list[str]:
        console = Console(width=width, file=io.StringIO(), color_system=None)
        matrix(console, table)
        return [line.rstrip() for line in console.file.getvalue().splitlines()]  # type: ignore[attr-defined]

    wide = NameMatrix(columns[:2], tuple(NameRow(r.name, (), r.total, r.counts[:2]) for r in rows))
    assert printed(wide, 100) == [
        "name          1  2  total",
        "Hisham Nazer  1  2      3",
        "Nobody        ·  ·      0",
    ]
    transposed = printed(NameMatrix(columns, rows), 100)
    assert transposed[:3] == ["document  Hisham Nazer  Nobody", "1                    1       ·",
                              "2                    2       ·"]  # fmt: skip
    assert transposed[-1] == "total                3       0"
    assert printed(NameMatrix(columns, rows), 30) == [
        "name          document  menti…",
        "Hisham Nazer  1              1",
        "Hisham Nazer  2              2",
        "Nobody        ·              0",
    ]


def test_a_mention_in_a_json_record_is_on_the_record_line() -> None:
    from cli.render_names import mention_location
    from indexer.models import Mention

    text = "Oil prices fell.\nNazer said the pact held."
    record = Mention("248", "wire.jsonl", "", None, 1, 248, 248, 1.0, text, [(17, 22)],
                     "Nazer", (17, 22), "short")  # fmt: skip
    assert mention_location(record) == "wire.jsonl:248"  # one line of the file, breaks or not
    passage = Mention("a.txt", "a.txt", "", None, 1, 10, 11, 1.0, text, [(17, 22)],
                      "Nazer", (17, 22), "short")  # fmt: skip
    assert mention_location(passage) == "a.txt:11"


def _variant(match: str, kind: str = "variant") -> Mention:
    return Mention("d", "d.txt", "", None, 1, 1, 1, 0.0, match, [], match, (0, len(match)), kind)


def test_the_hint_names_whole_spellings_and_counts_a_fused_clitic_with_its_word() -> None:
    found = [_variant("Hezbollah"), _variant("Hezbollah"), _variant("حزب الله")]
    found += [_variant("لحزب الله"), _variant("وحزب الله"), _variant("Hizballah")]
    assert variants_found(found, "Hizbollah") == "حزب الله, Hezbollah, Hizballah (6 mentions)"
    # for a name of two words, a one-word mention is a surname's variant, not the name's
    people = [_variant("Hassan Nasrallah"), _variant("Nasrallah"), _variant("Nasrallah")]
    assert variants_found(people, "Hasan Nasralah") == "Hassan Nasrallah (3 mentions)"
