"""Options shared by several commands, as Annotated types, and where the index is."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

DEFAULT_INDEX = Path("index")
INDEX_ENV = "PASSAGES_INDEX"

IndexOpt = Annotated[
    Path | None,
    typer.Option(
        "--index",
        help=f"Index folder (default: ${INDEX_ENV}, else ./index).",
        show_default=False,
        file_okay=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="One JSON object per line, for programs.")]
LimitOpt = Annotated[int, typer.Option("--limit", "-n", help="How many results to show.", min=1)]
QueryArg = Annotated[str, typer.Argument(help="Words to search for.", show_default=False)]


def resolve_index(given: Path | None) -> Path:
    """--index, else $PASSAGES_INDEX, else ./index."""
    if given is not None:
        return given
    from_env = os.environ.get(INDEX_ENV)
    return Path(from_env) if from_env else DEFAULT_INDEX
