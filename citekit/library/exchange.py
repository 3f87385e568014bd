"""BibTeX in and out: `export` for a paper, `import` from Zotero or another library."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from citekit.errors import BibError, CitekitError, NothingFound, SourceError, UnknownKeyError
from citekit.library.bib import BibFile
from citekit.library.recording import split_list

if TYPE_CHECKING:
    from citekit.library.folder import Library


def export(
    library: Library,
    keys: list[str] | None = None,
    fmt: str = "bibtex",
    include_related: bool = True,
    keep_internal: bool = False,
) -> str:
    """BibTeX for a paper: the given entries and the works they cite, or every entry.

    citekit's own bookkeeping fields (citekit-*: hashes, local paths) stay out unless asked for,
    and `related` names only entries that are exported too, so biber has nothing to miss.
    """
    from bibtexparser.model import Entry

    from citekit.library.bib import render_entry

    bib = library.bib()
    if fmt != "bibtex":
        raise CitekitError(f"unknown export format {fmt!r} (known: bibtex)")
    if not bib.keys():
        raise NothingFound(f"{library.bib_path}: no entries to export")
    if keys:
        keys = list(dict.fromkeys(keys))
        missing = [k for k in keys if k not in bib]
        if missing:
            raise UnknownKeyError(f"no entry with key {missing[0]!r} in {library.bib_path}")
        if include_related:
            for key in list(keys):
                for other in split_list(bib.fields(key).get("related")):
                    if other in bib and other not in keys:
                        keys.append(other)
    else:
        keys = bib.keys()
    exported = set(keys)
    blocks = []
    for key in keys:
        entry = bib.entries[key]
        fields = []
        for f in entry.fields:
            name = f.key.lower()
            if name.startswith("citekit-") and not keep_internal:
                continue
            if name in ("related", "relatedtype"):
                kept = [k for k in split_list(bib.fields(key).get("related")) if k in exported]
                if not kept:
                    continue
                if name == "related":
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
            library.write_bib(new_text)
    library._bib = None
    return report
