"""The library folder: refs.bib, annotations/, sources/ and the disposable .citekit/ cache.

Files are the truth. Every write happens under one lock, re-reads what it changes inside the
lock, and replaces files atomically: snapshots first, annotations next, refs.bib last.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citekit import annotations as ann
from citekit import records
from citekit.analysis import Analysis, analyse, parse_date
from citekit.bib import BibFile
from citekit.errors import BibError, CitekitError, NothingFound, SourceError, UnknownKeyError
from citekit.fsutil import atomic_write, exclusive_lock
from citekit.ingest import Document, parse_bytes, read_document
from citekit.keys import make_key
from citekit.records import FigureChange
from citekit.works import display_organisation, work_identity

SUPPORTED_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf"})
# Metadata a user may give on `add`; given values win over what the document says.
META_FIELDS = ("title", "author", "date", "publisher", "url", "type")
_PARALLEL_THRESHOLD = 8


@dataclass
class AddResult:
    path: str
    key: str | None = None
    status: str = "added"  # added, updated, unchanged, failed
    figures: int = 0
    works: list[str] = field(default_factory=list)
    changes: list[FigureChange] = field(default_factory=list)
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "key": self.key,
            "status": self.status,
            "figures": self.figures,
            "works": self.works,
            "changes": [c.__dict__ for c in self.changes],
            "error": self.error,
        }


@dataclass
class _Lookup:
    """What recording needs to find fast in refs.bib: sources by hash and origin, works by
    identity. Built once per batch and kept current as entries are written."""

    by_sha: dict[str, str] = field(default_factory=dict)
    by_origin: dict[str, str] = field(default_factory=dict)
    by_identity: dict[str | None, str] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, bib: BibFile) -> _Lookup:
        lookup = cls()
        for key in bib.keys():
            lookup.note(key, bib.fields(key))
        return lookup

    def note(self, key: str, fields: dict[str, Any]) -> None:
        self.taken.add(key)
        if fields.get("citekit-sha256"):
            self.by_sha.setdefault(fields["citekit-sha256"], key)
        if fields.get("citekit-origin"):
            self.by_origin.setdefault(fields["citekit-origin"], key)
        if fields.get("citekit-identity"):
            self.by_identity.setdefault(fields["citekit-identity"], key)


def is_url(value: object) -> bool:
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def fetch_url(url: str, timeout: float = 30.0) -> Document:
    """A web page read over the network (when online): its HTML becomes the original."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "citekit (+provenance)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data = response.read()
            final = response.geturl()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SourceError(f"{url}: cannot fetch ({reason})") from None
    doc = parse_bytes(data, ".html", url)
    doc.metadata.setdefault("url", final or url)
    if doc.original is None:
        doc.original = data
        doc.original_suffix = ".html"
    return doc


def _analyse_path(path: str) -> Analysis | SourceError:
    try:
        doc = fetch_url(path) if is_url(path) else read_document(Path(path))
        return analyse(doc)
    except SourceError as exc:
        return exc


def expand_paths(paths: Iterable[Path | str]) -> list[Any]:
    """Files (and URLs) as given; folders expanded to their supported files, sorted."""
    out: list[Any] = []
    for path in paths:
        if is_url(path):
            out.append(path)
            continue
        path = Path(path)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise SourceError(f"{path}: folder holds no .txt, .md, .html or .pdf files")
            out.extend(found)
        else:
            out.append(path)
    return out


class Library:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._bib: BibFile | None = None
        self._bib_stamp: tuple[int, int] | None = None

    # -- paths -----------------------------------------------------------------------------

    @property
    def bib_path(self) -> Path:
        return self.root / "refs.bib"

    @property
    def annotations_dir(self) -> Path:
        return self.root / "annotations"

    @property
    def sources_dir(self) -> Path:
        return self.root / "sources"

    @property
    def state_dir(self) -> Path:
        return self.root / ".citekit"

    def annotations_path(self, key: str) -> Path:
        return self.annotations_dir / f"{key}.jsonl"

    def lock(self):  # noqa: ANN201 - a context manager
        return exclusive_lock(self.state_dir / "lock")

    # -- reading ---------------------------------------------------------------------------

    def bib(self) -> BibFile:
        """The parsed refs.bib, re-read when the file changed."""
        try:
            st = self.bib_path.stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            stamp = None
        if self._bib is None or stamp != self._bib_stamp:
            self._bib = BibFile.parse(self._read_bib_text() if stamp else "")
            self._bib_stamp = stamp
        return self._bib

    def keys(self) -> list[str]:
        return self.bib().keys()

    def entry(self, key: str) -> dict[str, str]:
        bib = self.bib()
        if key not in bib:
            raise UnknownKeyError(f"no entry with key {key!r} in {self.bib_path}")
        return bib.fields(key)

    def annotations(self, key: str) -> list[dict[str, Any]]:
        return ann.read(self.annotations_path(key))

    def annotated_keys(self) -> list[str]:
        if not self.annotations_dir.is_dir():
            return []
        return sorted(p.stem for p in self.annotations_dir.glob("*.jsonl"))

    def snapshot_path(self, key: str) -> Path:
        fields = self.entry(key)
        if not fields.get("file"):
            raise CitekitError(f"entry {key!r} has no snapshot (file field)")
        return self.root / fields["file"]

    def snapshot_text(self, key: str) -> str:
        path = self.snapshot_path(key)
        if not path.exists():
            raise CitekitError(f"snapshot of {key!r} is missing: {path}")
        return path.read_text(encoding="utf-8")

    def figures(
        self, keys: Iterable[str] | None = None, all_kinds: bool = False
    ) -> list[dict[str, Any]]:
        """Figure records (DESIGN's JSON shape) of the given sources, or of every source."""
        if keys is None:
            wanted = self.annotated_keys()
        else:
            wanted = list(keys)
            bib = self.bib()
            for key in wanted:
                if key not in bib:
                    raise UnknownKeyError(f"no entry with key {key!r} in {self.bib_path}")
        out: list[dict[str, Any]] = []
        for key in wanted:
            out.extend(records.figure_records(key, self.annotations(key), all_kinds=all_kinds))
        return out

    def work_info(self, key: str) -> dict[str, Any] | None:
        """Title, organisation and year of an entry, for attribution chains."""
        bib = self.bib()
        if key not in bib:
            return None
        f = bib.fields(key)
        return {
            "key": key,
            "title": f.get("title"),
            "organisation": f.get("institution") or f.get("organization") or f.get("publisher"),
            "year": f.get("year"),
            "year_inferred": f.get("citekit-year-inferred") == "true",
            "type": f.get("ENTRYTYPE"),
        }

    def source_info(self, key: str) -> dict[str, Any]:
        f = self.entry(key)
        return {
            "key": key,
            "title": f.get("title"),
            "date": f.get("date") or f.get("year"),
            "author": f.get("author"),
            "publisher": f.get("journal") or f.get("publisher") or f.get("howpublished"),
            "url": f.get("url"),
        }

    # -- recording -------------------------------------------------------------------------

    def add(
        self,
        paths: list[Path],
        *,
        key: str | None = None,
        meta: dict[str, str | None] | None = None,
        jobs: int | None = None,
        progress: Callable[[int, int, str], None] | None = None,
    ) -> list[AddResult]:
        """Record sources. One bad file is reported in its result; the others are recorded."""
        if key is not None and len(paths) != 1:
            raise CitekitError("--key names one source: give exactly one path")
        meta = {k: v for k, v in (meta or {}).items() if v}
        files = expand_paths(paths)
        if key is not None and len(files) != 1:
            raise CitekitError("--key names one source: give exactly one file")
        self._check_bib_writable()
        unchanged = {} if meta or key else self._unchanged(files)
        todo = [p for p in files if p not in unchanged]
        analysed = dict(zip(todo, self._analyse_all(todo, jobs, progress), strict=True))
        results: list[AddResult] = []
        with self.lock():
            bib = BibFile.parse(self._read_bib_text())
            lookup = _Lookup.of(bib)
            for path in files:
                if path in unchanged:
                    results.append(unchanged[path])
                    continue
                analysis = analysed[path]
                if isinstance(analysis, SourceError):
                    results.append(AddResult(str(path), status="failed", error=str(analysis)))
                    continue
                results.append(self._record(bib, lookup, path, analysis, key, meta))
            if bib.dirty:
                atomic_write(self.bib_path, bib.render())
        self._bib = None
        return results

    def _unchanged(self, files: list[Path]) -> dict[Path, AddResult]:
        """Files whose bytes are already recorded, found by hash before any analysis."""
        lookup = _Lookup.of(self.bib())
        if not lookup.by_sha:
            return {}
        out: dict[Path, AddResult] = {}
        for path in files:
            if is_url(path):
                continue
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                continue
            key = lookup.by_sha.get(digest)
            if key is not None and self.annotations_path(key).exists():
                count = _count_figures(self.annotations(key))
                out[path] = AddResult(str(path), key, "unchanged", figures=count)
        return out

    def _check_bib_writable(self) -> None:
        bib = self.bib()
        if bib.failed:
            first = bib.failed[0]
            raise BibError(
                f"{self.bib_path}:{first.line}: cannot parse entry ({first.error}); "
                "fix it before recording (nothing was changed)"
            )

    def _read_bib_text(self) -> str:
        if not self.bib_path.exists():
            return ""
        try:
            return self.bib_path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise BibError(f"{self.bib_path}: not UTF-8 text") from None

    def _analyse_all(
        self,
        files: list[Path],
        jobs: int | None,
        progress: Callable[[int, int, str], None] | None,
    ) -> list[Analysis | SourceError]:
        total = len(files)
        workers = jobs or os.cpu_count() or 1
        out: list[Analysis | SourceError] = []
        if total < _PARALLEL_THRESHOLD or workers == 1:
            for i, path in enumerate(files, 1):
                out.append(_analyse_path(str(path)))
                if progress:
                    progress(i, total, str(path))
            return out
        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = max(1, min(32, total // (workers * 4)))
            for i, result in enumerate(
                pool.map(_analyse_path, map(str, files), chunksize=chunk), 1
            ):
                out.append(result)
                if progress:
                    progress(i, total, str(files[i - 1]))
        return out

    def _origin(self, path: Path | str) -> str:
        if is_url(path):
            return str(path)
        resolved = Path(path).resolve()
        try:
            return resolved.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(resolved)

    def _find_existing(self, lookup: _Lookup, origin: str, sha: str) -> tuple[str | None, bool]:
        """(key of the entry recording this source, whether its content is unchanged)."""
        if sha in lookup.by_sha:
            return lookup.by_sha[sha], True
        return lookup.by_origin.get(origin), False

    def _record(
        self,
        bib: BibFile,
        lookup: _Lookup,
        path: Path,
        analysis: Analysis,
        key: str | None,
        meta: dict[str, str | None],
    ) -> AddResult:
        doc = analysis.doc
        origin = self._origin(path)
        sha = doc.sha256
        existing, same = self._find_existing(lookup, origin, sha)
        if key is not None and existing is not None and existing != key:
            if same:
                raise CitekitError(
                    f"{path}: already recorded as {existing!r}; "
                    f"rename that entry by hand to re-key it"
                )
            existing = None
        key = key or existing
        if same and key is not None and not meta and self.annotations_path(key).exists():
            return AddResult(
                str(path), key, "unchanged", figures=_count_figures(self.annotations(key))
            )
        current = bib.fields(key) if key is not None and key in bib else {}
        fields = self._source_fields(doc, meta, current)
        in_force = {**current, **{k: v for k, v in fields.items() if v}}
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
        work_keys = self._record_works(bib, lookup, key, analysis)
        fields.update(self._snapshot(key, path, doc, origin))
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
        changes = self._write_annotations(key, analysis, work_keys)
        return AddResult(
            str(path),
            key,
            status,
            figures=sum(1 for f in analysis.figures if f.is_figure),
            works=work_keys,
            changes=changes if status == "updated" else [],
        )

    def _source_fields(
        self, doc: Document, meta: dict[str, str | None], current: dict[str, str] | None
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

    def _snapshot(self, key: str, path: Path, doc: Document, origin: str) -> dict[str, str | None]:
        """Write the snapshot (and the original, for HTML/PDF) and name them in the entry."""
        inside = not Path(origin).is_absolute() and not is_url(origin)
        fields: dict[str, str | None] = {}
        if doc.original is None and inside and _reads_as(path, doc.text):
            fields["file"] = origin
            return fields
        text_path = self.sources_dir / f"{key}.txt"
        atomic_write(text_path, doc.text)
        fields["file"] = text_path.relative_to(self.root).as_posix()
        if doc.original is not None:
            if inside:
                fields["citekit-original"] = origin
            else:
                original = self.sources_dir / f"{key}{doc.original_suffix}"
                atomic_write(original, doc.original)
                fields["citekit-original"] = original.relative_to(self.root).as_posix()
        return fields

    def _record_works(
        self, bib: BibFile, lookup: _Lookup, source_key: str, analysis: Analysis
    ) -> list[str]:
        """One entry per cited work, shared by every source citing it; returns their keys."""
        keys: list[str] = []
        by_identity = lookup.by_identity
        for work in analysis.works:
            identity = work_identity(work)
            key = by_identity.get(identity) or _same_title(by_identity, identity)
            if key is None:
                key = make_key(
                    title=work.title,
                    year=work.year,
                    organisation=work.organisation,
                    taken=lookup.taken,
                )
                by_identity[identity] = key
                lookup.taken.add(key)
            current = bib.fields(key) if key in bib else {}
            cited_by = _split_list(current.get("citekit-cited-by"))
            if source_key not in cited_by:
                cited_by.append(source_key)
            values: dict[str, str | None] = {
                "citekit-identity": identity,
                "citekit-cited-by": ",".join(cited_by),
                "related": ",".join(_merge(_split_list(current.get("related")), cited_by)),
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

    def _write_annotations(
        self, key: str, analysis: Analysis, work_keys: list[str]
    ) -> list[FigureChange]:
        path = self.annotations_path(key)
        old = ann.read(path)
        new, changes = records.build_annotations(key, analysis, work_keys, old)
        if ann.dumps(new) != ann.dumps(old) or not path.exists():
            ann.write(path, new)
        return changes


def _reads_as(path: Path, text: str) -> bool:
    """True when the file on disk is, character for character, the snapshot text."""
    try:
        return path.read_text(encoding="utf-8-sig") == text
    except (OSError, UnicodeDecodeError):
        return False


def derive_title(doc: Document) -> str:
    """The lead sentence, trimmed at a word boundary: a readable stand-in for a missing title."""
    from citekit.segment import sentences

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


def _same_title(by_identity: dict[str | None, str], identity: str) -> str | None:
    """A recorded work with the same title where one side does not know the organisation."""
    title, _, org = identity.partition("|")
    found = {
        key
        for known, key in by_identity.items()
        if known and known.partition("|")[0] == title and (not org or not known.partition("|")[2])
    }
    return found.pop() if len(found) == 1 else None


def _split_list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _merge(a: list[str], b: list[str]) -> list[str]:
    return a + [x for x in b if x not in a]


def _count_figures(annotations: list[dict[str, Any]]) -> int:
    return sum(
        1
        for a in annotations
        if a.get("motivation") == "identifying" and records.is_figure_annotation(a)
    )


# -- queries over the whole library (kept here so the CLI calls one function each) ----------


def trace(library: Library, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Ranked figures matching a query, each with its source and attribution chain."""
    from citekit import trace as tracing

    if not text.strip():
        raise CitekitError("empty query: give a number (2846, 2,846) or words (nurses Wales)")
    query = tracing.parse_query(text)
    records_ = library.figures()
    context: dict[str, str] = {}
    bib = library.bib()
    for key in bib.keys():
        f = bib.fields(key)
        context[key] = " ".join(
            f.get(name, "") for name in ("title", "author", "institution", "publisher")
        )
    # A note on a whole source makes its figures findable by the reader's own words.
    from citekit.notes import source_note_text

    for key in library.annotated_keys():
        context[key] = f"{context.get(key, '')} {source_note_text(library.annotations(key))}"
    hits = []
    for score, record in tracing.rank(query, records_, context)[:limit]:
        hits.append({**record, "score": round(score, 3), **chain(library, record)})
    if not hits:
        raise NothingFound(f"nothing recorded matches {text!r}")
    return hits


def chain(library: Library, record: dict[str, Any]) -> dict[str, Any]:
    """figure -> source (entry) -> cited work or party."""
    key = record["source"]
    source = library.source_info(key) if key in library.bib() else {"key": key}
    attributed = record.get("attributed_to")
    work = (
        library.work_info(attributed) if attributed and not record.get("attributed_party") else None
    )
    return {
        "source_entry": source,
        "cited_work": work,
        "party": record.get("attributed_party"),
    }


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

    from citekit.bib import render_entry

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
                for other in _split_list(bib.fields(key).get("related")):
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
                kept = [k for k in _split_list(bib.fields(key).get("related")) if k in exported]
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
            atomic_write(library.bib_path, new_text)
    library._bib = None
    return report
