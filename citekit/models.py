"""Records shared by every stage: what extraction finds and what the library stores.

Offsets are code points into the text they were read from; `text[start:end]` is always the exact
surface form, whatever normalisation happened on the way.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = (
    "count",
    "percent",
    "money",
    "measure",
    "duration",
    "date",
    "year",
    "time",
    "ordinal",
    "other",
)
# Kept and classified, but never offered as figures to check.
NON_FIGURE_KINDS = frozenset({"date", "year", "time", "ordinal"})
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "more_than", "less_than", "vague")


@dataclass
class Span:
    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass
class Figure:
    """A number in a text, with what it measures and where it stands."""

    text: str
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    kind: str = "count"
    qualifier: str = "exact"
    # The sentence (passage) holding the figure and its paragraph (0-based).
    sentence_start: int = 0
    sentence_end: int = 0
    paragraph: int = 0

    @property
    def is_figure(self) -> bool:
        return self.kind not in NON_FIGURE_KINDS

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CitedWork:
    """A work a source cites by title (a report, a study, a survey...)."""

    title: str  # title case restored, subtitle kept
    title_text: str  # exactly as it stands in the source
    start: int  # span of the title in the source
    end: int
    organisation: str | None = None
    work_type: str = "report"  # report, study, survey, paper, index, poll, book, article
    year: int | None = None
    year_inferred: bool = False
    # Later references to the work ("the report", "the study"), as spans.
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Party:
    """An organisation or person quoted as the origin of figures, without a titled work."""

    name: str
    start: int
    end: int


@dataclass
class Attribution:
    """Why a figure is credited to a cited work or party: the cue and where it stands."""

    figure_index: int  # index into the list of figures that was attributed
    work_index: int | None  # index into the list of cited works, or None for a party
    party: str | None  # the party's name when the figure is credited to a party
    cue: str  # the cue phrase exactly as it stands: "says", "according to", ...
    cue_start: int
    cue_end: int
    # True when the cue stands in an earlier sentence: reported speech carried over to this figure.
    carried: bool = False
