"""LaTeX drafts: commands, math and comments out, citations kept, footnotes moved out of line.

`\\cite` and biblatex's multi-citations give their keys and locators; `\\footnote{...}` becomes a
region of its own whose marker in the running text cites what the footnote cites. siunitx
commands print what they print (citekit.check.drafts.siunitx).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from citekit.check.drafts import siunitx
from citekit.check.drafts.latex_commands import (
    CITE_COMMANDS,
    DROP_WITH_ARGS,
    MULTICITE_COMMANDS,
    NARRATIVE_COMMANDS,
    SECTIONING,
    SKIPPED_ENVIRONMENTS,
    SYMBOLS,
    TABULAR,
    WORD_COMMANDS,
)
from citekit.check.drafts.records import narrative_word
from citekit.check.drafts.scanning import Brackets
from citekit.check.drafts.shiftmap import Mapped, Region

_LATEX_SPECIAL = re.compile(r"[\\%{}$~&]|``|''|--")
_BEGIN_DOCUMENT = re.compile(r"\\begin\s*\{document\}")
_END_DOCUMENT = re.compile(r"\\end\s*\{document\}")
_COMMAND_NAME = re.compile(r"[A-Za-z]+\*?")
_DIGIT_GROUP = re.compile(r"\d{3}(?!\d)")
# Footnotes and headings read inside one another at most this deep; deeper, a command goes and
# its text stays, so reading never recurses on the draft's nesting.
_MAX_DEPTH = 32


class _LatexScanner:
    """LaTeX body text into regions: commands, math and comments out, footnotes out of line."""

    def __init__(self, m: Mapped, new_footnote: Callable[[], Region]) -> None:
        self.m = m
        self.s = m.text
        self.new_footnote = new_footnote
        self.brackets = Brackets(m.text)
        self.depth = 0

    def _skip_space(self, i: int, b: int) -> int:
        while i < b and self.s[i] in " \t\n":
            i += 1
        return i

    def _group(self, i: int, b: int, open_: str = "{", close: str = "}") -> tuple[int, int] | None:
        """Bounds (inside) of the group opening at the first non-space from `i`, and its end."""
        k = self._skip_space(i, b)
        if k < b and self.s[k] == open_:
            end = self.brackets.close(k, b, open_, close)
            if end is not None:
                return k, end
        return None

    def _skip_args(self, i: int, b: int, braces: int, optional: bool = True) -> int:
        """Past optional [..] arguments and `braces` {..} arguments."""
        remaining = braces
        while True:
            k = self._skip_space(i, b) if remaining else i
            if optional and k < b and self.s[k] == "[":
                end = self.brackets.close(k, b, "[", "]")
                if end is None:
                    return i
                i = end
                continue
            if remaining and k < b and self.s[k] == "{":
                end = self.brackets.close(k, b, "{", "}")
                if end is None:
                    return i
                i = end
                remaining -= 1
                continue
            return i

    def _nested(self, a: int, b: int, out: Region) -> None:
        self.depth += 1
        try:
            self.run(a, b, out)
        finally:
            self.depth -= 1

    def run(self, a: int, b: int, out: Region) -> None:
        s = self.s
        i = a
        while i < b:
            hit = _LATEX_SPECIAL.search(s, i, b)
            if hit is None:
                out.copy(self.m, i, b)
                return
            j = hit.start()
            out.copy(self.m, i, j)
            i = self._special(j, b, out, hit.group())

    def _special(self, j: int, b: int, out: Region, token: str) -> int:
        s, m = self.s, self.m
        if token == "``":
            out.put("\u201c", m, j, j + 2)
            return j + 2
        if token == "''":
            out.put("\u201d", m, j, j + 2)
            return j + 2
        if token == "--":
            if s.startswith("---", j):
                out.put("\u2014", m, j, j + 3)
                return j + 3
            out.put("\u2013", m, j, j + 2)
            return j + 2
        if token == "%":
            nl = s.find("\n", j, b)
            if nl < 0:
                return b
            k = nl + 1
            while k < b and s[k] in " \t":
                k += 1
            return k
        if token == "{":
            if s.startswith("{,}", j):
                out.put(",", m, j, j + 3)
                return j + 3
            return j + 1
        if token == "}":
            return j + 1
        if token == "~":
            out.put(" ", m, j, j + 1)
            return j + 1
        if token == "&":
            out.put(" ", m, j, j + 1)
            return j + 1
        if token == "$":
            if s.startswith("$$", j):
                close = s.find("$$", j + 2, b)
                return b if close < 0 else close + 2
            k = j + 1
            while k < b:
                k = s.find("$", k, b)
                if k < 0:
                    return b
                if s[k - 1] != "\\":
                    return k + 1
                k += 1
            return b
        return self._command(j, b, out)

    def _command(self, j: int, b: int, out: Region) -> int:
        s, m = self.s, self.m
        if j + 1 >= b:
            return b
        c = s[j + 1]
        if c == "\\":
            k = self._skip_args(j + 2, b, 0)
            out.put("\n", m, j, k)
            return k
        if c == "(":
            close = s.find("\\)", j + 2, b)
            return b if close < 0 else close + 2
        if c == "[":
            close = s.find("\\]", j + 2, b)
            return b if close < 0 else close + 2
        if c == ",":
            digits_before = out.tail(1).isdigit()
            if digits_before and _DIGIT_GROUP.match(s, j + 2, b):
                out.put(",", m, j, j + 2)
            elif digits_before:
                # `45\,\%`, `3\,km`: the space between a number and its unit, which the
                # extractor reads as an ordinary space (a thin space would part them).
                out.put(" ", m, j, j + 2)
            else:
                out.put("\u2009", m, j, j + 2)
            return j + 2
        name_match = _COMMAND_NAME.match(s, j + 1, b)
        if name_match is None:  # `\%`, `\,` done above; `\é` prints its letter
            out.put(SYMBOLS.get(c, c), m, j, j + 2)
            return j + 2
        raw = name_match.group()
        name = raw.rstrip("*")
        k = name_match.end()
        if name in CITE_COMMANDS:
            return self._cite(j, k, b, out, multi=False, narrative=name in NARRATIVE_COMMANDS)
        if name in MULTICITE_COMMANDS:
            return self._cite(j, k, b, out, multi=True, narrative=name in NARRATIVE_COMMANDS)
        if name in siunitx.SIUNITX:
            return self._siunitx(name, j, k, b, out)
        if name in ("footnote", "footnotetext") and self.depth < _MAX_DEPTH:
            k = self._skip_args(k, b, 0)
            group = self._group(k, b)
            if group is None:
                return k
            open_at, end = group
            region = self.new_footnote()
            self._nested(open_at + 1, end - 1, region)
            out.cite((), (), m, j, end, footnote=region.footnote)
            return end
        if name in DROP_WITH_ARGS:
            return self._skip_args(k, b, DROP_WITH_ARGS[name])
        if name == "href":
            group = self._group(k, b)
            return group[1] if group else k
        if name in SECTIONING and self.depth < _MAX_DEPTH:
            k = self._skip_args(k, b, 0)
            group = self._group(k, b)
            if group is None:
                return k
            out.put("\n\n", m, j, k)
            self._nested(group[0] + 1, group[1] - 1, out)
            out.put("\n\n", m, group[1] - 1, group[1])
            return group[1]
        if name in ("begin", "end"):
            return self._environment(j, k, b, out, begin=name == "begin")
        if name == "item":
            k = self._skip_args(k, b, 0)
            out.put("\n\n", m, j, k)
            return k
        if name in WORD_COMMANDS:
            replacement = WORD_COMMANDS[name]
            out.put(replacement, m, j, k)
            if k < b and s[k] == "{" and s.startswith("{}", k):
                return k + 2
            return k
        # Any other command (\emph, \textbf, \enquote...): the command goes, its text stays.
        if k < b and s[k] == "[":
            k = self._skip_args(k, b, 0)
        return k

    def _siunitx(self, name: str, j: int, k: int, b: int, out: Region) -> int:
        """siunitx's \\SI{21.1}{\\celsius}, \\qty, \\num, \\si, ranges and lists, printed.

        The whole command maps to what it prints, so a number read there points at the command
        from its backslash to its last brace (`\\SI{45}{\\percent}`), never at a fragment.
        Malformed arguments leave the command to the generic rule (command out, text stays).
        """
        s = self.s
        k = self._skip_args(k, b, 0)
        args: list[str] = []
        end = k
        for _ in range(siunitx.arguments(name)):
            group = self._group(end, b)
            if group is None:
                return k
            args.append(s[group[0] + 1 : group[1] - 1])
            end = group[1]
        self._put_printed(siunitx.printed(name, args), j, end, out)
        return end

    def _put_printed(self, text: str, j: int, end: int, out: Region) -> None:
        """Put `text` for the draft's [j, end), on its own: spaced from a digit before it."""
        if text and text[0].isdigit() and out.tail(1)[-1:].isdigit():
            text = " " + text
        out.put(text, self.m, j, end)

    def _environment(self, j: int, k: int, b: int, out: Region, begin: bool) -> int:
        s, m = self.s, self.m
        group = self._group(k, b)
        if group is None:
            return k
        env = s[group[0] + 1 : group[1] - 1].strip()
        end = group[1]
        out.put("\n\n", m, j, end)
        if not begin:
            return end
        if env in SKIPPED_ENVIRONMENTS:
            close = re.compile(r"\\end\s*\{" + re.escape(env) + r"\}").search(s, end, b)
            return b if close is None else close.end()
        if env in TABULAR:
            braces = 2 if env in ("tabular*", "tabularx", "tabulary") else 1
            return self._skip_args(end, b, braces)
        return self._skip_args(end, b, 0)

    def _cite(
        self, j: int, k: int, b: int, out: Region, multi: bool, narrative: bool = False
    ) -> int:
        """\\cite[pre][post]{a,b}; \\cites(pre)(post)[pre][post]{a}[post]{b}..."""
        s = self.s
        keys: list[str] = []
        locators: list[str] = []
        if multi:
            for _ in range(2):
                group = self._group(k, b, "(", ")")
                if group is None:
                    break
                k = group[1]
        while True:
            options: list[str] = []
            for _ in range(2):
                group = self._group(k, b, "[", "]")
                if group is None:
                    break
                options.append(s[group[0] + 1 : group[1] - 1])
                k = group[1]
            group = self._group(k, b)
            if group is None:
                break
            k = group[1]
            locator = _latex_plain(options[-1]) if options else ""
            for raw_key in s[group[0] + 1 : group[1] - 1].split(","):
                key = raw_key.strip()
                if key:
                    keys.append(key)
                    locators.append(locator)
            if not multi:
                break
            nxt = self._skip_space(k, b)
            if nxt >= b or s[nxt] not in "[{":
                break
        if keys:
            out.cite(tuple(keys), tuple(locators), self.m, j, k)
            if narrative:
                out.put(narrative_word(keys[0]), self.m, j, k)
        return k


def _latex_plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("~", " ").replace("\\,", " ")).strip()


def read_latex(text: str, main: Region, new_footnote: Callable[[], Region]) -> None:
    """The body of a LaTeX draft (between \\begin{document} and \\end{document}, when present)."""
    begin = _BEGIN_DOCUMENT.search(text)
    a = begin.end() if begin else 0
    end = _END_DOCUMENT.search(text, a)
    b = end.start() if end else len(text)
    _LatexScanner(Mapped.identity(text), new_footnote).run(a, b, main)
