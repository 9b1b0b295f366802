"""Names of a package imported from their modules when first used (PEP 562)."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_getattr(
    package: str, found: dict[str, Any], modules: dict[str, str]
) -> Callable[[str], Any]:
    """A module `__getattr__` for `package` that imports each name of `modules` (name: module)
    on first use and keeps it in the package's globals `found`."""

    def __getattr__(name: str) -> Any:
        module = modules.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = found[name] = getattr(import_module(module), name)
        return value

    return __getattr__
