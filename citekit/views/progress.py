"""Progress of long operations (a batch `add`, `verify`): n/total, rate and time left.

The library reports progress through a plain callback, `progress(done, total, label)`, and never
imports this module; the CLI passes a `ProgressBar` as that callback. The bar is drawn on stderr
only when it is a terminal, and is gone when the operation ends (stdout stays clean for pipes).
"""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Items a second, once there is a rate to tell."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        if not speed:
            return Text("  –/s", style="dim")
        return Text(f"{speed:,.1f}/s" if speed < 100 else f"{speed:,.0f}/s", style="dim")


class ProgressBar:
    """A `progress(done, total, label)` callback that draws a bar while used as a context."""

    def __init__(
        self,
        description: str,
        unit: str = "files",
        enabled: bool | None = None,
        console: Console | None = None,
    ) -> None:
        self.console = console or Console(stderr=True, highlight=False)
        self.enabled = self.console.is_terminal if enabled is None else enabled
        self.unit = unit
        self._progress: Progress | None = None
        self._task = None
        self.description = description

    def __enter__(self) -> ProgressBar:
        if self.enabled:
            self._progress = Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(bar_width=None),
                MofNCompleteColumn(),
                TextColumn(self.unit, style="dim"),
                RateColumn(),
                TextColumn("left", style="dim"),
                TimeRemainingColumn(),
                TextColumn("{task.fields[label]}", style="dim"),
                console=self.console,
                transient=True,
            )
            self._task = self._progress.add_task(self.description, total=None, label="")
            self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def __call__(self, done: int, total: int, label: str = "") -> None:
        if self._progress is None or self._task is None:
            return
        name = label.rsplit("/", 1)[-1][:24]
        self._progress.update(self._task, completed=done, total=total, label=name)

    def snapshot(self) -> str:
        """The bar as it reads now, as plain text (what a person sees on the line)."""
        if self._progress is None:
            return ""
        out = Console(width=self.console.width, record=True, file=_Null(), color_system=None)
        out.print(self._progress.make_tasks_table(self._progress.tasks))
        return out.export_text().rstrip()


class _Null:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass
