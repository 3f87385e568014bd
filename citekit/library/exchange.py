"""Bibliographies in and out: `export` for a paper (BibTeX, BibLaTeX, CSL-JSON, RIS) and
`import` from Zotero, EndNote or another library.

Exports go through `formats.record.Reference`, which leaves citekit's bookkeeping (citekit-*
fields, the 'Cites:'/'Cited by' notes) behind; `--keep-internal` gives refs.bib's own entries
instead, for moving a library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from citekit.errors import BibError, CitekitError, NothingFound, SourceError, UnknownKeyError
from citekit.library.bib import BibFile, render_entry
from citekit.library.formats import bibtex, csl, ris
from citekit.library.formats.record import Reference, from_fields, to_fields
from citekit.library.keys import InvalidKeyError, make_key, validate_key
from citekit.library.recording import split_list

if TYPE_CHECKING:
    from citekit.library.folder import Library

FORMATS = ("bibtex", "biblatex", "csl-json", "ris")


def export(
    library: Library,
    keys: list[str] | None = None,
    fmt: str = "bibtex",
    include_related: bool = True,
    keep_internal: bool = False,
) -> str:
    """The given entries and the works they cite (or every entry) in one format."""
    if fmt not in FORMATS:
        raise CitekitError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    bib = library.bib()
    if not bib.keys():
        raise NothingFound(f"{library.bib_path}: no entries to export")
    keys = _chosen(library, bib, keys, include_related)
    if keep_internal:
        return _internal(bib, keys)
    refs = [references(bib, key) for key in keys]
    exported = set(keys)
    if fmt == "bibtex":
        return "\n".join(bibtex.bibtex_entry(r) for r in refs)
    if fmt == "biblatex":
        return "\n".join(bibtex.biblatex_entry(r, exported) for r in refs)
    if fmt == "csl-json":
        return csl.dumps(refs)
    return ris.dumps(refs)


def references(bib: BibFile, key: str) -> Reference:
    return from_fields(key, bib.fields(key), bib.names(key))


def _chosen(
    library: Library, bib: BibFile, keys: list[str] | None, include_related: bool
) -> list[str]:
    if not keys:
        return bib.keys()
    keys = list(dict.fromkeys(keys))
    missing = [k for k in keys if k not in bib]
    if missing:
        raise UnknownKeyError(f"no entry with key {missing[0]!r} in {library.bib_path}")
    if include_related:
        for key in list(keys):
            for other in split_list(bib.fields(key).get("related")):
                if other in bib and other not in keys:
                    keys.append(other)
    return keys


def _internal(bib: BibFile, keys: list[str]) -> str:
    """refs.bib's own entries, every field kept; `related` names only exported entries."""
    from bibtexparser.model import Entry

    exported = set(keys)
    blocks = []
    for key in keys:
        entry = bib.entries[key]
        fields = []
        for f in entry.fields:
            if f.key.lower() in ("related", "relatedtype"):
                kept = [k for k in split_list(bib.fields(key).get("related")) if k in exported]
                if not kept:
                    continue
                if f.key.lower() == "related":
                    f = type(f)(f.key, "{" + ",".join(kept) + "}")
            fields.append(f)
        blocks.append(render_entry(Entry(entry.entry_type, key, fields)))
    strings = "".join(f"@string{{{name} = {{{value}}}}}\n" for name, value in bib.strings.items())
    return (strings + "\n" if strings else "") + "\n".join(blocks)


IMPORT_FORMATS = ("bibtex", "csl-json", "ris")
_SUFFIXES = {".bib": "bibtex", ".biblatex": "bibtex", ".json": "csl-json", ".ris": "ris"}


@dataclass
class _Incoming:
    key: str
    entry_type: str
    fields: dict[str, str]
    raw: str | None = None  # the entry as a .bib file wrote it, copied as it stands


def import_file(library: Library, path: Path, fmt: str | None = None) -> list[dict[str, str]]:
    """Merge a bibliography (BibTeX/BibLaTeX, CSL-JSON, RIS) into refs.bib.

    A taken key for a different work is imported under a new key; the same work (DOI, URL, or
    title and year) is merged into the entry already there (only fields it lacks are filled)
    and never duplicated. The file must read cleanly, else nothing is imported.
    """
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    fmt = fmt or _SUFFIXES.get(path.suffix.lower(), "bibtex")
    if fmt not in IMPORT_FORMATS:
        raise CitekitError(f"unknown import format {fmt!r} (known: {', '.join(IMPORT_FORMATS)})")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(f"{path}: not UTF-8 text") from None
    strings, incoming = _read_incoming(path, text, fmt)
    library._check_bib_writable()
    with library.lock():
        current = library._read_bib_text()
        bib = BibFile.parse(current)
        report, raw = _merge(bib, incoming)
        additions = [
            f"@string{{{n} = {{{v}}}}}\n" for n, v in strings.items() if n not in bib.strings
        ]
        new_text = bib.render() if bib.dirty else current
        if additions or raw:
            if new_text and not new_text.endswith("\n"):
                new_text += "\n"
            new_text += ("\n" if new_text.strip() else "") + "\n".join(additions + raw)
        if new_text != current:
            library.write_bib(new_text)
    library._bib = None
    return report


def _read_incoming(path: Path, text: str, fmt: str) -> tuple[dict[str, str], list[_Incoming]]:
    if fmt == "bibtex":
        parsed = BibFile.parse(text)
        if parsed.failed:
            first = parsed.failed[0]
            raise BibError(
                f"{path}:{first.line}: cannot parse entry ({first.error}); nothing imported"
            )
        out = []
        for key in parsed.entries:
            slot = parsed._slots[key]
            fields = parsed.fields(key)
            out.append(_Incoming(key, fields["ENTRYTYPE"], fields, text[slot.start : slot.end]))
        strings = parsed.strings
    else:
        try:
            items = csl.loads(text) if fmt == "csl-json" else ris.loads(text)
        except (ValueError, TypeError, KeyError) as exc:
            raise BibError(f"{path}: cannot read {fmt} ({exc}); nothing imported") from None
        reader = csl.from_csl if fmt == "csl-json" else ris.from_ris
        out = []
        for number, item in enumerate(items, 1):
            ref = reader(item, f"imported{number}")
            entry_type, fields = to_fields(ref)
            out.append(_Incoming(ref.key, entry_type, fields))
        strings = {}
    if not out:
        raise SourceError(f"{path}: no entries")
    return strings, out


def _identities(fields: dict[str, str]) -> set[str]:
    ids = set()
    if fields.get("doi"):
        ids.add("doi:" + fields["doi"].lower().removeprefix("https://doi.org/"))
    if fields.get("url"):
        url = re.sub(r"^https?://(www\.)?", "", fields["url"].strip().lower()).rstrip("/")
        ids.add("url:" + url)
    title = " ".join(re.findall(r"\w+", fields.get("title", "").lower()))
    year = (fields.get("date") or fields.get("year") or "")[:4]
    if title:  # an undated work is the same as another undated one of its title
        ids.add(f"title:{title}|{year}")
    return ids


def _merge(bib: BibFile, incoming: list[_Incoming]) -> tuple[list[dict[str, str]], list[str]]:
    by_identity: dict[str, str] = {}
    for key in bib.keys():
        for identity in _identities(bib.fields(key)):
            by_identity.setdefault(identity, key)
    taken = set(bib.keys())
    report: list[dict[str, str]] = []
    raw: list[str] = []
    for item in incoming:
        same = next(
            (by_identity[i] for i in sorted(_identities(item.fields)) if i in by_identity), None
        )
        if same is not None:
            report.append(_fill(bib, same, item))
            continue
        key, row = item.key, {"key": item.key, "status": "imported"}
        reason = f"key {item.key!r} is taken by another work"
        try:
            validate_key(key)
        except InvalidKeyError as exc:
            key, reason = "", str(exc)
        if key in taken or not key:
            key = make_key(title=item.fields.get("title"), year=(item.fields.get("date") or
                           item.fields.get("year") or "")[:4] or None,
                           author=item.fields.get("author"), taken=taken)  # fmt: skip
            row = {"key": key, "status": "imported", "from": item.key,
                   "reason": reason}  # fmt: skip
        taken.add(key)
        for identity in _identities(item.fields):
            by_identity.setdefault(identity, key)
        if item.raw is not None:
            raw.append(_rekeyed(item.raw, item.key, key) + "\n")
        else:
            bib.set_entry(key, item.entry_type, dict(item.fields))
        report.append(row)
    return report, raw


def _fill(bib: BibFile, key: str, item: _Incoming) -> dict[str, str]:
    """The same work already recorded: only the fields it lacks are taken."""
    have = bib.fields(key) if key in bib else {}
    if have.get("date"):
        have.setdefault("year", have["date"][:4])
    values: dict[str, str | None] = {
        k: v
        for k, v in item.fields.items()
        if k not in ("ENTRYTYPE", "ID") and not k.startswith("citekit-") and not have.get(k)
    }
    if key in bib and values:
        bib.set_entry(key, bib.entries[key].entry_type, values)
        return {"key": key, "status": "merged", "from": item.key, "fields": ",".join(values)}
    return {"key": key, "status": "duplicate", "from": item.key}


def _rekeyed(raw: str, old: str, new: str) -> str:
    if old == new:
        return raw
    return re.sub(
        r"^(\s*@\w+\s*[{(]\s*)" + re.escape(old), lambda m: m.group(1) + new, raw, count=1
    )


def import_bib(library: Library, path: Path) -> list[dict[str, str]]:
    """BibTeX import (kept for callers of the library API)."""
    return import_file(library, path, "bibtex")
