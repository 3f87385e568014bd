"""citekit: keep the provenance of every figure you cite.

The library reads well from Python::

    import citekit
    lib = citekit.Library(".")
    lib.add([Path("article.txt")])
    report = citekit.check_draft(lib, "draft.md")

Names are imported on first use, so `import citekit` (and the command's start-up) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Library": "citekit.library.folder",
    "AddResult": "citekit.library.recording",
    "trace": "citekit.library.trace",
    "export": "citekit.library.exchange",
    "import_bib": "citekit.library.exchange",
    "extract_figures": "citekit.extract",
    "find_works": "citekit.cites.works",
    "attribute": "citekit.cites.attribution",
    "analyse": "citekit.cites.analysis",
    "read_document": "citekit.read.ingest",
    "parse_text": "citekit.read.ingest",
    "Document": "citekit.read.ingest",
    "check_draft": "citekit.check.report",
    "check_text": "citekit.check.report",
    "verify": "citekit.review.verify",
    "Figure": "citekit.models",
    "CitedWork": "citekit.models",
    "Party": "citekit.models",
    "Attribution": "citekit.models",
    "CitekitError": "citekit.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'citekit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
