"""What matching takes and gives: a draft's claim, a source figure considered, a verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from citekit.check.matching.quantity import Agreement, Quantity


@dataclass(frozen=True)
class Claim:
    """A number of the draft as matching needs it (no draft offsets)."""

    quantity: Quantity
    sentence: str
    start: int  # of the number within `sentence`
    end: int
    cited: tuple[str, ...]
    # Where citations stood in `sentence`; left out of the hash (a sentence of thousands of
    # citations would make every lookup of its numbers' claims cost that many).
    breaks: tuple[int, ...] = field(default=(), hash=False)


@dataclass
class Match:
    """A source figure considered for a claim, with how well it fits."""

    figure: dict[str, Any]
    similarity: float
    agreement: Agreement | None = None
    discord: bool = False  # its words say it is another figure (name, direction, thing)
    transposed: bool = False


@dataclass
class Verdict:
    verdict: str
    match: Match | None = None
    note: str | None = None
    also: list[dict[str, Any]] = field(default_factory=list)  # other figures holding the value
    unknown_keys: tuple[str, ...] = ()
    transposed: bool = False
    sum_of: list[dict[str, Any]] = field(default_factory=list)  # two cited figures adding up
    weak: bool = False  # traced on the value alone: the words around it share little
    because: str = ""  # why, in words a person can check (see matching.because)
    score: float = 0.0  # how strongly the evidence supports the verdict, 0 to 1
