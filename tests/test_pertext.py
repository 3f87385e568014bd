"""One reading per text: stages asking about the same text object share it, another text gets its own."""

from __future__ import annotations

from citekit.cites.nametable import NameTable
from citekit.cites.pertext import PerText


class _Count(PerText):
    made = 0

    def __init__(self, text: str) -> None:
        super().__init__(text)
        _Count.made += 1


def test_the_same_text_object_is_read_once_and_an_equal_copy_again() -> None:
    text = "The Civic Water Trust said 41% of pipes leak."
    first = _Count.of(text)
    assert _Count.of(text) is first and _Count.made == 1
    copy = "".join(list(text))  # equal, not the same object
    assert _Count.of(copy) is not first and _Count.made == 2
    assert _Count.of(text).text is text and _Count.made == 3


def test_each_kind_of_reading_keeps_its_own_last_text() -> None:
    text = "Oxfam, a charity, said so."
    counted = _Count.of(text)
    table = NameTable.of(text)
    assert isinstance(table, NameTable) and NameTable.of(text) is table
    assert _Count.of(text) is counted
