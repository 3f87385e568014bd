"""Recording one analysed source into the library: its entry, its cited works, its snapshot and
its annotations.

Called by `Library.add` under the library lock, with refs.bib parsed once for the whole batch;
`Lookup` keeps what a batch must find fast in refs.bib current as entries are written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citekit.cites.analysis import Analysis
from citekit.cites.works import display_organisation, work_identity
from citekit.errors import CitekitError
from citekit.library import annotations as ann
from citekit.library import records
from citekit.library.bib import BibFile
from citekit.library.fsutil import atomic_write
from citekit.library.journal import Transaction
from citekit.library.keys import make_key
from citekit.library.layout import Layout
from citekit.library.records import FigureChange
from citekit.read.fetch import is_url
from citekit.read.ingest import Document, parse_date


@dataclass
class AddResult:
    path: str
    key: str | None = None
    status: str = "added"  # added, updated, unchanged, failed
    figures: int = 0
    works: list[str] = field(default_factory=list)
    changes: list[FigureChange] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)  # what reading had to guess or miss

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "key": self.key,
            "status": self.status,
            "figures": self.figures,
            "works": self.works,
            "changes": [c.__dict__ for c in self.changes],
            "error": self.error,
            "warnings": self.warnings,
        }


@dataclass
class Lookup:
    """What recording needs to find fast in refs.bib: sources by hash and origin, works by
    identity. Built once per batch and kept current as entries are written."""

    by_sha: dict[str, str] = field(default_factory=dict)
    by_origin: dict[str, str] = field(default_factory=dict)
    by_identity: dict[str | None, str] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)
    # Keys of files in annotations/ and sources/ that refs.bib does not name: a new source
    # must not take them, or it would inherit another source's notes.
    files: set[str] = field(default_factory=set)
    # Identities by their title part, so that finding a work by title costs the same however
    # many works the library holds.
    by_title: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, bib: BibFile, layout: Layout | None = None) -> Lookup:
        from citekit.library.bibsplice import SplicedBib

        lookup = cls()
        if isinstance(bib, SplicedBib):  # from the index, no entry decoded
            for key, sha, origin, identity in bib.lookup_rows():
                lookup.note(
                    key,
                    {"citekit-sha256": sha, "citekit-origin": origin, "citekit-identity": identity},
                )
            for key in bib.keys():  # entries set since it was read
                if key in bib._changed:
                    lookup.note(key, bib.fields(key))
        else:
            for key in bib.keys():
                lookup.note(key, bib.fields(key))
        if layout is not None:
            lookup.files = file_keys(layout) - lookup.taken
            lookup.taken |= lookup.files
        return lookup

    def note(self, key: str, fields: dict[str, Any]) -> None:
        self.taken.add(key)
        if fields.get("citekit-sha256"):
            self.by_sha.setdefault(fields["citekit-sha256"], key)
        if fields.get("citekit-origin"):
            self.by_origin.setdefault(fields["citekit-origin"], key)
        if fields.get("citekit-identity"):
            self.add_identity(fields["citekit-identity"], key)

    def add_identity(self, identity: str, key: str) -> None:
        self.by_identity.setdefault(identity, key)
        titled = self.by_title.setdefault(identity.partition("|")[0], {})
        titled.setdefault(identity, self.by_identity[identity])


def file_keys(layout: Layout) -> set[str]:
    """The keys the files in annotations/ and sources/ are named for."""
    keys: set[str] = set()
    for folder, suffix in ((layout.annotations_dir, ".jsonl"), (layout.sources_dir, None)):
        try:
            entries = list(os.scandir(folder))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if suffix is None:
                keys.add(name.rsplit(".", 1)[0] if "." in name else name)
            elif name.endswith(suffix):
                keys.add(name[: -len(suffix)])
    return keys


def stage(layout: Layout, txn: Transaction | None, path: Path, data: str | bytes) -> None:
    """Write one of the library's files (checked to lie inside it): into the transaction when
    there is one, else atomically on its own."""
    layout.inside(path)
    if txn is None:
        atomic_write(path, data)
    else:
        txn.stage(path, data)


def origin_of(library: Layout, path: Path | str) -> str:
    if is_url(path):
        return str(path)
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(library.root.resolve()).as_posix()
    except ValueError:
        return str(resolved)


def find_existing(lookup: Lookup, origin: str, sha: str) -> tuple[str | None, bool]:
    """(key of the entry recording this source, whether its content is unchanged)."""
    if sha in lookup.by_sha:
        return lookup.by_sha[sha], True
    return lookup.by_origin.get(origin), False


def record_source(
    library: Layout,
    bib: BibFile,
    lookup: Lookup,
    path: Path,
    analysis: Analysis,
    key: str | None,
    meta: dict[str, str | None],
    txn: Transaction | None = None,
) -> AddResult:
    doc = analysis.doc
    origin = origin_of(library, path)
    sha = doc.sha256
    existing, same = find_existing(lookup, origin, sha)
    if key is not None and existing is not None and existing != key:
        if same:
            raise CitekitError(
                f"{path}: already recorded as {existing!r}; rename that entry by hand to re-key it"
            )
        existing = None
    if key is not None and key not in bib and key in lookup.files:
        raise CitekitError(
            f"key {key!r} is taken by files in annotations/ or sources/ that refs.bib does not "
            "name (perhaps a deleted entry's notes): move them away or choose another key"
        )
    key = key or existing
    if same and key is not None and not meta and library.annotations_path(key).exists():
        return AddResult(
            str(path),
            key,
            "unchanged",
            figures=count_figures(ann.read(library.annotations_path(key))),
        )
    current = bib.fields(key) if key is not None and key in bib else {}
    fields = source_fields(doc, meta, current)
    in_force = {**current, **{k: v for k, v in fields.items() if v}}
    if in_force.get("url") and not current.get("urldate"):
        fields["urldate"] = accessed_on(path)  # when the page was read: biblatex's urldate
    if key is None:
        key = make_key(
            title=in_force.get("title"),
            year=(in_force.get("date") or "")[:4] or None,
            author=in_force.get("author"),
            organisation=None,
            taken=lookup.taken,
        )
    status = "updated" if key in bib else "added"
    lookup.taken.add(key)
    work_keys = record_works(bib, lookup, key, analysis)
    fields.update(write_snapshot(library, key, path, doc, origin, txn))
    fields["citekit-sha256"] = sha
    fields["citekit-origin"] = origin
    if work_keys:
        fields["related"] = ",".join(work_keys)
        fields["note"] = _cites_note(bib, work_keys)
    entry_type = meta.get("type") or (
        bib.entries[key].entry_type if key in bib else _default_type(doc, in_force)
    )
    bib.set_entry(key, str(entry_type), fields)
    lookup.note(key, bib.fields(key))
    changes = write_annotations(library, key, analysis, work_keys, txn)
    return AddResult(
        str(path),
        key,
        status,
        figures=sum(1 for f in analysis.figures if f.is_figure),
        works=work_keys,
        changes=changes if status == "updated" else [],
        warnings=list(doc.warnings),
    )


def source_fields(
    doc: Document, meta: dict[str, str | None], current: dict[str, str] | None
) -> dict[str, str | None]:
    """Fields to write: given values win; a value already in refs.bib (perhaps hand-edited)
    is left alone; otherwise the document's metadata fills in."""
    current = current or {}
    md = doc.metadata
    candidates = {
        "title": [md.get("title")],
        "author": [md.get("author")],
        "date": [md.get("date")],
        "url": [md.get("url")],
        "publisher": [md.get("publisher"), md.get("sitename")],
        "language": [md.get("language")],
    }
    values: dict[str, str | None] = {}
    for name, found in candidates.items():
        if meta.get(name):
            values[name] = str(meta[name])
        elif not current.get(name):
            value = next((v for v in found if v), None)
            if value:
                values[name] = " and ".join(value) if isinstance(value, list) else str(value)
    if not values.get("title") and not current.get("title"):
        values["title"] = derive_title(doc)
        values["citekit-title"] = "derived"
    elif meta.get("title"):
        values["citekit-title"] = None
    if values.get("date") and parse_date(values["date"]):
        values["year"] = str(values["date"])[:4]
    return values


def write_snapshot(
    library: Layout,
    key: str,
    path: Path,
    doc: Document,
    origin: str,
    txn: Transaction | None = None,
) -> dict[str, str | None]:
    """Write the snapshot (and the original, for HTML/PDF) and name them in the entry."""
    inside = not Path(origin).is_absolute() and not is_url(origin)
    fields: dict[str, str | None] = {}
    if doc.original is None and inside and _reads_as(path, doc.text):
        fields["file"] = origin
        return fields
    text_path = library.sources_dir / f"{key}.txt"
    stage(library, txn, text_path, doc.text)
    fields["file"] = text_path.relative_to(library.root).as_posix()
    if doc.original is not None:
        if inside:
            fields["citekit-original"] = origin
        else:
            original = library.sources_dir / f"{key}{doc.original_suffix}"
            stage(library, txn, original, doc.original)
            fields["citekit-original"] = original.relative_to(library.root).as_posix()
    return fields


def record_works(bib: BibFile, lookup: Lookup, source_key: str, analysis: Analysis) -> list[str]:
    """One entry per cited work, shared by every source citing it; returns their keys."""
    keys: list[str] = []
    for work in analysis.works:
        identity = work_identity(work)
        key = lookup.by_identity.get(identity) or _same_title(lookup, identity)
        if key is None:
            key = make_key(
                title=work.title,
                year=work.year,
                organisation=work.organisation,
                taken=lookup.taken,
            )
            lookup.add_identity(identity, key)
            lookup.taken.add(key)
        current = bib.fields(key) if key in bib else {}
        cited_by = split_list(current.get("citekit-cited-by"))
        if source_key not in cited_by:
            cited_by.append(source_key)
        values: dict[str, str | None] = {
            "citekit-identity": identity,
            "citekit-cited-by": ",".join(cited_by),
            "related": ",".join(_merge(split_list(current.get("related")), cited_by)),
        }
        organisation = (
            display_organisation(analysis.doc.text, work.organisation)
            if work.organisation
            else None
        )
        if not current:
            values["title"] = work.title
            if organisation:
                values["author"] = "{" + organisation + "}"
                values["institution"] = organisation
            if work.year:
                values["year"] = str(work.year)
            if work.year_inferred:
                values["citekit-year-inferred"] = "true"
            values["type"] = work.work_type.capitalize()
            values["note"] = _cited_by_note(cited_by, work.year_inferred)
        else:
            if current.get("note", "").startswith("Cited by "):
                values["note"] = _cited_by_note(
                    cited_by, current.get("citekit-year-inferred") == "true"
                )
            if organisation and not current.get("institution"):
                values["institution"] = organisation
        entry_type = bib.entries[key].entry_type if key in bib else _work_type(work.work_type)
        bib.set_entry(key, entry_type, values)
        if key not in keys:
            keys.append(key)
    return keys


def write_annotations(
    library: Layout,
    key: str,
    analysis: Analysis,
    work_keys: list[str],
    txn: Transaction | None = None,
) -> list[FigureChange]:
    path = library.annotations_path(key)
    old = ann.read(path)
    new, changes = records.build_annotations(key, analysis, work_keys, old)
    text = ann.dumps(new)
    if text != ann.dumps(old) or not path.exists():
        stage(library, txn, path, text)
    return changes


def accessed_on(path: Path | str) -> str:
    """The day a page was read: today for a web address, the day a saved file was saved."""
    import datetime as dt

    if not is_url(path):
        try:
            return dt.date.fromtimestamp(Path(path).stat().st_mtime).isoformat()
        except OSError:
            pass
    return dt.date.today().isoformat()


def _reads_as(path: Path, text: str) -> bool:
    """True when the file on disk is, character for character, the snapshot text."""
    try:
        return path.read_text(encoding="utf-8-sig") == text
    except (OSError, UnicodeDecodeError):
        return False


def derive_title(doc: Document) -> str:
    """The lead sentence, trimmed at a word boundary: a readable stand-in for a missing title."""
    from citekit.read.segment import sentences

    body = doc.body
    segs = sentences(body)
    lead = body[segs[0].start : segs[0].end] if segs else body.strip()
    lead = " ".join(lead.split()).rstrip(".")
    if len(lead) > 120:
        lead = lead[:120].rsplit(" ", 1)[0] + "…"
    return lead or "Untitled source"


def _default_type(doc: Document, fields: dict[str, str | None]) -> str:
    suggested = doc.metadata.get("type")
    if suggested:
        return str(suggested)
    if getattr(doc, "source_format", "") == "pdf":
        return "techreport"
    return "online" if fields.get("url") and doc.original_suffix == ".html" else "misc"


def _work_type(work_type: str) -> str:
    if work_type in {"report", "study", "survey", "paper", "index", "poll"}:
        return "techreport"
    if work_type in {"book", "article"}:
        return work_type
    return "misc"


def _cites_note(bib: BibFile, work_keys: list[str]) -> str:
    parts = []
    for key in work_keys:
        f = bib.fields(key)
        org = f.get("institution")
        parts.append(f"{f.get('title', key)}" + (f" ({org})" if org else "") + f" [{key}]")
    return "Cites: " + "; ".join(parts) + "."


def _cited_by_note(cited_by: list[str], year_inferred: bool) -> str:
    note = "Cited by " + ", ".join(cited_by)
    if year_inferred:
        note += "; year inferred as not later than the citing source's date"
    return note + "."


def _same_title(lookup: Lookup, identity: str) -> str | None:
    """A recorded work with the same title where one side does not know the organisation."""
    title, _, org = identity.partition("|")
    found = {
        key
        for known, key in lookup.by_title.get(title, {}).items()
        if known and known.partition("|")[0] == title and (not org or not known.partition("|")[2])
    }
    return found.pop() if len(found) == 1 else None


def split_list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _merge(a: list[str], b: list[str]) -> list[str]:
    seen = set(a)
    return a + [x for x in b if x not in seen]


def count_figures(annotations: list[dict[str, Any]]) -> int:
    return sum(
        1
        for a in annotations
        if a.get("motivation") == "identifying" and records.is_figure_annotation(a)
    )
