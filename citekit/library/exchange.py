"""Bibliographies in and out: `export` for a paper (BibTeX, BibLaTeX, CSL-JSON, RIS) and
`import` from Zotero, EndNote or another library.

Exports go through `formats.record.Reference`, which leaves citekit's bookkeeping (citekit-*
fields, the 'Cites:'/'Cited by' notes) behind; `--keep-internal` gives refs.bib's own entries
instead, for moving a library.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from citekit.errors import BibError, CitekitError, NothingFound, SourceError, UnknownKeyError
from citekit.library.bib import BibFile, render_entry
from citekit.library.formats import bibtex, csl, ris
from citekit.library.formats.record import Reference, from_fields
from citekit.library.fsutil import atomic_write
from citekit.library.recording import split_list

if TYPE_CHECKING:
    from citekit.library.bib import BibFile
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
def import_bib(library: Library, path: Path) -> list[dict[str, str]]:
    """Merge the entries of a .bib file (Zotero, another library) into refs.bib.

    Entries whose key is taken are skipped and reported, never overwritten; the file must parse
    cleanly, else nothing is imported.
    """
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    try:
        incoming = BibFile.parse(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise SourceError(f"{path}: not UTF-8 text") from None
    if incoming.failed:
        first = incoming.failed[0]
        raise BibError(f"{path}:{first.line}: cannot parse entry ({first.error}); nothing imported")
    if not incoming.entries:
        raise SourceError(f"{path}: no BibTeX entries")
    library._check_bib_writable()
    report: list[dict[str, str]] = []
    with library.lock():
        text = library._read_bib_text()
        bib = BibFile.parse(text)
        additions: list[str] = []
        for name, value in incoming.strings.items():
            if name not in bib.strings:
                additions.append(f"@string{{{name} = {{{value}}}}}\n")
        for key in incoming.entries:
            if key in bib:
                report.append({"key": key, "status": "skipped", "reason": "key exists"})
                continue
            slot = incoming._slots[key]
            additions.append(incoming.text[slot.start : slot.end] + "\n")
            report.append({"key": key, "status": "imported"})
        if additions:
            if text and not text.endswith("\n"):
                text += "\n"
            new_text = text + ("\n" if text.strip() else "") + "\n".join(additions)
            atomic_write(library.bib_path, new_text)
    library._bib = None
    return report
