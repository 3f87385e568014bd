"""Every command has help text and is documented in the README's command reference."""

from __future__ import annotations

import re

from citekit.cli import load_all, main
from tests.conftest import REPO

load_all()

CONTRACT = {
    "add", "extract", "figures", "trace", "check", "show", "note", "notes", "link", "export",
    "import", "verify",
}


def test_every_contract_command_exists():
    assert set(main.commands) >= CONTRACT


def test_every_command_has_help_and_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    reference = readme.split("## Command reference", 1)[1]
    documented = set(re.findall(r"^### `citekit ([a-z-]+)", reference, flags=re.M))
    for name, command in main.commands.items():
        assert (command.help or "").strip(), f"{name} has no help text"
        assert name in documented, f"{name} is missing from the README's command reference"


def test_read_commands_take_json():
    for name in ("extract", "figures", "trace", "check", "notes", "show", "verify", "entries"):
        options = {opt for p in main.commands[name].params for opt in getattr(p, "opts", [])}
        assert "--json" in options, name
