"""annotations/<key>.jsonl: one W3C Web Annotation per line, stably ordered.

Figures are `identifying` annotations, links to cited works `linking`, notes `commenting`,
user corrections `editing`. Each figure annotation carries its passage, so reading figures needs
no snapshot.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from citekit.errors import CitekitError
from citekit.library.fsutil import atomic_write

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32
_ID = re.compile(r"^(?:urn:citekit:)?(?P<source>[^:\s]+):(?P<local>[a-z]+)(?P<num>\d+)$")
NOTE_MOTIVATIONS = ("commenting", "tagging")
_RANK = {"w": 0, "f": 1, "n": 2, "e": 3, "t": 4}


class AnnotationFileError(CitekitError):
    """An annotations file holds a line that is not a JSON object."""


def urn(source: str, local: str) -> str:
    return f"urn:citekit:{source}:{local}"


def short_id(annotation_id: str) -> str:
    """'urn:citekit:smith2020:f3' -> 'smith2020:f3'."""
    return annotation_id.removeprefix("urn:citekit:")


def parse_id(text: str) -> tuple[str, str, int] | None:
    """(source, local letter(s), number) of a figure/note id in either spelling."""
    m = _ID.match(text.strip())
    if not m:
        return None
    return m.group("source"), m.group("local"), int(m.group("num"))


def sort_key(annotation: dict[str, Any]) -> tuple[int, int, str]:
    parsed = parse_id(annotation.get("id", ""))
    if parsed is None:
        return (9, 0, annotation.get("id", ""))
    _, local, num = parsed
    return (_RANK.get(local, 8), num, local)


def quote_selector(text: str, start: int, end: int) -> dict[str, Any]:
    return {
        "type": "TextQuoteSelector",
        "exact": text[start:end],
        "prefix": text[max(0, start - CONTEXT_CHARS) : start],
        "suffix": text[end : end + CONTEXT_CHARS],
    }


def position_selector(start: int, end: int) -> dict[str, Any]:
    return {"type": "TextPositionSelector", "start": start, "end": end}


def target(source: str, text: str, start: int, end: int) -> dict[str, Any]:
    return {
        "source": source,
        "selector": [quote_selector(text, start, end), position_selector(start, end)],
    }


def selectors(annotation: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(TextQuoteSelector, TextPositionSelector) of an annotation's target, when present."""
    quote = position = None
    for sel in annotation.get("target", {}).get("selector", []) or []:
        if sel.get("type") == "TextQuoteSelector":
            quote = sel
        elif sel.get("type") == "TextPositionSelector":
            position = sel
    return quote, position


def read(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line, parse_constant=_not_json)
        except json.JSONDecodeError as exc:
            raise AnnotationFileError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        except ValueError as exc:
            raise AnnotationFileError(f"{path}:{number}: not valid JSON ({exc})") from None
        if not isinstance(record, dict):
            raise AnnotationFileError(f"{path}:{number}: not a JSON object")
        out.append(record)
    return out


def _not_json(name: str) -> Any:
    """NaN and Infinity are Python's extension, not JSON: an annotation file never holds them."""
    raise ValueError(f"{name} is not a JSON number")


def dumps(annotations: list[dict[str, Any]]) -> str:
    """Strict JSON, one annotation a line; a NaN or infinite value is refused (ValueError)."""
    ordered = sorted(annotations, key=sort_key)
    return "".join(json.dumps(a, ensure_ascii=False, allow_nan=False) + "\n" for a in ordered)


def write(path: Path, annotations: list[dict[str, Any]]) -> None:
    atomic_write(path, dumps(annotations))


def source_note_text(annotations: list[dict[str, Any]]) -> str:
    """The words of a source's own notes (not those on a figure), for searching."""
    parts = []
    for a in annotations:
        target = a.get("target") if isinstance(a.get("target"), dict) else {}
        body = a.get("body") if isinstance(a.get("body"), dict) else {}
        if a.get("motivation") in NOTE_MOTIVATIONS and not target.get("id"):
            parts.append(str(body.get("value") or ""))
            parts.extend(str(t) for t in body.get("tags") or [])
    return " ".join(p for p in parts if p)
