"""The `citekit` command: thin Click commands over the library.

Each command parses options, calls one library function and renders. Command modules register
themselves on `main` when imported here.
"""

from __future__ import annotations

from citekit.cli import check as _check  # noqa: F401
from citekit.cli import manage as _manage  # noqa: F401
from citekit.cli import notes as _notes  # noqa: F401
from citekit.cli import query as _query  # noqa: F401
from citekit.cli import record as _record  # noqa: F401
from citekit.cli import verify as _verify  # noqa: F401
from citekit.cli.base import main

__all__ = ["main"]
