"""`passages search` output modes, in a pipe (CliRunner) and on a terminal (a pseudo-terminal):
--grep, --files, --count, -C, --by document, --batch --format trec, paging, NO_COLOR, and a
closed pipe."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.document_builders import make_pdf
from tests.search_corpus import write_search_corpus

SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def indexed(run: Run, tmp_path: Path) -> Path:
    corpus = write_search_corpus(tmp_path / "corpus")
    assert run("index", "corpus").exit_code == 0
    return corpus


def test_passages_holding_only_some_of_the_words_are_shown_under_a_line_saying_so(
    run: Run, indexed: Path
) -> None:
    """Their scores can be higher than those of the passages above them, which hold every word."""
    result = run("search", "militia drones", "--limit", "50")
    lines = result.stdout.splitlines()
    assert lines.count("-- only some of the words from here on --") == 1
    cut = lines.index("-- only some of the words from here on --")
    above, below = lines[1:cut:2], lines[cut + 2 :: 2]
    assert above and below
    assert all("militia" in line.lower() and "drone" in line.lower() for line in above)
    assert all(not ("militia" in line.lower() and "drone" in line.lower()) for line in below)
    tiers = [json.loads(line)["all_words"] for line in run("search", "militia drones", "--json",
             "--limit", "50").stdout.splitlines()]  # fmt: skip
    assert tiers == [True] * len(above) + [False] * len(below)
    one_word = run("search", "drones", "--limit", "50")
    assert "only some of the words" not in one_word.stdout
    assert {json.loads(line)["all_words"] for line in run("search", "drones", "--json").stdout
            .splitlines()} == {None}  # fmt: skip


def test_grep_of_matches_with_no_line_to_show_says_so(run: Run, indexed: Path) -> None:
    """Passages matched by their path alone have no word to show: nothing is printed, and
    the exit code says so (as grep's, for no line)."""
    assert run("search", "path:*", "--json").exit_code == 0
    result = run("search", "path:*", "--grep")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("the matches are in titles or paths, not in lines")


def test_grep_lines_are_path_line_column_text(run: Run, indexed: Path) -> None:
    result = run("search", "Israel drones", "--grep")
    assert result.exit_code == 0
    assert sorted(result.stdout.splitlines()) == [
        "corpus/news/2023-01-13-khazali.txt:8:1: Drones were not discussed, but Israel was.",
        "corpus/news/2023-01-13-khazali.txt:8:32: Drones were not discussed, but Israel was.",
        "corpus/news/2023-04-13-nakhala.txt:6:39: An Iraqi militia threatened to launch drones"
        " at targets in Israel.",
        "corpus/news/2023-04-13-nakhala.txt:6:60: An Iraqi militia threatened to launch drones"
        " at targets in Israel.",
    ]


def test_grep_column_counts_from_the_start_of_the_source_line(run: Run, tmp_path: Path) -> None:
    sentence = "This sentence is here to make the paragraph long enough to be cut in two. "
    line = "  " + sentence * 20 + "The lighthouse keeper waved."
    (tmp_path / "long").mkdir()
    (tmp_path / "long" / "one.txt").write_text("Title\n\n" + line + "\n")
    assert run("index", "long").exit_code == 0
    result = run("search", "lighthouse", "--grep")
    at = line.index("lighthouse")
    shown = "…" + line[at - 100 :]  # a line this long is shown around its match
    assert result.stdout == f"long/one.txt:3:{at + 1}: {shown}\n"


def test_grep_column_counts_bytes_as_ripgrep_and_vim_do(run: Run, tmp_path: Path) -> None:
    """Regression: the column counted characters, so on a line of Arabic or accented text
    `vim -q` (and anything that reads ripgrep's columns) put the cursor short of the word."""
    line = "حركة النجباء — café pic.twitter.com/baPjLPqvwb"
    (tmp_path / "ar").mkdir()
    (tmp_path / "ar" / "tweet.txt").write_text(f"Title\n\n{line}\n", encoding="utf-8")
    assert run("index", "ar").exit_code == 0
    result = run("search", "twitter OR café", "--grep")
    raw = line.encode("utf-8")
    assert result.stdout.splitlines() == [
        f"ar/tweet.txt:3:{raw.index('café'.encode()) + 1}: {line}",
        f"ar/tweet.txt:3:{raw.index(b'twitter') + 1}: {line}",
    ]


def test_files_lists_each_matching_document_once_in_rank_order(run: Run, indexed: Path) -> None:
    result = run("search", "Baghdad", "--files")
    assert sorted(result.stdout.splitlines()) == [
        "corpus/news/2023-01-13-khazali.txt",
        "corpus/news/2023-04-13-nakhala.txt",
        "corpus/notes/draft.md",
    ]


def test_count(run: Run, indexed: Path) -> None:
    assert run("search", "Baghdad", "--count").stdout == "5\n"
    assert run("search", "Baghdad", "--count", "--by", "document").stdout == "3\n"
    result = run("search", "zeppelin", "--count")
    assert (result.exit_code, result.stdout) == (1, "0\n")


def test_by_document_gives_each_documents_best_passage(run: Run, indexed: Path) -> None:
    result = run("search", "Baghdad", "--by", "document", "--json")
    docs = [json.loads(line)["doc"] for line in result.stdout.splitlines()]
    assert len(docs) == len(set(docs)) == 3


def test_context_shows_neighbouring_passages_with_line_numbers(run: Run, indexed: Path) -> None:
    result = run("search", "pledged", "-C", "1")
    assert result.stdout.splitlines()[1:] == [
        " 4 │ Qais al-Khazali met Jibril Rajoub in Baghdad on Monday.",
        "",
        ">6 │ The militia leader pledged support for the Palestinian cause.",
        "",
        " 8 │ Drones were not discussed, but Israel was.",
    ]
    assert result.stdout.startswith("corpus/news/2023-01-13-khazali.txt:6: Khazali Meets")


def test_context_of_hits_close_together_is_shown_once(run: Run, indexed: Path) -> None:
    """Regression: with -C, two hits next to each other in a document were each shown with
    their neighbours, so the same passages came twice."""
    result = run("search", "Rajoub", "-C", "1")
    head, *shown = result.stdout.splitlines()
    assert head.startswith("corpus/news/2023-01-13-khazali.txt:1: Khazali Meets Rajoub in")
    assert shown == [
        ">1 │ Khazali Meets Rajoub in Baghdad",
        ">2 │ January 13, 2023",
        "",
        ">4 │ Qais al-Khazali met Jibril Rajoub in Baghdad on Monday.",
        "",
        " 6 │ The militia leader pledged support for the Palestinian cause.",
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--json", "--grep"], "choose one of --json, --grep"),
        (["--files", "-C", "1"], "-C goes with the default view, not --files"),
        (["--format", "trec"], "--format trec runs the queries of --batch FILE, not QUERY"),
    ],
)
def test_options_that_do_not_go_together(
    run: Run, indexed: Path, options: list[str], message: str
) -> None:
    result = run("search", "Baghdad", *options)
    assert result.exit_code == 2
    assert message in result.stderr


def test_batch_writes_a_trec_run(run: Run, indexed: Path, tmp_path: Path) -> None:
    (tmp_path / "queries.txt").write_text("q1\tBaghdad militia\nharbour cup\n")
    result = run("search", "--batch", "queries.txt", "--format", "trec", "--limit", "2")
    assert result.exit_code == 0
    rows = [line.split(" ") for line in result.stdout.splitlines()]
    assert [row[0] for row in rows] == ["q1", "q1", "2"]
    assert all(row[1] == "Q0" and row[5] == "passages" and len(row) == 6 for row in rows)
    assert [row[3] for row in rows] == ["1", "2", "1"]
    assert float(rows[0][4]) >= float(rows[1][4])
    assert rows[2][2] == str(indexed / "sport" / "match.txt")


def test_a_standard_evaluator_reads_the_trec_run(run: Run, indexed: Path, tmp_path: Path) -> None:
    ir_measures = pytest.importorskip("ir_measures")
    (tmp_path / "queries.txt").write_text("q1\tBaghdad militia\nq2\tharbour cup\n")
    result = run("search", "--batch", "queries.txt", "--format", "trec", "--limit", "5")
    (tmp_path / "run.txt").write_text(result.stdout)
    match = str(indexed / "sport" / "match.txt")
    (tmp_path / "qrels.txt").write_text(f"q2 0 {match} 1\nq1 0 {match} 0\n")
    read = list(ir_measures.read_trec_run(str(tmp_path / "run.txt")))
    assert len(read) == len(result.stdout.splitlines()) > 2
    qrels = list(ir_measures.read_trec_qrels(str(tmp_path / "qrels.txt")))
    scores = ir_measures.calc_aggregate([ir_measures.P @ 1], qrels, read)
    assert scores[ir_measures.P @ 1] == 0.5  # q2's first document is the judged one


def test_batch_file_that_cannot_be_read(run: Run, indexed: Path) -> None:
    result = run("search", "--batch", "missing.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot read missing.txt")


# -- real processes: a closed pipe, a terminal -----------------------------------------------


def passages(*args: str) -> list[str]:
    return [sys.executable, "-c", "from cli.app import main; main()", *args]


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """An index of 400 passages that all mention lanterns, and Ada Lovelace."""
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(40):
        paragraphs = [f"Ada Lovelace lit lantern number {number}-{i}." for i in range(10)]
        (folder / f"doc{number}.txt").write_text("\n\n".join(paragraphs) + "\n")
    location = tmp_path / "index"
    subprocess.run(passages("index", str(folder), "--index", str(location)), check=True)
    return location


def test_closed_pipe_ends_quietly(many: Path) -> None:
    for command in (
        ["search", "lantern", "--grep"],
        ["search", "lantern", "--json", "--limit", "400"],
        ["search", "lantern", "--limit", "400"],
        ["mentions", "Ada Lovelace"],
        ["mentions", "Ada Lovelace", "--json"],
    ):
        process = subprocess.Popen(
            passages(*command, "--index", str(many)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline()
        process.stdout.close()
        errors = process.stderr.read()
        assert process.wait(timeout=60) == 0
        assert errors == b""


def test_help_into_a_pipe_closed_before_it_is_read_ends_quietly() -> None:
    for command in (["--help"], ["search", "--help"], ["mentions", "--help"]):
        process = subprocess.Popen(
            passages(*command), stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # no reader at all: the first write meets a closed pipe
        errors = process.stderr.read()
        assert process.wait(timeout=60) == 0, command
        assert errors == b""


def _closing(fd: int) -> Callable[[], None]:
    return lambda: os.close(fd)


def test_a_closed_stdout_is_an_error_before_any_work(many: Path) -> None:
    done = subprocess.run(
        passages("search", "lantern", "--index", str(many)),
        stderr=subprocess.PIPE,
        preexec_fn=_closing(1),
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: standard output is closed")


@pytest.mark.parametrize(
    ("command", "code"),
    [
        (["search", "lantern"], 0),
        (["search", "zebra"], 1),  # nothing found: the "did you mean" notice goes nowhere
        (["search"], 2),  # a usage error
        (["mentions", "Ada Lovelace", "--index", "{missing}"], 2),
    ],
)
def test_a_closed_stderr_keeps_the_exit_code(many: Path, command: list[str], code: int) -> None:
    """No one to tell: the message is dropped, the exit code still says what happened."""
    if "--index" not in command:
        command = [*command, "--index", str(many)]
    arguments = [word.format(missing=many.parent / "no index here") for word in command]
    done = subprocess.run(
        passages(*arguments), stdout=subprocess.PIPE, preexec_fn=_closing(2), text=True
    )
    assert done.returncode == code
    assert ("lantern" in done.stdout) == (code == 0)
    assert "Traceback" not in done.stdout


def in_terminal(args: list[str], env: dict[str, str]) -> str:
    """What `args` writes to a pseudo-terminal of 100 × 30."""
    leader, follower = pty.openpty()
    full_env = {**os.environ, "COLUMNS": "100", "LINES": "30", "TERM": "xterm-256color", **env}
    full_env.pop("NO_COLOR", None) if "NO_COLOR" not in env else None
    process = subprocess.Popen(args, stdout=follower, stderr=follower, stdin=follower, env=full_env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_terminal_gets_colour_and_layout(many: Path) -> None:
    shown = in_terminal(passages("search", "lantern", "-n", "2", "--index", str(many)), {})
    assert "\x1b[1;33m" in shown or "\x1b[33;1m" in shown  # the matched word
    plain = SGR.sub("", shown)
    assert " 1. Ada Lovelace lit lantern" in plain and "2 of 400 matching passages" in plain


def test_grep_on_a_terminal_colours_the_place_and_lights_the_word_only(many: Path) -> None:
    shown = in_terminal(
        passages("search", "lantern", "--grep", "-n", "5", "--no-pager", "--index", str(many)), {}
    )
    lines = [line for line in shown.splitlines() if "lantern" in line]
    assert len(lines) == 5
    for line in lines:
        place, _, text = line.partition("\x1b[0m")  # the place, in magenta, then the rest
        assert place.startswith("\x1b[35m") and place.endswith(":")
        assert "\x1b[35m" not in text and "\x1b[1;33mlantern\x1b[0m" in text


def test_no_color_is_respected(many: Path) -> None:
    shown = in_terminal(
        passages("search", "lantern", "-n", "2", "--index", str(many)), {"NO_COLOR": "1"}
    )
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]", shown)  # no foreground colour at all
    assert " 1. Ada Lovelace lit lantern" in SGR.sub("", shown)


def test_long_results_go_through_the_pager(many: Path) -> None:
    pager = {"PAGER": "sed s/^/paged:/"}
    shown = in_terminal(passages("search", "lantern", "-n", "20", "--index", str(many)), pager)
    assert SGR.sub("", shown).splitlines()[0].startswith("paged: 1. Ada Lovelace")
    unpaged = passages("search", "lantern", "-n", "20", "--no-pager", "--index", str(many))
    assert "paged:" not in in_terminal(unpaged, pager)
    short = in_terminal(passages("search", "lantern", "-n", "1", "--index", str(many)), pager)
    assert "paged:" not in short
    mentions = in_terminal(passages("mentions", "Ada Lovelace", "--index", str(many)), pager)
    assert SGR.sub("", mentions).splitlines()[0].startswith("paged:")


def test_an_attachment_is_shown_under_its_message(run: Run, tmp_path: Path) -> None:
    """Regression: a hit in a mail's attachment was shown as `mail.eml:p2`, a page the message
    does not have."""
    mail = EmailMessage()
    mail["Subject"] = "Budget"
    mail.set_content("The budget is attached.\n")
    pdf = make_pdf([["Cover page"], ["Lighthouse costs rose."]])
    mail.add_attachment(pdf, "application", "pdf", filename="budget.pdf")
    (tmp_path / "mail").mkdir()
    (tmp_path / "mail" / "budget.eml").write_bytes(mail.as_bytes())
    assert run("index", "mail").exit_code == 0
    result = run("search", "lighthouse")
    assert result.stdout.startswith("mail/budget.eml#attachment/budget.pdf:p2: ")


def test_a_text_filed_twice_is_shown_once_naming_its_copy(run: Run, tmp_path: Path) -> None:
    story = "Harbour news\n\nThe lighthouse keepers met on Monday.\n"
    (tmp_path / "docs" / "copy").mkdir(parents=True)
    (tmp_path / "docs" / "a.txt").write_text(story)
    (tmp_path / "docs" / "copy" / "b.txt").write_text(story)
    assert run("index", "docs").exit_code == 0
    lines = run("search", "lighthouse").stdout.splitlines()
    assert len(lines) == 3
    [shown] = [name for name in ("docs/a.txt:1", "docs/copy/b.txt:1") if lines[0].startswith(name)]
    other = ({"docs/a.txt:1", "docs/copy/b.txt:1"} - {shown}).pop()
    assert lines[2] == f"    the same text is also in {other}"
    [record] = [
        json.loads(line) for line in run("search", "lighthouse", "--json").stdout.splitlines()
    ]
    assert [copy["path"] for copy in record["copies"]] == [str(tmp_path / other.split(":")[0])]
    assert len(run("search", "lighthouse", "--grep").stdout.splitlines()) == 2
    assert len(run("search", "lighthouse", "--files").stdout.splitlines()) == 2


def test_grep_shows_the_part_of_a_very_long_line_around_the_match(run: Run, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    line = "filler words " * 2000 + "the lighthouse keeper" + " more words" * 2000
    (tmp_path / "docs" / "one-line.txt").write_text(line + "\n")
    assert run("index", "docs").exit_code == 0
    [shown] = run("search", "lighthouse", "--grep").stdout.splitlines()
    place, text = shown.split(": ", 1)
    assert place == f"docs/one-line.txt:1:{line.index('lighthouse') + 1}"
    assert text.startswith("…") and text.endswith("…") and "the lighthouse keeper" in text
    assert len(text) < 300
