"""Domain errors. The CLI turns every CitekitError into one line on stderr and exit code 1."""

from __future__ import annotations


class CitekitError(Exception):
    """Base of every error citekit reports to the user."""

    exit_code = 1


class SourceError(CitekitError):
    """A source file cannot be read: missing, a directory, binary, not UTF-8, empty."""


class UnknownKeyError(CitekitError):
    """A citation key or figure id the library does not hold."""


class BibError(CitekitError):
    """refs.bib cannot be used as it stands."""


class AnchorError(CitekitError):
    """A quote or anchor does not stand in the snapshot as required."""


class NothingFound(CitekitError):
    """A query matched nothing (trace, notes)."""
