"""The shift map: clean text whose every character remembers the draft span it came from.

Markup is not prose, so each reader rewrites a draft into clean text (citations, code and
commands out, `~` and `4{,}200` as they print). A number found in the clean text still points at
the exact characters of the draft, as quantulum3's shift table does.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Mapped:
    """A text whose every character remembers the draft span [starts[i], ends[i]) it came from."""

    text: str
    starts: list[int]
    ends: list[int]

    @classmethod
    def identity(cls, text: str) -> Mapped:
        return cls(text, list(range(len(text))), list(range(1, len(text) + 1)))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The draft span of clean characters [start, end)."""
        return span_of(self, start, end)


@dataclass
class Region:
    """A builder of clean text: the running text, or one footnote's body."""

    footnote: str | None = None
    parts: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    # (keys, locators, clean position, draft start, draft end, footnote marker label)
    cites: list[tuple[tuple[str, ...], tuple[str, ...], int, int, int, str | None]] = field(
        default_factory=list
    )

    @property
    def pos(self) -> int:
        return len(self.starts)

    def copy(self, m: Mapped, a: int, b: int) -> None:
        if b > a:
            self.parts.append(m.text[a:b])
            self.starts.extend(m.starts[a:b])
            self.ends.extend(m.ends[a:b])

    def put(self, text: str, m: Mapped, a: int, b: int) -> None:
        """`text` in place of m[a:b] (a replacement maps to the whole span it replaces)."""
        if not text:
            return
        start, end = span_of(m, a, b)
        self.parts.append(text)
        self.starts.extend([start] * len(text))
        self.ends.extend([end] * len(text))

    def cite(
        self,
        keys: tuple[str, ...],
        locators: tuple[str, ...],
        m: Mapped,
        a: int,
        b: int,
        footnote: str | None = None,
    ) -> None:
        start, end = span_of(m, a, b)
        self.cites.append((keys, locators, self.pos, start, end, footnote))

    def tail(self, n: int) -> str:
        """The last `n` clean characters (to decide spacing and digit context)."""
        out = ""
        for part in reversed(self.parts):
            out = part + out
            if len(out) >= n:
                break
        return out[-n:]


def span_of(m: Mapped, a: int, b: int) -> tuple[int, int]:
    if not m.text:
        return 0, 0
    if b <= a:
        at = m.starts[min(a, len(m.text) - 1)] if a < len(m.text) else m.ends[-1]
        return at, at
    return m.starts[a], m.ends[b - 1]
