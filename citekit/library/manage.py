"""Managing entries: remove one, give it a new key, set its fields.

Each runs under the library lock and re-reads what it changes inside it; annotations and
snapshots are written first and refs.bib (spliced, the rest of the file untouched) last, each
file replaced atomically. A renamed key follows into every annotation file (ids, targets, the
works and figures other sources point at), into `related`, `citekit-cited-by` and the notes
that name it; a removed key leaves no link behind.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citekit.errors import CitekitError, UnknownKeyError
from citekit.library import annotations as ann
from citekit.library.bib import BibFile
from citekit.library.formats.record import valid_date
from citekit.library.fsutil import atomic_write
from citekit.library.recording import split_list

if TYPE_CHECKING:
    from citekit.library.folder import Library

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_:.+\-/]*$")
_FIELD = re.compile(r"^[a-z][a-z0-9_\-]*$")
_LINK_FIELDS = ("related", "citekit-cited-by")


class BadValue(CitekitError):
    """A key, field or value that cannot be written (a usage error)."""

    exit_code = 2


def _open(library: Library, key: str) -> tuple[str, BibFile]:
    library._check_bib_writable()
    text = library._read_bib_text()
    bib = BibFile.parse(text)
    if key not in bib:
        raise UnknownKeyError(f"no entry with key {key!r} in {library.bib_path}")
    return text, bib


def _relink(bib: BibFile, old: str, new: str | None) -> None:
    """Every link to `old` in other entries now names `new` (or is dropped)."""
    word = re.compile(rf"(?<![\w:.+\-/]){re.escape(old)}(?![\w:.+\-/])")
    for key in bib.keys():
        if key in (old, new):
            continue
        fields = bib.fields(key)
        values: dict[str, str | None] = {}
        for name in _LINK_FIELDS:
            keys = split_list(fields.get(name))
            if old in keys:
                kept = [new if k == old else k for k in keys if new or k != old]
                values[name] = ",".join(dict.fromkeys(kept)) or None
        note = fields.get("note", "")
        if note.startswith(("Cites: ", "Cited by ")) and word.search(note):
            values["note"] = word.sub(new, note) if new else _drop_from_note(note, old)
        if values:
            bib.set_entry(key, bib.entries[key].entry_type, values)


def _drop_from_note(note: str, old: str) -> str | None:
    if note.startswith("Cites: "):
        parts = [p for p in note[7:].rstrip(".").split("; ") if not p.endswith(f"[{old}]")]
        return "Cites: " + "; ".join(parts) + "." if parts else None
    head, _, tail = note[9:].rstrip(".").partition("; ")
    names = [n for n in head.split(", ") if n != old]
    if not names:
        return None
    return "Cited by " + ", ".join(names) + (f"; {tail}" if tail else "") + "."


def _own_files(library: Library, fields: dict[str, str], key: str) -> list[Path]:
    """The snapshot and original citekit wrote for `key` (never a file the user recorded)."""
    out = []
    for name in ("file", "citekit-original"):
        value = fields.get(name)
        if not value:
            continue
        path = library.root / value
        if path.parent == library.sources_dir and path.stem == key:
            out.append(path)
    return out


def remove(library: Library, key: str) -> dict[str, Any]:
    """Take an entry out of the library, with its annotations, snapshot and every link to it."""
    with library.lock():
        text, bib = _open(library, key)
        files = _own_files(library, bib.fields(key), key)
        bib.remove_entry(key)
        _relink(bib, key, None)
        _rewrite_annotations(library, key, None)
        atomic_write(library.bib_path, bib.render())
        removed = []
        for path in [library.annotations_path(key), *files]:
            if path.exists():
                path.unlink()
                removed.append(path.relative_to(library.root).as_posix())
    library._bib = None
    return {"key": key, "status": "removed", "files": removed}


def rename(library: Library, old: str, new: str) -> dict[str, Any]:
    """Give an entry a new key; its annotations, snapshot and links follow."""
    if not _KEY.match(new):
        raise BadValue(f"{new!r} is not a citation key (letters, digits and _:.+-/ only)")
    with library.lock():
        text, bib = _open(library, old)
        if new in bib:
            raise BadValue(f"key {new!r} is taken in {library.bib_path}")
        fields = bib.fields(old)
        moves = [(p, p.with_name(new + p.suffix)) for p in _own_files(library, fields, old)]
        values: dict[str, str | None] = {}
        for source, target in moves:
            atomic_write(target, source.read_bytes())
            name = "file" if fields.get("file") == source.relative_to(library.root).as_posix() \
                else "citekit-original"  # fmt: skip
            values[name] = target.relative_to(library.root).as_posix()
        _rewrite_annotations(library, old, new)
        bib.rename_entry(old, new)
        if values:
            bib.set_entry(new, bib.entries[new].entry_type, values)
        _relink(bib, old, new)
        atomic_write(library.bib_path, bib.render())
        for source, _ in moves:
            source.unlink()
        if library.annotations_path(old).exists():
            library.annotations_path(old).unlink()
    library._bib = None
    return {"key": new, "status": "renamed", "from": old}


def _rewrite_annotations(library: Library, old: str, new: str | None) -> None:
    """Annotation files naming `old`: renamed to `new`, or (removal) links to it dropped."""
    if not library.annotations_dir.is_dir():
        return
    for path in sorted(library.annotations_dir.glob("*.jsonl")):
        current = ann.read(path)
        if path.stem == old:
            if new is not None:
                atomic_write(library.annotations_path(new), ann.dumps(_renamed(current, old, new)))
            continue
        changed = _renamed(current, old, new) if new else _unlinked(current, old)
        if ann.dumps(changed) != ann.dumps(current):
            atomic_write(path, ann.dumps(changed))


def _renamed(value: Any, old: str, new: str) -> Any:
    if isinstance(value, dict):
        return {k: _renamed(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_renamed(v, old, new) for v in value]
    if isinstance(value, str):
        if value == old:
            return new
        for prefix in (f"urn:citekit:{old}:", f"{old}:"):
            if value.startswith(prefix):
                return prefix.replace(old, new, 1) + value[len(prefix) :]
    return value


def _unlinked(annotations: list[dict[str, Any]], old: str) -> list[dict[str, Any]]:
    """Links to a removed work go; a figure attributed to it keeps its figure, unattributed."""
    out = []
    for a in annotations:
        body = a.get("body") or {}
        if a.get("motivation") == "linking" and body.get("id") == old:
            continue
        if body.get("attributed_to") == old:
            a = {**a, "body": {**body, "attributed_to": None}}
        out.append(a)
    return out


def set_fields(library: Library, key: str, assignments: list[str]) -> dict[str, Any]:
    """FIELD=VALUE assignments on one entry (an empty VALUE removes the field)."""
    values: dict[str, str | None] = {}
    for item in assignments:
        name, sep, value = item.partition("=")
        name = name.strip().lower()
        if not sep or not _FIELD.match(name):
            raise BadValue(f"{item!r} is not FIELD=VALUE")
        if name.startswith("citekit-") or name in _LINK_FIELDS:
            raise BadValue(f"{name!r} is citekit's own bookkeeping; it cannot be set")
        if name in ("date", "urldate") and value and not valid_date(value):
            raise BadValue(f"{value!r} is not a date (YYYY-MM-DD)")
        values[name] = value or None
        if name == "date":
            values["year"] = value[:4] or None
    with library.lock():
        text, bib = _open(library, key)
        changed = bib.set_entry(key, bib.entries[key].entry_type, values)
        if changed:
            atomic_write(library.bib_path, bib.render())
    library._bib = None
    return {"key": key, "status": "updated" if changed else "unchanged", "fields": values}
