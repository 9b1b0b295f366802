"""The exception hierarchy: every failure a user can act on is a PassagesError."""

from __future__ import annotations


class PassagesError(Exception):
    """Base class: a message for the user and, optionally, a hint on what to do."""

    hint: str | None = None

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint


class IndexMissing(PassagesError):
    """No index at the given location."""


class IndexIncompatible(PassagesError):
    """The index was written by an incompatible version of passages."""


class IndexLocked(PassagesError):
    """Another process holds the index's write lock."""


class IndexCorrupt(PassagesError):
    """The index on disk cannot be read."""


class IndexUnwritable(PassagesError):
    """The index folder cannot be created or written (permissions, a read-only or full disk)."""


class PathNotFound(PassagesError):
    """A path given on the command line does not exist."""


class BadSelection(PassagesError):
    """An --include or --exclude pattern that cannot be read."""


class BadQuery(PassagesError):
    """A query that cannot be run (an empty query, a bad date filter...)."""


class UnsupportedFormat(PassagesError):
    """A file whose format passages cannot read."""


class ExtractionFailed(PassagesError):
    """A file that could not be read or decoded; the reason is the message."""


class NoText(ExtractionFailed):
    """A file with no text to index (binary, image-only PDF): passed over, not an error."""


class DocumentNotFound(PassagesError):
    """A document id or passage number that is not in the index."""
