"""Mistakes on the command line (an unknown option, a value of the wrong kind, a missing
argument) get one `error:` line on stderr and exit code 2, as every other error does: through
`cli.app.main`, the entry point, which CliRunner's `invoke(app)` does not go through."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.app import main


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
