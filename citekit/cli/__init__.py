"""The `citekit` command: thin Click commands over the library.

Each command parses options, calls one library function and renders. Command modules register
themselves on `main` when imported at the bottom of this file.
"""

from __future__ import annotations

from citekit.cli import query as _query  # noqa: E402,F401

# Command modules: importing registers their commands on `main`.
from citekit.cli import record as _record  # noqa: E402,F401
from citekit.cli.base import main

__all__ = ["main"]
