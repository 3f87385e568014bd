"""`verify`'s problems as a person reads them: many of one kind on one source said once.

One line added at the top of a snapshot moves every figure of it; listing each is noise. Problems
of the same source, code, severity and fix state are grouped when there are at least
`GROUP_AT` of them ("smith2020: 282 figures moved — run `citekit verify --fix`"); `--verbose`
lists every one. `--json` is never grouped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citekit.review.problems import Problem

GROUP_AT = 3
_PHRASES = {
    "figure-moved": "figures moved",
    "figure-drifted": "figures drifted",
    "figure-missing": "figures missing",
    "link-moved": "links moved",
    "link-drifted": "links drifted",
    "link-missing": "links missing",
    "target-missing": "notes or corrections whose figure is gone",
    "annotations-invalid": "invalid annotation lines",
}


@dataclass
class ProblemGroup:
    """Problems of one source sharing a code, a severity and whether --fix repaired them."""

    problems: list[Problem]

    @property
    def first(self) -> Problem:
        return self.problems[0]

    def summary(self) -> str:
        p = self.first
        what = _PHRASES.get(p.code, f"× {p.code}")
        if p.fixed:
            what += " (fixed)"
        subject = p.key or p.path or "library"
        return f"{subject}: {len(self.problems)} {what}"

    def hint(self) -> str:
        """The shared hint, its command alone when it starts with one."""
        hint = self.first.hint
        command = re.match(r"run (`[^`]+`)", hint)
        return f"run {command.group(1)}" if command else hint


def group_problems(problems: list[Problem], verbose: bool = False) -> list[Problem | ProblemGroup]:
    """Problems in their order, those of a crowded kind folded into one group at the first."""
    if verbose:
        return list(problems)
    groups: dict[tuple[object, ...], list[Problem]] = {}
    for p in problems:
        groups.setdefault((p.key, p.code, p.severity, p.fixed), []).append(p)
    out: list[Problem | ProblemGroup] = []
    for p in problems:
        members = groups[(p.key, p.code, p.severity, p.fixed)]
        if len(members) < GROUP_AT:
            out.append(p)
        elif members[0] is p:
            out.append(ProblemGroup(members))
    return out
