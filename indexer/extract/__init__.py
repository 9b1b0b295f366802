"""Reading files into Documents: one module per format, a registry by file suffix.

Which module reads which suffix is known without importing them (`MODULES`): walking a folder
asks only whether a name is readable, and a format's libraries (lxml, pypdf, python-docx) load
when a file of that format is first read."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from indexer.errors import UnsupportedFormat
from indexer.models import Document


@dataclass(frozen=True)
class ExtractOptions:
    """Options that reach every extractor: `fields` maps our field names to a collection's keys
    (`{"text": "body", "id": "newid"}` from `--field text=body --field id=newid`)."""

    fields: Mapping[str, str] = field(default_factory=dict)


Extractor = Callable[[Path, ExtractOptions], Iterator[Document]]

_REGISTRY: dict[str, Extractor] = {}
# The module that registers each suffix (checked against the registry by the tests).
MODULES: Mapping[str, str] = {
    **dict.fromkeys((".txt", ".md", ".markdown", ".text"), "text"),
    **dict.fromkeys((".html", ".htm", ".xhtml"), "html"),
    **dict.fromkeys((".jsonl", ".ndjson", ".json"), "jsonl"),
    **dict.fromkeys((".jsonl.gz", ".ndjson.gz", ".json.gz"), "jsonl"),
    ".pdf": "pdf",
    ".docx": "docx",
    ".eml": "email",
}


def register(*suffixes: str) -> Callable[[Extractor], Extractor]:
    """Register an extractor for file suffixes such as ".txt" (lower case, with the dot)."""

    def decorate(extractor: Extractor) -> Extractor:
        for suffix in suffixes:
            _REGISTRY[suffix] = extractor
        return extractor

    return decorate


def supported_suffixes() -> frozenset[str]:
    """The suffixes some extractor reads."""
    return frozenset(MODULES)


def reader_suffix(name: str) -> str | None:
    """The registered suffix that `name` ends with, the longest one (`.jsonl.gz` before
    `.gz`)."""
    lowered = name.lower()
    dot = lowered.find(".", 1)
    while dot != -1:
        if lowered[dot:] in MODULES:
            return lowered[dot:]
        dot = lowered.find(".", dot + 1)
    return None


def is_readable(name: str) -> bool:
    """Whether some extractor reads files named like `name`."""
    return reader_suffix(name) is not None


def extract(path: Path, options: ExtractOptions | None = None) -> Iterator[Document]:
    """Yield the documents in `path`. Raises UnsupportedFormat or ExtractionFailed."""
    suffix = reader_suffix(path.name)
    extractor = _extractor(suffix) if suffix else None
    if extractor is None:
        raise UnsupportedFormat(f"{path}: no reader for {path.suffix or 'files without a suffix'}")
    return extractor(path, options or ExtractOptions())


def _extractor(suffix: str) -> Extractor | None:
    """The extractor for `suffix`, importing its module (which registers it) on first use."""
    if suffix not in _REGISTRY:
        import_module(f"indexer.extract.{MODULES[suffix]}")
    return _REGISTRY.get(suffix)


def preload(names: Iterable[str]) -> None:
    """Import the format modules that read files named like `names` (before forking workers,
    so that they share one import)."""
    for suffix in {reader_suffix(name) for name in names} - {None}:
        _extractor(str(suffix))
