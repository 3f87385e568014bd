"""`check` for editors and code-scanning tools: gcc-style problem lines and SARIF 2.1.0.

`FILE:LINE:COL: error|warning: …` is what vim's quickfix (its default errorformat), Emacs'
compilation mode and VS Code's `$gcc` problem matcher read. A mismatch is an error; a number
found only elsewhere, or nowhere, a warning; an undefined citation a warning at its line. Only
verdicts in --fail-on are listed: what the editor lists is what fails the check.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import metadata
from typing import Any

from citekit.check.report import CheckReport, NumberResult

LEVELS = {"mismatch": "error", "elsewhere": "warning", "unsourced": "warning", "traced": "note"}
RULES = {
    "mismatch": "The cited source gives another value for the same thing.",
    "elsewhere": "The cited source does not hold this number; another recorded source does.",
    "unsourced": "No recorded source holds this number.",
    "traced": "The cited source holds this number.",
    "undefined-citation": "A citation key the library does not hold.",
}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def message(result: NumberResult) -> str:
    """The verdict, the number as the draft writes it, and why, on one line."""
    row = result.to_dict()
    n, verdict = result.number, result.verdict.verdict
    parts = [f"{verdict}: {n.text}"]
    figure = result.figure
    if figure is not None and verdict == "mismatch":
        parts.append(f"{figure.get('source')} says {figure.get('text')} ({figure.get('id')})")
    elif figure is not None:
        parts.append(f"held by {figure.get('id')} ({figure.get('text')})")
    because = row.get("because")
    if isinstance(because, list):
        because = "; ".join(str(b) for b in because)
    if because or row.get("note"):
        parts.append(str(because or row.get("note")))
    if not n.cited:
        parts.append("no citation")
    return _one_line(" — ".join(parts))


def _listed(report: CheckReport, fail_on: Iterable[str]) -> list[NumberResult]:
    wanted = set(fail_on)
    rows = [r for r in report.results if r.verdict.verdict in wanted]
    return sorted(rows, key=lambda r: (r.number.line, r.number.column))


def gcc_lines(report: CheckReport, fail_on: Iterable[str]) -> list[str]:
    name = report.draft if report.draft != "-" else "<stdin>"
    lines = []
    for r in _listed(report, fail_on):
        level = "error" if LEVELS[r.verdict.verdict] == "error" else "warning"
        lines.append(f"{name}:{r.number.line}:{r.number.column}: {level}: {message(r)}")
    for unknown in report.unknown_keys:
        for line in unknown.lines:
            lines.append(
                f"{name}:{line}:1: warning: citation '{unknown.key}' is not in the library"
            )
    return lines


def _location(uri: str, line: int, column: int, length: int) -> dict[str, Any]:
    region = {"startLine": line, "startColumn": column}
    if length:
        region["endColumn"] = column + length
    return {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}


def _results(report: CheckReport, fail_on: Iterable[str]) -> list[dict[str, Any]]:
    uri = report.draft if report.draft != "-" else "stdin"
    results = []
    for r in _listed(report, fail_on):
        n = r.number
        results.append(
            {
                "ruleId": r.verdict.verdict,
                "level": LEVELS[r.verdict.verdict],
                "message": {"text": message(r)},
                "locations": [_location(uri, n.line, n.column, len(n.text))],
                "properties": {"cited": list(n.cited), "figure": (r.figure or {}).get("id")},
            }
        )
    for unknown in report.unknown_keys:
        for line in unknown.lines:
            results.append(
                {
                    "ruleId": "undefined-citation",
                    "level": "warning",
                    "message": {"text": f"citation '{unknown.key}' is not in the library"},
                    "locations": [_location(uri, line, 1, 0)],
                }
            )
    return results


def sarif(reports: list[CheckReport], fail_on: Iterable[str]) -> dict[str, Any]:
    """One SARIF 2.1.0 log: a run of citekit, one result per number that fails the check."""
    fail_on = tuple(fail_on)
    results = [result for report in reports for result in _results(report, fail_on)]
    try:
        version = metadata.version("citekit-provenance")
    except metadata.PackageNotFoundError:
        version = "0"
    driver = {
        "name": "citekit",
        "version": version,
        "rules": [{"id": rule, "shortDescription": {"text": text}} for rule, text in RULES.items()],
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }


def sarif_text(reports: list[CheckReport], fail_on: Iterable[str]) -> str:
    return json.dumps(sarif(reports, fail_on), ensure_ascii=False, indent=2) + "\n"
