"""The `citekit` command: thin Click commands over the library.

Each command parses options, calls one library function and renders. Command modules register
themselves on `main` when imported; `COMMANDS` says which module holds which command, so a run
imports only the module of its own command (`citekit --version` imports none of them).
"""

from __future__ import annotations

import importlib

from citekit.cli.base import main

COMMANDS = {
    "add": "record",
    "extract": "record",
    "import": "record",
    "entries": "query",
    "figures": "query",
    "trace": "query",
    "export": "query",
    "check": "check",
    "note": "notes",
    "notes": "notes",
    "link": "notes",
    "fix": "notes",
    "show": "notes",
    "verify": "verify",
    "rm": "manage",
    "rename": "manage",
    "set": "manage",
}
main.lazy = {name: f"citekit.cli.{module}" for name, module in COMMANDS.items()}


def load_all() -> None:
    """Register every command now (for code that walks `main.commands`)."""
    for module in sorted(set(COMMANDS.values())):
        importlib.import_module(f"citekit.cli.{module}")


__all__ = ["COMMANDS", "load_all", "main"]
