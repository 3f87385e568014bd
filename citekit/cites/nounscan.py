"""Where the work nouns stand in a text, found in one pass that detecting titles and later mentions
share (`WorkNouns.of(text)`), instead of each reading the whole text for them."""

from __future__ import annotations

import re

from citekit.cites.pertext import PerText
from citekit.cites.titlecase import word_tree
from citekit.cites.vocabulary import WORK_NOUNS

# The nouns' letters anywhere, the longest at each place ("briefing" before "brief").
_NOUN_LETTERS = re.compile(word_tree(sorted(WORK_NOUNS)))


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


class WorkNouns(PerText):
    """The (start, end) of every match of the work nouns' letters, in text order.

    Two matches never overlap, and none hides a place either reader needs: a noun after white
    space starts where no earlier match can reach (matches hold letters only), and a noun standing
    as a whole word starts after a character that is no word character, where no earlier match
    (of word characters) can reach either.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.places = [(m.start(), m.end()) for m in _NOUN_LETTERS.finditer(text)]

    def whole_words(self) -> list[tuple[int, int]]:
        """What `\\b(?:nouns)\\b` finds: at a place, only the longest noun can stand as a whole
        word (a shorter one is followed by a letter of the longer)."""
        text = self.text
        last = len(text)
        return [
            (start, end)
            for start, end in self.places
            if (start == 0 or not _is_word_char(text[start - 1]))
            and (end == last or not _is_word_char(text[end]))
        ]
