"""Look-ups a draft reader makes over and over, answered in one pass over the text.

A reader asks "where does the bracket opened here close?", "where is the next `</sup>`?" or
"where does this run of backticks close?" at every candidate position. Asked naively, each
question scans to the end of the paragraph, and a draft of nested or unclosed brackets costs
the square of its size. Here each kind of question is answered from an index built once (a
stack pass for brackets, run lists for backticks) or from the last answer (`NextFind`), so a
reader stays linear in the draft's size whatever the input.
"""

from __future__ import annotations

import bisect
import re


def match_close(s: str, i: int, end: int, open_: str, close: str) -> int | None:
    """Index just past the bracket closing the one at `i` (backslash escapes respected), by a
    scan from `i`: linear in the distance. `Brackets.close` answers the same from an index."""
    depth = 0
    j = i
    while j < end:
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == open_:
            depth += 1
        elif c == close:
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return None


class Brackets:
    """Where each bracket of a text closes, for every kind asked of it, found in one pass.

    The pass reads the text as `match_close` does (a backslash hides the character after it), so
    `close(i, end, "[", "]")` equals `match_close(s, i, end, "[", "]")` for every bracket the pass
    saw. A bracket the pass saw as escaped (never asked for by the readers) is scanned for.
    """

    def __init__(self, s: str) -> None:
        self.s = s
        self._kinds: dict[str, dict[int, int | None]] = {}

    def _index(self, open_: str, close: str) -> dict[int, int | None]:
        index = self._kinds.get(open_)
        if index is None:
            index = {}
            stack: list[int] = []
            pattern = re.compile(r"\\.|" + re.escape(open_) + "|" + re.escape(close), re.S)
            for hit in pattern.finditer(self.s):
                c = hit.group()
                if c == open_:
                    stack.append(hit.start())
                    index[hit.start()] = None
                elif c == close and stack:
                    index[stack.pop()] = hit.start() + 1
            self._kinds[open_] = index
        return index

    def close(self, i: int, end: int, open_: str, close: str) -> int | None:
        """Index just past the bracket closing the one at `i`, if it closes before `end`."""
        index = self._index(open_, close)
        if i not in index:
            return match_close(self.s, i, end, open_, close)
        at = index[i]
        return at if at is not None and at <= end else None


class NextFind:
    """`s.find(sub, start, end)` for starts that mostly grow, each character scanned about once.

    The last answer for each `sub` is kept: a later start at or before it has the same next
    occurrence, and after a search that found nothing no later start can find one.
    """

    def __init__(self, s: str) -> None:
        self.s = s
        self._last: dict[str, tuple[int, int]] = {}

    def find(self, sub: str, start: int, end: int) -> int:
        last = self._last.get(sub)
        if last is not None and last[0] <= start and (last[1] < 0 or start <= last[1]):
            at = last[1]
        else:
            at = self.s.find(sub, start)
            self._last[sub] = (start, at)
        return at if at >= 0 and at + len(sub) <= end else -1


class BacktickRuns:
    """Runs of backticks in a text, so a code span's closing run (the next run of exactly the
    opening run's length, as CommonMark has it) is found without a scan."""

    def __init__(self, s: str) -> None:
        self.by_length: dict[int, list[int]] = {}
        for hit in re.finditer(r"`+", s):
            self.by_length.setdefault(len(hit.group()), []).append(hit.start())

    def closing(self, length: int, start: int, end: int) -> int:
        """Start of the first run of exactly `length` backticks at or after `start`, ending by
        `end`; -1 when there is none."""
        runs = self.by_length.get(length, [])
        k = bisect.bisect_left(runs, start)
        if k < len(runs) and runs[k] + length <= end:
            return runs[k]
        return -1


class SortedPositions:
    """Sorted positions (for instance the `$` that may close inline math): the first in a span."""

    def __init__(self, positions: list[int]) -> None:
        self.positions = positions

    def first(self, start: int, end: int) -> int:
        k = bisect.bisect_left(self.positions, start)
        if k < len(self.positions) and self.positions[k] < end:
            return self.positions[k]
        return -1
