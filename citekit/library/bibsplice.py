"""refs.bib for a write that touches a few entries, without parsing the whole file.

The derived index holds refs.bib block by block (each block's key, hash and parsed fields) and
knows whether the file parsed cleanly. When the index is current for the very text about to be
changed (same SHA-256), that text has no @string macros and each block's hash is the one the
index holds, a `SplicedBib` answers from the index and parses only the blocks a write changes;
`render` splices them back, every other byte of the file as it was. Anything it cannot vouch
for falls back to parsing the whole file (`BibFile.parse`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING, Any

from bibtexparser.model import Entry

from citekit.errors import BibError
from citekit.library.bib import BibFile, _Slot
from citekit.library.index.bibsync import block_hash, is_clean

if TYPE_CHECKING:
    from citekit.library.layout import Layout

_BLOCK_START = re.compile(r"^@", re.M)
_STRING = re.compile(r"^@\s*string\b", re.M | re.I)


class _Entries(MutableMapping[str, Entry]):
    """The entries of a SplicedBib in file order, each parsed from its block when first asked."""

    def __init__(self, owner: SplicedBib, order: list[str]) -> None:
        self.owner = owner
        self.order = order  # keys in file order, then new ones
        self.present = set(order)
        self.loaded: dict[str, Entry] = {}

    def __getitem__(self, key: str) -> Entry:
        if key not in self.present:
            raise KeyError(key)
        entry = self.loaded.get(key)
        if entry is None:
            entry = self.loaded[key] = self.owner._load(key)
        return entry

    def __setitem__(self, key: str, entry: Entry) -> None:
        if key not in self.present:
            self.present.add(key)
            self.order.append(key)
        self.loaded[key] = entry

    def __delitem__(self, key: str) -> None:
        if key not in self.present:
            raise KeyError(key)
        self.owner._load_slot(key)
        self.present.discard(key)
        self.order.remove(key)
        self.loaded.pop(key, None)

    def __contains__(self, key: object) -> bool:
        return key in self.present

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.order))

    def __len__(self) -> int:
        return len(self.order)


class SplicedBib(BibFile):
    """A BibFile whose untouched entries are read from the index, not parsed."""

    _known: dict[str, str]  # key -> its fields as the index holds them (JSON)
    _decoded: dict[str, dict[str, str]]
    _blocks: dict[str, str]  # key -> the hash of its block
    _lookup_rows: list[tuple[str, str | None, str | None, str | None]]

    @classmethod
    def of(
        cls, text: str, known: dict[str, str], blocks: dict[str, str], lookup_rows: list[Any]
    ) -> SplicedBib:
        bib = cls(text=text)
        bib._blocks = blocks
        bib._known = known
        bib._decoded = {}
        bib._lookup_rows = lookup_rows
        bib.entries = _Entries(bib, list(known))  # type: ignore[assignment]
        return bib

    def lookup_rows(self) -> list[tuple[str, str | None, str | None, str | None]]:
        """(key, citekit-sha256, citekit-origin, citekit-identity) of every entry the file had."""
        return self._lookup_rows

    def fields(self, key: str) -> dict[str, str]:
        entries: _Entries = self.entries  # type: ignore[assignment]
        if key in entries.loaded or key not in self._known:
            return super().fields(key)
        if key not in entries.present:
            raise KeyError(key)
        fields = self._decoded.get(key)
        if fields is None:
            fields = self._decoded[key] = json.loads(self._known[key])
        return dict(fields)

    def rename_entry(self, old: str, new: str) -> None:
        raise NotImplementedError("a SplicedBib is for recording; parse the file to rename")

    def _load_slot(self, key: str) -> None:
        if key in self._known and key not in self._slots:
            self._load(key)

    def _load(self, key: str) -> Entry:
        start, end = _place(self.text, key, self._blocks[key])
        alone = BibFile.parse(self.text[start:end])
        if alone.failed or alone.duplicates or alone.keys() != [key]:
            raise BibError(f"refs.bib changed while it was read (entry {key!r}): run it again")
        slot = alone._slots[key]
        entry = alone.entries[key]
        self._slots[key] = _Slot(start + slot.start, start + slot.end, entry)
        return entry


def _place(text: str, key: str, digest: str) -> tuple[int, int]:
    """Where the block of entry `key` stands: from its `@` line to the next line starting
    with `@`, the block whose hash the index holds."""
    head = re.compile(r"^@\s*\w+\s*[{(]\s*" + re.escape(key) + r"\s*,", re.M)
    for found in head.finditer(text):
        nxt = _BLOCK_START.search(text, found.end())
        end = nxt.start() if nxt else len(text)
        if block_hash(text[found.start() : end]) == digest:
            return found.start(), end
    raise BibError(f"refs.bib changed while it was read (entry {key!r}): run it again")


_LOOKUP = (
    "SELECT key, block, fields, json_extract(fields, '$.\"citekit-sha256\"'),"
    " json_extract(fields, '$.\"citekit-origin\"'),"
    " json_extract(fields, '$.\"citekit-identity\"') FROM entries ORDER BY pos"
)


def spliced(layout: Layout, text: str) -> SplicedBib | None:
    """refs.bib's `text` as a SplicedBib, when the index holds exactly this text, parsed
    cleanly and without @string macros; else None."""
    from citekit.library.index import open_index

    if _STRING.search(text):
        return None
    try:
        index = open_index(layout)
    except Exception:  # the index is a cache: without it, the file is parsed
        return None
    db = index.db
    row = db.execute("SELECT sha256 FROM files WHERE path = 'refs.bib'").fetchone()
    raw = layout.bib_bytes(text).encode("utf-8")
    if row is None or row[0] != hashlib.sha256(raw).hexdigest() or not is_clean(db):
        return None
    known: dict[str, str] = {}
    blocks: dict[str, str] = {}
    lookup = []
    for key, block, fields, sha, origin, identity in db.execute(_LOOKUP):
        if not block:  # an entry whose block the index could not tell apart
            return None
        known[key] = fields
        blocks[key] = block
        lookup.append((key, sha, origin, identity))
    return SplicedBib.of(text, known, blocks, lookup)


def for_writing(layout: Layout) -> BibFile:
    """refs.bib to change a few entries of, under the library lock: spliced where the index
    vouches for the text, else parsed whole."""
    text = layout.read_bib_text()
    return spliced(layout, text) or BibFile.parse(text)
