"""Drafts read for checking: the numbers a Markdown, LaTeX or plain draft states, with their citations.

Markup is not prose, so each format is first rewritten into a *clean* text: citations, code, math,
comments and commands removed, `~`, `\\%` and `4{,}200` turned into what they print. Every clean
character keeps the span of the draft it came from (`shiftmap`), so a number found in the clean
text still points at the exact characters, line and column of the draft the writer edits.

- `reader`: the entry points (`read_draft`, `clean_draft`, `format_for`), citations covering numbers;
- `markdown_blocks` and `markdown`: Markdown's blocks, then each paragraph's inline markup;
- `latex`, `latex_commands`, `siunitx`: LaTeX bodies, the commands they know, siunitx printed;
- `labels`: numbers that label rather than state (list markers, "Table 2", `COVID-19`);
- `scanning`: bracket, code-span and math look-ups answered from indexes, so reading is linear;
- `records`: `Citation`, `DraftNumber`, `Draft`.

Numbers that label rather than state are never checked: list markers ("2.", "3)"), heading and
section numbers, "Table 2" or "Figures 3-5", and code (fenced, indented or inline). siunitx's
`\\SI{21.1}{\\celsius}`, `\\qty`, `\\num` and friends are read as they print ("21.1 °C"),
while the number still points at the whole command in the draft.
"""

from citekit.check.drafts.reader import FORMATS, clean_draft, format_for, read_draft
from citekit.check.drafts.records import Citation, Draft, DraftNumber
from citekit.check.drafts.shiftmap import Mapped

__all__ = [
    "FORMATS",
    "Citation",
    "Draft",
    "DraftNumber",
    "Mapped",
    "clean_draft",
    "format_for",
    "read_draft",
]
