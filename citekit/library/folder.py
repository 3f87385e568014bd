"""The library folder: refs.bib, annotations/, sources/ and the disposable .citekit/ cache.

Files are the truth. Every write happens under one lock, re-reads what it changes inside the
lock, and replaces files atomically: snapshots first, annotations next, refs.bib last. What one
source's recording writes is `recording`'s; this module owns the folder, its reads and the batch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citekit.errors import BibError, CitekitError, SourceError, UnknownKeyError
from citekit.library import annotations as ann
from citekit.library import entryinfo
from citekit.library.layout import Layout

# Reading, analysis, recording and refs.bib parsing are imported where they run: a command that
# needs none of them (`--version`, `trace` through the index) starts without them.
if TYPE_CHECKING:
    from citekit.library.bib import BibFile
    from citekit.library.recording import AddResult

SUPPORTED_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf"})
# Metadata a user may give on `add`; given values win over what the document says.
META_FIELDS = ("title", "author", "date", "publisher", "url", "type")


def expand_paths(paths: Iterable[Path | str]) -> list[Any]:
    """Files (and URLs) as given; folders expanded to their supported files, sorted."""
    from citekit.read.fetch import is_url

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


class Library(Layout):
    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self._bib: BibFile | None = None
        self._bib_stamp: tuple[int, int] | None = None

    # -- reading ---------------------------------------------------------------------------

    def bib(self) -> BibFile:
        """The parsed refs.bib, re-read when the file changed."""
        from citekit.library.bib import BibFile

        if not self._tidied:  # once a command: what a killed one left, finished or removed
            self.tidy()
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
        """The keys of refs.bib in file order, from the derived index (no parse of the file)."""
        from citekit.library.index import open_index

        return open_index(self).keys()

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
        """Figure records (DESIGN's JSON shape) of the given sources, or of every source,
        read through the derived index (brought up to date with the files first)."""
        from citekit.library.index import open_index

        return open_index(self).figures(None if keys is None else list(keys), all_kinds)

    def work_info(self, key: str) -> dict[str, Any] | None:
        """Title, organisation and year of an entry, for attribution chains."""
        bib = self.bib()
        if key not in bib:
            return None
        f = bib.fields(key)
        return entryinfo.work_info(key, f)

    def source_info(self, key: str) -> dict[str, Any]:
        return entryinfo.source_info(key, self.entry(key))

    # -- recording -------------------------------------------------------------------------

    def add(
        self,
        paths: list[Path],
        *,
        key: str | None = None,
        meta: dict[str, str | None] | None = None,
        jobs: int | None = None,
        progress: Callable[[int, int, str], None] | None = None,
        encoding: str | None = None,
    ) -> list[AddResult]:
        """Record sources. One bad file is reported in its result; the others are recorded.

        Results are committed in chunks (a source is recorded whole or not at all); Ctrl-C or
        SIGTERM keeps every source finished and raises BatchInterrupted with their results.
        `encoding` reads text files (and pages) in that encoding, even files already recorded."""
        from citekit.library.batch import Interrupts, analyse_stream
        from citekit.library.chunks import BatchInterrupted, ChunkWriter
        from citekit.library.keys import validate_key

        if key is not None:
            validate_key(key)
            if len(paths) != 1:
                raise CitekitError("--key names one source: give exactly one path")
        meta = {k: v for k, v in (meta or {}).items() if v}
        if encoding:  # like a given field, an encoding re-reads files whose bytes are recorded
            meta["encoding"] = encoding
        files = expand_paths(paths)
        if key is not None and len(files) != 1:
            raise CitekitError("--key names one source: give exactly one file")
        if not self._tidied:
            self.tidy()
        writer = ChunkWriter(self, key, meta)
        bib = writer.preload()  # the index vouches for most of refs.bib: a few blocks parsed
        self._check_bib_writable(bib)
        unchanged = {} if meta or key else self._unchanged(files, writer.lookup())
        todo = [p for p in files if p not in unchanged]
        done: dict[Any, AddResult] = {}
        interrupts = Interrupts()
        try:
            with interrupts.installed():
                stream = analyse_stream(todo, jobs, encoding)
                for i, (path, analysis) in enumerate(stream, 1):
                    with interrupts.deferred():
                        writer.record(path, analysis)
                    if progress:
                        progress(i, len(todo), str(path))
                with interrupts.deferred():
                    writer.commit()
        except KeyboardInterrupt:
            writer.commit()
            done = {r.path: r for r in writer.results}
            kept = [
                unchanged[p] if p in unchanged else done[str(p)]
                for p in files
                if p in unchanged or str(p) in done
            ]
            raise BatchInterrupted(kept, len(files)) from None
        except BaseException:
            writer.abort()
            raise
        finally:
            self._bib = None
        done = {r.path: r for r in writer.results}
        return [unchanged[p] if p in unchanged else done[str(p)] for p in files]

    def _unchanged(self, files: list[Path], lookup: Any) -> dict[Path, AddResult]:
        """Files whose bytes are already recorded, found by hash before any analysis."""
        from citekit.library import recording
        from citekit.library.recording import AddResult
        from citekit.read.fetch import is_url
        from citekit.read.source_bytes import read_source_bytes

        if not lookup.by_sha:
            return {}
        out: dict[Path, AddResult] = {}
        for path in files:
            if is_url(path):
                continue
            try:
                digest = hashlib.sha256(read_source_bytes(path)).hexdigest()
            except SourceError:
                continue  # reading it again reports why
            key = lookup.by_sha.get(digest)
            if key is not None and self.annotations_path(key).exists():
                count = recording.count_figures(self.annotations(key))
                out[path] = AddResult(str(path), key, "unchanged", figures=count)
        return out

    def _check_bib_writable(self, bib: BibFile | None = None) -> None:
        bib = bib or self.bib()
        if bib.failed:
            first = bib.failed[0]
            raise BibError(
                f"{self.bib_path}:{first.line}: cannot parse entry ({first.error}); "
                "fix it before recording (nothing was changed)"
            )

    def _read_bib_text(self) -> str:
        return self.read_bib_text()
