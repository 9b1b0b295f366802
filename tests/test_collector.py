"""The cycle collector is paused while a query runs, and left as it was after."""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from indexer import IndexSession, mentions
from indexer.collector import collector_paused

search_module = importlib.import_module("indexer.search")  # `indexer.search` is also a function


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_off_inside_and_on_after_even_on_an_error(collector_on: None) -> None:
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # a nested block does not turn it back on
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a query that fails")
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_program_stays_off(collector_on: None) -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_searches_and_mentions_run_with_the_collector_paused(
    built: Path, collector_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def watched(function: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            seen.append(gc.isenabled())
            return function(*args, **kwargs)

        return call

    monkeypatch.setattr(search_module, "to_hit", watched(search_module.to_hit))
    monkeypatch.setattr(mentions, "_to_mentions", watched(mentions._to_mentions))
    with IndexSession(built) as session:
        assert session.search("saadi")
        assert session.mentions("Rami al-Saadi")
    assert seen and not any(seen)
    assert gc.isenabled()
