"""Import Whoosh without modules it loads and passages never uses.

`whoosh.compat` imports `urllib.request` (with `http.client`, `email` and `ssl`) for a
`urlretrieve` that nothing in Whoosh calls, and the `cached_property` package that
`whoosh.reading` uses imports `asyncio` (with `ssl`, `socket`, `concurrent.futures`) to check
for coroutine properties, which Whoosh does not have. Together they are about a third of the
time `passages search` takes to start: 30 ms on a fast machine, 100 ms on a slow one. And
`whoosh.query` imports `whoosh.lang.morph_en`, 7 ms of compiling its English-variations
patterns, for the `Variations` query, which passages never makes.

While Whoosh is imported, each of these names a stand-in module: what Whoosh takes from it
is a function that imports the real module when it is called (`urlretrieve`, `variations`),
or the same test from `inspect` (`iscoroutinefunction`; asyncio's own adds only the marker
of generator coroutines, which Python 3.11 removed). Reading any other public attribute of a
stand-in loads the real module and forwards to it. Once Whoosh is in, the stand-ins leave
`sys.modules`, so any other import gets the real modules.
"""

from __future__ import annotations

import inspect
import sys
import types
from collections.abc import Callable
from importlib import import_module
from typing import Any


def import_whoosh() -> None:
    """Import the Whoosh modules every command needs, once, without their unused imports."""
    if "whoosh.compat" in sys.modules:
        return
    stand_ins = {
        "urllib.request": _stand_in("urllib.request", urlretrieve=_urlretrieve),
        "asyncio": _stand_in("asyncio", iscoroutinefunction=inspect.iscoroutinefunction),
        "whoosh.lang.morph_en": _stand_in("whoosh.lang.morph_en", variations=_variations),
    }
    placed = {name: module for name, module in stand_ins.items() if name not in sys.modules}
    sys.modules.update(placed)
    try:
        import whoosh.compat  # noqa: F401
        import whoosh.query  # noqa: F401  (imports whoosh.lang.morph_en)
        import whoosh.reading  # noqa: F401  (imports cached_property, which imports asyncio)
    finally:
        for name, module in placed.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


def _stand_in(name: str, **attributes: Callable[..., Any]) -> types.ModuleType:
    """A module named `name` with `attributes`; reading any other loads the real module."""
    module = types.ModuleType(name, f"stand-in for {name} while Whoosh is imported")
    module.__dict__.update(attributes)

    def __getattr__(attribute: str) -> Any:
        if attribute.startswith("__"):  # the import system asks for __path__, __spec__, …
            raise AttributeError(attribute)
        if sys.modules.get(name) is module:
            del sys.modules[name]
        return getattr(import_module(name), attribute)

    module.__getattr__ = __getattr__  # type: ignore[method-assign]
    return module


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def _variations(*args: Any, **kwargs: Any) -> Any:
    from whoosh.lang.morph_en import variations

    return variations(*args, **kwargs)
