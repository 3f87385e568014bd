"""Writes of several files that land together or not at all.

A `Transaction` stages every new file as a complete temporary copy next to its target, then
commits: it writes a journal (`.citekit-journal.json` in the library folder, not in the
disposable .citekit/; the commit point) naming each temporary file and its target, renames
them into place, and deletes the journal. A kill before the journal is written leaves only
temporary files, which the next command deletes (the old state); a kill after it leaves a journal, which the next command replays to the end (the new state). `recover`
does both, under the library lock, before any command writes or reads.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from citekit.library.fsutil import (
    TEMP_NAME,
    atomic_write,
    real_target,
    remove_temps,
    write_temp,
)

JOURNAL = ".citekit-journal.json"


class Transaction:
    """Files staged for one commit; nothing is visible until `commit`."""

    def __init__(self, journal: Path, sync: bool = True) -> None:
        self.journal = journal
        self.sync = sync
        self._moves: dict[Path, Path] = {}  # target -> staged temporary file

    def stage(self, path: Path, data: str | bytes) -> None:
        target = Path(os.path.abspath(real_target(path)))
        old = self._moves.pop(target, None)
        if old is not None:
            _unlink(old)
        self._moves[target] = write_temp(target, data, sync=self.sync)

    def __len__(self) -> int:
        return len(self._moves)

    def __contains__(self, path: Path) -> bool:
        return Path(os.path.abspath(real_target(path))) in self._moves

    def commit(self) -> None:
        """Make every staged file visible: journal first, then the renames, then no journal."""
        if not self._moves:
            return
        moves = [[str(tmp), str(target)] for target, tmp in self._moves.items()]
        if not self.sync:  # staged unsynced (a batch): one sync makes them all durable first
            os.sync()
        atomic_write(self.journal, json.dumps({"moves": moves}))
        replay(moves)
        _unlink(self.journal)
        self._moves.clear()

    def abort(self) -> None:
        for tmp in self._moves.values():
            _unlink(tmp)
        self._moves.clear()


def replay(moves: list[list[str]]) -> None:
    """Rename each staged file still there onto its target (those gone were renamed already)."""
    for tmp, target in moves:
        with contextlib.suppress(FileNotFoundError):
            os.replace(tmp, target)


def recover(journal: Path, folders: list[Path]) -> None:
    """Finish a committed transaction a kill interrupted; delete staged files never committed."""
    if journal.exists():
        try:
            moves = json.loads(journal.read_text(encoding="utf-8"))["moves"]
        except (OSError, ValueError, KeyError, TypeError):
            moves = []  # a torn journal cannot exist (atomic_write); an edited one is ignored
        real = {os.path.realpath(f) for f in folders}
        replay([m for m in moves if _plausible(m, real)])
        _unlink(journal)
    for folder in folders:
        remove_temps(folder)


def _plausible(move: object, folders: set[str]) -> bool:
    """A move this module could have written: a temporary file onto its neighbour in a folder
    of the library (a journal edited to point elsewhere is not followed)."""
    if not (isinstance(move, list) and len(move) == 2 and all(isinstance(m, str) for m in move)):
        return False
    tmp, target = Path(move[0]), Path(move[1])
    return (
        tmp.parent == target.parent
        and os.path.realpath(target.parent) in folders
        and TEMP_NAME.match(tmp.name) is not None
    )


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
