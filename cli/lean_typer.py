"""Let typer format `--help` without importing rich's Markdown and Traceback.

typer formats help through `typer.rich_utils`, imported when help is shown, and that module
imports `rich.markdown` (markdown-it, and Pygments through `rich.syntax`) and `rich.traceback`
(Pygments again) at its top: 80-90 ms of the 0.3-0.4 s a `passages --help` takes here. It uses
`Markdown` only for help written in markdown mode (passages' help is in rich mode) and
`Traceback` only for pretty exceptions (turned off). While `typer.rich_utils` is imported,
those two modules are stand-ins whose class imports the real module when it is used; then the
stand-ins leave `sys.modules`, so any other import gets the real modules.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
from collections.abc import Sequence
from importlib import import_module
from typing import Any

_RICH_UTILS = "typer.rich_utils"

# module → the class typer.rich_utils takes from it
_STAND_INS = {"rich.markdown": "Markdown", "rich.traceback": "Traceback"}


def install() -> None:
    """Have the coming import of `typer.rich_utils` (if it is not imported yet) use stand-ins."""
    if _RICH_UTILS in sys.modules or any(isinstance(f, _Finder) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _Finder())


class _Finder(importlib.abc.MetaPathFinder):
    """Finds `typer.rich_utils` as the other finders do, to load it with the stand-ins."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != _RICH_UTILS:
            return None
        sys.meta_path.remove(self)  # once: the real finders find the module itself
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _Loader(spec.loader)
        return spec


class _Loader(importlib.abc.Loader):
    def __init__(self, loader: Any) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        module: types.ModuleType | None = self._loader.create_module(spec)
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        placed = {
            name: _stand_in(name, attribute)
            for name, attribute in _STAND_INS.items()
            if name not in sys.modules
        }
        sys.modules.update(placed)
        try:
            self._loader.exec_module(module)
        finally:
            for name, stand_in in placed.items():
                if sys.modules.get(name) is stand_in:
                    del sys.modules[name]


def _stand_in(name: str, attribute: str) -> types.ModuleType:
    """A module `name` whose `attribute` is a class that makes (and whose class methods
    return) the real module's; reading any other attribute loads the real module."""

    class _Meta(type):
        def __getattr__(cls, member: str) -> Any:  # class methods: Traceback.from_exception
            return getattr(_real_class(), member)

    class _Lazy(metaclass=_Meta):
        def __new__(cls, *args: Any, **kwargs: Any) -> Any:
            return _real_class()(*args, **kwargs)

    def _real_class() -> Any:
        return getattr(_real_module(name), attribute)

    _Lazy.__name__ = _Lazy.__qualname__ = attribute
    _Lazy.__module__ = name
    module = _StandInModule(name, f"stand-in for {name} while {_RICH_UTILS} is imported")
    module.__dict__[attribute] = _Lazy
    return module


class _StandInModule(types.ModuleType):
    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):  # the import system asks for __path__, __spec__, …
            raise AttributeError(attribute)
        return getattr(_real_module(self.__name__), attribute)


def _real_module(name: str) -> types.ModuleType:
    if isinstance(sys.modules.get(name), _StandInModule):
        del sys.modules[name]
    return import_module(name)
