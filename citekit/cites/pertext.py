"""Readings kept for the text being analysed: the stages that ask about one document (cited works,
parties, attribution) share what one of them read, instead of each reading all of it again."""

from __future__ import annotations

from typing import ClassVar, Self


class PerText:
    """A reading of one text object, kept until another text is asked about (`of`)."""

    _last: ClassVar[PerText | None] = None
    text: str

    @classmethod
    def of(cls, text: str) -> Self:
        """This very text's reading (the same object, not an equal string), made once."""
        last = cls._last
        if not isinstance(last, cls) or last.text is not text:
            last = cls(text)
            cls._last = last
        return last

    def __init__(self, text: str) -> None:
        self.text = text
