"""Reading files into Documents: one module per format, a registry by file suffix."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
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


def register(*suffixes: str) -> Callable[[Extractor], Extractor]:
    """Register an extractor for file suffixes such as ".txt" (lower case, with the dot)."""

    def decorate(extractor: Extractor) -> Extractor:
        for suffix in suffixes:
            _REGISTRY[suffix] = extractor
        return extractor

    return decorate


def supported_suffixes() -> frozenset[str]:
    """The suffixes some extractor reads."""
    _load_extractors()
    return frozenset(_REGISTRY)


def reader_suffix(name: str) -> str | None:
    """The registered suffix that `name` ends with, the longest one (`.jsonl.gz` before `.gz`)."""
    _load_extractors()
    lowered = name.lower()
    dot = lowered.find(".", 1)
    while dot != -1:
        if lowered[dot:] in _REGISTRY:
            return lowered[dot:]
        dot = lowered.find(".", dot + 1)
    return None


def is_readable(name: str) -> bool:
    """Whether some extractor reads files named like `name`."""
    return reader_suffix(name) is not None


def extract(path: Path, options: ExtractOptions | None = None) -> Iterator[Document]:
    """Yield the documents in `path`. Raises UnsupportedFormat or ExtractionFailed."""
    _load_extractors()
    suffix = reader_suffix(path.name)
    extractor = _REGISTRY.get(suffix) if suffix else None
    if extractor is None:
        raise UnsupportedFormat(f"{path}: no reader for {path.suffix or 'files without a suffix'}")
    return extractor(path, options or ExtractOptions())


def _load_extractors() -> None:
    """Import the format modules (each registers itself). Not skipped when the registry has
    entries: one format module imported on its own must not hide the others."""
    from indexer.extract import docx, email, html, jsonl, pdf, text  # noqa: F401
