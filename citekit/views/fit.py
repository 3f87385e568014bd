"""Output that fits where it goes: tables sized to the terminal, tab-separated rows when piped.

A `FitTable` is one renderable for both: on a terminal (rich's `is_terminal`, which honours
`TTY_COMPATIBLE` and `FORCE_COLOR`) it is a rich table as wide as the console (`COLUMNS` when
set), the passage column wrapped at word boundaries and the other columns shortened; anywhere
else it is a header line and one tab-separated line per row, for `cut`, `sort` and `awk`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

Cell = str | Text


@dataclass
class Column:
    header: str
    # Rich column options on a terminal (no_wrap, max_width, ratio, justify, style...).
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class FitTable:
    """Rows shown as a rich table on a terminal and as tab-separated text when piped.

    `rows` are the terminal cells; `plain_header`/`plain_rows` the piped ones (one field per
    column, nothing stacked), defaulting to the terminal ones.
    """

    columns: list[Column]
    rows: list[list[Cell]]
    title: str | None = None
    plain_header: list[str] | None = None
    plain_rows: list[list[Any]] | None = None
    plain_title: bool = False  # piped, print the title on a line of its own first
    spaced: bool = True  # a blank line between rows of stacked cells

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.is_terminal:
            yield self.table()
            return
        if self.plain_title and self.title:
            yield Segment(self.title + "\n")
        yield from tsv_segments(
            self.plain_header or [c.header for c in self.columns],
            self.plain_rows if self.plain_rows is not None else self.rows,
        )

    def table(self) -> Table:
        table = Table(
            title=self.title,
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            expand=False,
            leading=1 if self.spaced else 0,
        )
        for column in self.columns:
            table.add_column(column.header, **column.options)
        for row in self.rows:
            table.add_row(*row)
        return table


def plain_cell(value: Any) -> str:
    """One field of a tab-separated row: no tabs or line breaks inside, None as empty."""
    if value is None:
        return ""
    text = value.plain if isinstance(value, Text) else str(value)
    return " ".join(text.replace("\t", " ").split())


def tsv_segments(header: list[str], rows: Iterable[list[Any]]) -> RenderResult:
    yield Segment("\t".join(header) + "\n")
    for row in rows:
        yield Segment("\t".join(plain_cell(v) for v in row) + "\n")


def shorten(text: str, width: int) -> str:
    """`text` cut to `width` characters at a word boundary when it can be, with an ellipsis."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"
