"""The figure under construction, shared by the readers and the passes over a paragraph."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Quantity:
    """A figure under construction (offsets are into the whole text)."""

    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    kind: str = "count"
    qualifier: str = "exact"
    num_start: int = 0
    magnitude: float = 1.0
    raw: float = 0.0  # value before magnitude
    written: bool = False
    plain_integer: bool = False
    noun_end: int = 0  # where the counted noun (if any) was searched from
    short_million: bool = False  # written "2.5m": million in this paragraph's style
