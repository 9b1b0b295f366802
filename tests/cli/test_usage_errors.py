"""Mistakes on the command line (an unknown option, a value of the wrong kind, a missing
argument) get one `error:` line on stderr and exit code 2, as every other error does: through
`cli.app.main`, the entry point, which CliRunner's `invoke(app)` does not go through."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.main import get_command_name

from cli.app import app, commands_to_build, main


def run_main(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.argv", ["passages", *args])
    with pytest.raises(SystemExit) as ended:
        main()
    captured = capsys.readouterr()
    return int(ended.value.code or 0), captured.out, captured.err


@pytest.fixture(autouse=True)
def _no_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASSAGES_INDEX", str(tmp_path / "index"))
    monkeypatch.setenv("COLUMNS", "100")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["search", "--nope", "x"], "error: no such option: --nope"),
        (["search", "--limit", "many", "x"], "error: invalid value for '--limit' / '-n'"),
        (["search", "-n", "0", "x"], "error: invalid value for '--limit' / '-n'"),
        (["search"], "error: invalid value: give a QUERY"),
        (["frobnicate"], "error: no such command 'frobnicate'"),
        (["index"], "error: missing argument"),
        (["index", ".", "--wait", "nan"], "error: invalid value for '--wait'"),
    ],
)
def test_a_usage_mistake_is_one_error_line_and_exit_code_2(
    args: list[str],
    expected: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run_main(args, monkeypatch, capsys)
    assert code == 2
    assert out == ""
    assert err.startswith(expected), err
    assert err.count("\n") == 1 and "╭" not in err
    command = "passages" if args[0] == "frobnicate" else f"passages {args[0]}"
    assert err.rstrip().endswith(f"see `{command} --help`")


@pytest.mark.parametrize("args", [["search", "-blair"], ["search", "tony", "-blair"]])
def test_a_word_after_a_dash_is_told_how_to_leave_it_out(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_main(args, monkeypatch, capsys)
    assert code == 2
    assert err == (
        "error: no such option: -b — to leave out a word, write `NOT blair`, "
        "or end the options with `--` first\n"
    )


def test_an_unknown_short_option_is_not_taken_for_a_word(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, err = run_main(["search", "x", "-z"], monkeypatch, capsys)
    assert err.rstrip().endswith("see `passages search --help`")


def test_help_still_exits_0(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_main(["search", "--help"], monkeypatch, capsys)
    assert code == 0 and "Rank the passages" in out and err == ""


def test_a_command_exit_code_comes_through(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_main(["search", "anything"], monkeypatch, capsys)
    assert code == 2 and err.startswith("error: no index at")


@pytest.mark.parametrize(
    ("args", "built"),
    [
        (["search", "weather"], ["search"]),
        (["--debug", "mentions", "Qais"], ["mentions"]),
        (["search", "--help"], ["search"]),
        (["--help", "search"], None),  # the app's help lists every command
        (["serch", "weather"], None),  # a misspelt command is told about among all
        ([], None),
    ],
)
def test_only_the_command_named_is_built(args: list[str], built: list[str] | None) -> None:
    names = [
        info.name or get_command_name(info.callback.__name__)
        for info in commands_to_build(args)
        if info.callback is not None
    ]
    everything = [info.callback.__name__ for info in app.registered_commands if info.callback]
    assert names == built if built is not None else len(names) == len(everything) > 1


def test_the_app_help_still_lists_every_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    run_main(["search", "x"], monkeypatch, capsys)  # built with search only, then restored
    code, out, _ = run_main(["--help"], monkeypatch, capsys)
    assert code == 0
    for command in ("index", "search", "mentions", "names", "shell", "stats"):
        assert command in out


@pytest.mark.parametrize(("option", "pattern"), [("--include", "\\"), ("--exclude", "[z-a]")])
def test_a_pattern_that_cannot_be_read_is_an_error_before_anything_is_indexed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    option: str,
    pattern: str,
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("A harbour note.\n")
    code, _, err = run_main(["index", str(tmp_path / "docs"), option, pattern], monkeypatch, capsys)
    assert code == 2 and err.startswith(f"error: {option} {pattern!r} is not a pattern")
    assert err.count("\n") == 1 and not (tmp_path / "index").exists()


def test_a_batch_file_that_is_not_utf8_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("A harbour note.\n")
    assert run_main(["index", str(tmp_path / "docs")], monkeypatch, capsys)[0] == 0
    (tmp_path / "q.tsv").write_bytes(b"q1\tharb\xffour\n")
    code, _, err = run_main(["search", "--batch", str(tmp_path / "q.tsv")], monkeypatch, capsys)
    assert (code, err.count("\n")) == (2, 1)
    assert err.startswith("error: ") and "is not UTF-8 text" in err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_that_cannot_be_written_is_one_error_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("A harbour note.\n")
    command = [sys.executable, "-m", "cli.app"]
    index = ["--index", str(tmp_path / "index")]
    subprocess.run(
        [*command, "index", str(tmp_path / "docs"), *index], check=True, capture_output=True
    )
    with open("/dev/full", "w") as full:
        ran = subprocess.run(
            [*command, "search", "harbour", *index], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert (ran.returncode, ran.stderr) == (
        2,
        "error: cannot write the output: No space left on device\n",
    )


def test_a_pager_a_shell_could_not_read_is_less(monkeypatch: pytest.MonkeyPatch) -> None:
    from cli.output import pager_command

    monkeypatch.setenv("PAGER", '"x')
    assert pager_command() == ["less"]
    monkeypatch.setenv("PAGER", "most -s")
    assert pager_command() == ["most", "-s"]
