"""The capitalised names of one text, read once and indexed, so that every question later asked of them
("which body built on 'bank' was named before this point?", "which name spells out 'IMF'?", "which
bodies does the text describe as 'a charity'?") costs the same however long the text is.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from citekit.cites.lexer import TOKEN
from citekit.cites.names import acronym
from citekit.cites.pertext import PerText
from citekit.cites.titles import TITLE_SMALL
from citekit.cites.vocabulary import MONTH_WORDS
from citekit.cites.windows import Folded, folded
from citekit.read.segment import sentences

_GLUE = frozenset({"of", "for", "and", "on", "&"})
_LEADS = frozenset({"the", "a", "an"}) | MONTH_WORDS
_BEFORE_THE = frozenset({"of", "for", "on"})
_POSSESSIVE_ENDS = ("'s", "\u2019s")
# ", a London-based charity" / ", Britain's largest union": the words that describe a body by a noun.
_DESCRIPTION_OPEN = r",\s+(?:a|an|the|[A-Z][\w\u00c0-\u024f]*['\u2019]s)\s+"
_DESCRIBED_TAIL = r"\s*" + _DESCRIPTION_OPEN + r"(?:[\w\u00c0-\u024f'\u2019-]+\s+){0,4}?"
_DESCRIPTION_OPENS = re.compile(_DESCRIPTION_OPEN)
_SPACES = re.compile(r"\s+")


# A stretch of tokens none of which is capitalised, read in one match: those opening with a
# lower-case ASCII letter, a digit, '_' or ASCII punctuation, exactly as `TOKEN` splits them.
# Outside a run they change nothing, so the reading skips them (anything else is read one by one).
_WORD_CHAR = r"[\w\u00c0-\u024f]"
# What follows a word's first character, as `TOKEN` reads it: the longest stretch of word characters
# and '&', '.', '-' that ends in a word character (written so that the engine never backs up), then
# a possessive.
_WORD_TAIL = rf"{_WORD_CHAR}*+(?:[&.\-]++{_WORD_CHAR}++)*+(?:['\u2019]s)?"
_NUMBER = r"\d+(?:[.,]\d+)+"
# A glue word as a whole token (nothing a token goes on with follows it).
_GLUE_TOKEN = rf"(?:of|for|and|on|the)(?![\w\u00c0-\u024f&.\-]*{_WORD_CHAR}|['\u2019]s)"
# Also skipped: a word opening with an ASCII capital (as `TOKEN` reads it: atomic, so never cut
# short) followed by a token of the first kind that is no glue word and not '&'. Such a word opens
# a run of one, which that token closes: nothing is kept, and the reading stands after both as it
# would have after reading them one by one.
_NOT_CAPITALISED = re.compile(
    rf"(?:\s*+(?:{_NUMBER}|[a-z0-9_]{_WORD_TAIL}|[!-/:-@\[-\^`{{-~]"
    rf"|(?>[A-Z]{_WORD_TAIL})\s*(?>{_NUMBER}|(?!{_GLUE_TOKEN})[a-z0-9_]{_WORD_TAIL}|[!-%'-/:-@\[-\^`{{-~])))*"
)


def capitalised_names(text: str) -> list[tuple[int, str]]:
    """Runs of two or more capitalised words (glued by 'of', 'for the' ...), with their starts.

    One pass over the text, done once per document however many works need it. The tokens are
    those of `phrases.tokens`, read here as bare matches: a run keeps (start, end, word) only.
    Between runs, stretches of tokens that cannot open one are passed over in one match.
    """
    return _names_from(text, 0, len(text))[0]


def _names_from(text: str, pos: int, until: int) -> tuple[list[tuple[int, str]], int]:
    """The names `capitalised_names` finds from `pos` (a token boundary where no name is being
    read) to the first such boundary at or after `until`, and that boundary."""
    out: list[tuple[int, str]] = []
    run: list[tuple[int, int, str]] = []

    def close() -> None:
        while run and run[-1][2].lower() in TITLE_SMALL:
            run.pop()
        while run and run[0][2].lower() in _LEADS:
            run.pop(0)
        if len(run) >= 2:
            out.append((run[0][0], text[run[0][0] : run[-1][1]]))
        run.clear()

    while pos < len(text):
        if not run:
            if pos >= until:
                break
            pos = _NOT_CAPITALISED.match(text, pos).end()
        for m in TOKEN.finditer(text, pos):
            word = m.group()
            first = word[0]
            # A capitalised word ("Bank's" is a possessor, not part of a name).
            if first.isupper() and first.isalnum() and not word.endswith(_POSSESSIVE_ENDS):
                run.append((m.start(), m.end(), word))
                continue
            if run:
                # "Office for the Coordination", "Strategic and International": glue inside one
                # name; "... Authority and the Western Gas Authority": two names.
                low = word.lower()
                if low in _GLUE or (low == "the" and run[-1][2].lower() in _BEFORE_THE):
                    run.append((m.start(), m.end(), word))
                    continue
                close()
            pos = m.end()
            break
        else:
            pos = len(text)
            break
    close()
    return out, pos


def names_holding(text: str, word: str, low: str | None = None) -> list[tuple[int, str]]:
    """The names of `capitalised_names(text)` whose lower case holds `word` (ASCII), in text
    order, read only around the places where `word` stands in `low` (`folded(text)`).

    Lower-cased, a name holds an ASCII word only where the folded text holds it (a character folds
    to an ASCII letter exactly when the regular expression engine matches it to that letter in
    any case, as `lower()` does or more: "İ" holds an "i"). Each such place is read from the end
    of the last token before it that no name can hold (neither capitalised nor glue: after it no
    name is being read), or from the text's start.
    """
    low = folded(text) if low is None else low
    found: dict[int, str] = {}
    covered = 0
    at = low.find(word)
    while at >= 0:
        if at >= covered:  # else read already, by the reading of an earlier place
            start = _no_name_before(text, at)
            if start is not None:
                names, covered = _names_from(text, start, at + len(word))
                found.update(names)
        at = low.find(word, at + 1)
    return sorted((at, name) for at, name in found.items() if word in name.lower())


def _breaks_names(word: str) -> bool:
    """Whether no name can hold this token: a name is read over capitalised words and glue."""
    first = word[0]
    if first.isupper() and first.isalnum() and not word.endswith(_POSSESSIVE_ENDS):
        return False
    low = word.lower()
    return low not in _GLUE and low != "the"


def _no_name_before(text: str, at: int) -> int | None:
    """A token boundary before the token holding `at` where no name is being read (None when that
    token is one no name holds)."""
    if at > 0 and text[at - 1].isspace():
        # The token holding `at` starts there (tokens hold no white space, and the tokens of the
        # whole text split at white space): read only it first.
        m = TOKEN.match(text, at)
        if m is not None and _breaks_names(m.group()):
            return None
    back = 64
    while True:
        start = max(0, at - back)
        if start > 0:
            gap = _SPACES.search(text, start, at)
            if gap is None:
                back *= 4
                continue
            start = gap.end()  # after white space: the tokens of the whole text split here too
        restart = 0 if start == 0 else None
        for m in TOKEN.finditer(text, start):
            if m.end() > at:
                if m.start() <= at and _breaks_names(m.group()):
                    return None
                break
            if _breaks_names(m.group()):
                restart = m.end()
        if restart is not None:
            return restart
        back *= 4


def name_head(name: str) -> str:
    """The noun a body's name is built on: 'Authority' of 'Metropolitan Transit Authority', 'Bank'
    of 'Central Bank of Norland', 'Union' of 'General Union of Workers' (lower-case)."""
    words = name.split()
    for k, word in enumerate(words):
        if k > 0 and word.lower() in {"of", "for"}:
            return words[k - 1].lower()
    return words[-1].lower() if words else ""


@dataclass
class _Ordered:
    """Values in text order with where each stands, and where the second distinct value first comes:
    the distinct values of any prefix (none, one, or more than one) are known without reading it."""

    ends: list[int] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    second: int = -1  # index of the first value that differs from values[0]; -1: none does

    def add(self, end: int, value: str) -> None:
        if self.second < 0 and self.values and value != self.values[0]:
            self.second = len(self.values)
        self.ends.append(end)
        self.values.append(value)

    def distinct_upto(self, pos: int) -> tuple[int, str | None]:
        """(number of distinct values among those ending at or before `pos`, capped at 2; the value
        when there is one)."""
        k = bisect_right(self.ends, pos)
        if k == 0:
            return 0, None
        if 0 <= self.second < k:
            return 2, None
        return 1, self.values[0]


class NameTable(PerText):
    """The text's capitalised names and appositive descriptions, indexed for repeated questions
    (`NameTable.of(text)`: built once per text, shared by cited works, parties and attribution)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._names: list[tuple[int, str]] | None = None
        self._low: str | None = None
        self._heads: dict[str, tuple[list[int], list[str], _Ordered]] = {}
        self._acronyms: dict[str, set[str]] | None = None
        self._described: dict[str, _Ordered] = {}
        self._appositives: dict[str, list[tuple[int, int]]] = {}
        self._commas: list[tuple[int, int]] | None = None
        self._lead: int | None = None

    @property
    def names(self) -> list[tuple[int, str]]:
        """Every capitalised name of the text, read on first use (only `spelled_out` needs them
        all; a head's names are read around the head's places)."""
        if self._names is None:
            self._names = capitalised_names(self.text)
        return self._names

    def lead_end(self) -> int:
        """Where the first sentence ends (a 'date YYYY-MM-DD' header is part of it)."""
        if self._lead is None:
            segs = sentences(self.text[:2000])
            self._lead = segs[0].end if segs else 0
        return self._lead

    def spelled_out(self, key: str) -> set[str]:
        """The names whose initials are `key` ('imf' -> {'International Monetary Fund'})."""
        if self._acronyms is None:
            self._acronyms = {}
            for _, name in self.names:
                self._acronyms.setdefault(acronym(name), set()).add(name)
        return set(self._acronyms.get(key, ()))

    def _by_head(self, head: str) -> tuple[list[int], list[str], _Ordered]:
        """The names built on `head`, read only among those whose lower case holds it: a name's
        head is one of its words, lower-cased, and a word lower-cased stands in the whole name
        lower-cased (white space parts them either way). Only a few heads are ever asked about."""
        found = self._heads.get(head)
        if found is None:
            if not head:
                holding: list[tuple[int, str]] = []
            elif head.isascii() and self._names is None and self._few_places(head):
                holding = names_holding(self.text, head, self._low)
            else:
                holding = [(at, name) for at, name in self.names if head in name.lower()]
            found = ([], [], _Ordered())
            for at, name in holding:
                if head in name.lower() and name_head(name) == head:
                    found[0].append(at)
                    found[1].append(name)
                    found[2].add(at, name)
            self._heads[head] = found
        return found

    def _few_places(self, head: str) -> bool:
        """Whether reading around each place of `head` costs less than reading every name (a
        place costs about what a thousand characters of the whole reading do)."""
        if self._low is None:
            self._low = Folded.of(self.text).low
        return self._low.count(head) * 1000 < len(self.text)

    def only_head_before(self, head: str, pos: int) -> tuple[int, str | None]:
        """Distinct names built on `head` that start before `pos` (count capped at 2; the one)."""
        return self._by_head(head)[2].distinct_upto(pos - 1)

    def heads_between(self, head: str, low: int, high: int, limit: int = 2) -> set[str]:
        """Distinct names built on `head` starting after `low` and before `high` (at most `limit`)."""
        ats, names, _ = self._by_head(head)
        found: set[str] = set()
        for k in range(bisect_right(ats, low), bisect_left(ats, high)):
            found.add(names[k])
            if len(found) >= limit:
                break
        return found

    def heads_before(self, head: str, high: int, limit: int = 2) -> set[str]:
        return self.heads_between(head, -1, high, limit)

    def appositives(self, head: str) -> list[tuple[int, int]]:
        """(comma, end) of every ', a ... <head>' / ", Britain's largest <head>" in the text."""
        key = "," + head
        found = self._appositives.get(key)
        if found is None:
            pattern = re.compile(_DESCRIBED_TAIL[3:] + re.escape(head) + r"s?\b")
            found = _appositives_of(self.text, head, pattern)
            self._appositives[key] = found
        return found

    def described_as(self, head: str) -> _Ordered:
        """Every ', a ... <head>' description in the text: the word before its comma, by end.

        What `re.finditer(WORD + _DESCRIBED_TAIL + head)` finds, read only where a comma opens a
        description: a match's word is the whole word before the comma's white space (or what
        of it the previous match left), and whether it matches depends only on what follows.
        """
        ordered = self._described.get(head)
        if ordered is None:
            ordered = _Ordered()
            tail = re.compile(_DESCRIBED_TAIL + re.escape(head) + r"s?\b")
            last_end = 0
            for word_start, word_end in self._description_commas():
                start = max(word_start, last_end)
                if start >= word_end:
                    continue
                m = tail.match(self.text, word_end)
                if m is not None:
                    ordered.add(m.end(), self.text[start:word_end])
                    last_end = m.end()
            self._described[head] = ordered
        return ordered

    def _description_commas(self) -> list[tuple[int, int]]:
        """(start, end) of the word before each comma that opens a description, in text order."""
        if self._commas is None:
            text = self.text
            self._commas = []
            for m in _DESCRIPTION_OPENS.finditer(text):
                end = m.start()
                while end > 0 and text[end - 1].isspace():
                    end -= 1
                start = end
                while start > 0 and _is_name_char(text[start - 1]):
                    start -= 1
                if start < end:
                    self._commas.append((start, end))
        return self._commas


def _appositives_of(text: str, head: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of every `pattern.finditer(text)` match, where `pattern` is an appositive
    ending on `head`: tried only at the last comma before each place of `head`.

    A match opens on its only comma (nothing after the comma can hold one) and holds `head`, so
    it starts at the last comma before a place of `head`; matches at two commas cannot overlap.
    """
    if not head or "," in head:
        return [(m.start(), m.end()) for m in pattern.finditer(text)]
    commas: list[int] = []
    at = text.find(head)
    while at >= 0:
        comma = text.rfind(",", 0, at)
        if comma >= 0 and (not commas or commas[-1] != comma):
            commas.append(comma)
        at = text.find(head, at + 1)
    found = []
    for comma in commas:
        m = pattern.match(text, comma)
        if m is not None:
            found.append((comma, m.end()))
    return found


def _is_name_char(c: str) -> bool:
    """Whether `c` is one of the characters a described name is read from: a word character (a
    letter, a digit or '_'), a Latin letter with a diacritic, '&', '.' or '-'."""
    return c.isalnum() or c in "_&.-" or "\u00c0" <= c <= "\u024f"
