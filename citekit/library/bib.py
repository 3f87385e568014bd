"""refs.bib through bibtexparser v2, written by splicing so that nothing the user wrote moves.

Untouched blocks (hand-edited entries, comments, @string, @preamble, blocks that failed to
parse) are written back byte for byte; only entries citekit changes are re-rendered, in place;
new entries are appended.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    Entry,
    Field,
    ParsingFailedBlock,
    String,
)

# bibtexparser logs every failed block as a warning; citekit reports them itself (with their
# line), so without a handler of the application's own they would print twice.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())

_FORMAT = bibtexparser.BibtexFormat()
_FORMAT.indent = "  "
_FORMAT.block_separator = "\n"
_FORMAT.trailing_comma = True

# Fields whose values are verbatim (paths, URLs, hashes): no LaTeX escaping.
VERBATIM_FIELDS = frozenset({"url", "file", "doi", "eprint", "related"})
# Order of fields in entries citekit creates: the bibliographic ones first, ours last.
FIELD_ORDER = (
    "title author institution editor journal journaltitle booktitle publisher organization "
    "howpublished type number date year month pages language url urldate doi file related "
    "relatedtype note"
).split()


def _is_verbatim(name: str) -> bool:
    name = name.lower()
    return name in VERBATIM_FIELDS or name.startswith("citekit-")


def _field_rank(name: str) -> tuple[int, str]:
    name = name.lower()
    if name in FIELD_ORDER:
        return (FIELD_ORDER.index(name), "")
    return (len(FIELD_ORDER) + (1 if name.startswith("citekit-") else 0), name)


# Name lists (author, editor): braces group a corporate name ({Meridian Water Trust}) as BibTeX
# defines; in every other text field a brace is a character like any other.
NAME_FIELDS = frozenset({"author", "editor", "translator"})
# How refs.bib writes the characters TeX reads as markup, so that every value parses back to
# itself with bibtexparser and with bibtex/biber (which count braces even after a backslash).
_TEXT_COMMANDS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    **{c: "\\" + c for c in "&%$#_"},
}
_ENCODE = re.compile(r"[\\{}~^&%$#_]")
_ENCODE_NAME = re.compile(r"[\\~^&%$#_]")
_DECODE = re.compile(
    r"\\(textbackslash|textbraceleft|textbraceright|textasciitilde|textasciicircum)"
    r"(?:\{\}|(?![A-Za-z]))|\\([&%$#_{}])|[{}]"
)
_DECODED = {
    "textbackslash": "\\",
    "textbraceleft": "{",
    "textbraceright": "}",
    "textasciitilde": "~",
    "textasciicircum": "^",
}


@dataclass
class FailedBlock:
    line: int  # 1-based line in refs.bib
    raw: str
    error: str


@dataclass
class _Slot:
    start: int
    end: int
    entry: Entry | None = None


@dataclass
class BibFile:
    """A parsed refs.bib that remembers where every block stands in the original text."""

    text: str
    entries: dict[str, Entry] = field(default_factory=dict)
    failed: list[FailedBlock] = field(default_factory=list)
    duplicates: list[FailedBlock] = field(default_factory=list)
    strings: dict[str, str] = field(default_factory=dict)
    _slots: dict[str, _Slot] = field(default_factory=dict)
    _changed: dict[str, Entry] = field(default_factory=dict)
    _appended: list[str] = field(default_factory=list)
    _fields_cache: dict[str, dict[str, str]] = field(default_factory=dict)
    _removed: list[_Slot] = field(default_factory=list)

    @classmethod
    def parse(cls, text: str) -> BibFile:
        bib = cls(text=text)
        library = bibtexparser.parse_string(text, parse_stack=[])
        pos = 0
        for block in library.blocks:
            raw = block.raw or ""
            found = text.find(raw, pos) if raw else -1
            start = found if found >= 0 else pos
            end = start + len(raw) if found >= 0 else pos
            pos = max(pos, end)
            line = (block.start_line or 0) + 1
            if isinstance(block, DuplicateBlockKeyBlock):
                bib.duplicates.append(FailedBlock(line, raw, f"duplicate key {block.key!r}"))
            elif isinstance(block, ParsingFailedBlock):
                bib.failed.append(FailedBlock(line, raw, _error_text(block.error)))
            elif isinstance(block, Entry):
                bib.entries[block.key] = block
                bib._slots[block.key] = _Slot(start, end, block)
            elif isinstance(block, String):
                bib.strings[block.key.lower()] = _strip_value(str(block.value))
        return bib

    # -- reading -------------------------------------------------------------------------

    def keys(self) -> list[str]:
        return list(self.entries) + [k for k in self._appended if k not in self.entries]

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def fields(self, key: str) -> dict[str, str]:
        """Plain field values (braces and escapes removed, @string macros resolved)."""
        cached = self._fields_cache.get(key)
        if cached is not None:
            return dict(cached)
        entry = self.entries[key]
        out: dict[str, str] = {"ENTRYTYPE": entry.entry_type.lower(), "ID": entry.key}
        for f in entry.fields:
            out[f.key.lower()] = self._plain(f.key.lower(), str(f.value))
        self._fields_cache[key] = out
        return dict(out)

    def names(self, key: str, name: str = "author") -> str:
        """A name list with the braces that group a corporate name: '{Meridian Water Trust}'."""
        for f in self.entries[key].fields:
            if f.key.lower() == name:
                return decode_text(_strip_value(str(f.value)), keep_groups=True)
        return ""

    def _plain(self, name: str, raw: str) -> str:
        raw = raw.strip()
        if raw and raw[0] in '{"':
            value = _strip_value(raw)
        elif raw.isdigit():
            value = raw
        else:  # macros and concatenations: a # "b"
            parts = [p.strip() for p in raw.split("#")]
            value = "".join(
                _strip_value(p) if p[:1] in '{"' else self.strings.get(p.lower(), p) for p in parts
            )
        if not _is_verbatim(name):
            value = decode_text(value)
        return value

    # -- writing -------------------------------------------------------------------------

    def set_entry(self, key: str, entry_type: str, values: dict[str, str | None]) -> bool:
        """Create or update an entry; fields absent from `values` are kept as they are.

        A value of None removes the field. Returns True when anything changed.
        """
        self._fields_cache.pop(key, None)
        existing = self.entries.get(key)
        if existing is None:
            names = sorted((k for k, v in values.items() if v is not None), key=_field_rank)
            fields = [Field(k, _enclose(k, str(values[k]))) for k in names]
            self.entries[key] = Entry(entry_type, key, fields)
            self._changed[key] = self.entries[key]
            if key not in self._appended:
                self._appended.append(key)
            return True
        changed = existing.entry_type.lower() != entry_type.lower()
        by_name = {f.key.lower(): f for f in existing.fields}
        new_fields = list(existing.fields)
        for name, value in values.items():
            current = by_name.get(name.lower())
            if value is None:
                if current is not None:
                    new_fields.remove(current)
                    changed = True
                continue
            if current is not None and self._plain(name.lower(), str(current.value)) == value:
                continue
            enclosed = _enclose(name, value)
            if current is not None:
                new_fields[new_fields.index(current)] = Field(current.key, enclosed)
            else:
                new_fields.append(Field(name, enclosed))
            changed = True
        if changed:
            updated = Entry(entry_type, key, new_fields)
            self.entries[key] = updated
            self._changed[key] = updated
        return changed

    def remove_entry(self, key: str) -> None:
        """Take an entry out; the text around it stays as it is."""
        self._fields_cache.pop(key, None)
        self.entries.pop(key)
        self._changed.pop(key, None)
        if key in self._appended:
            self._appended.remove(key)
        slot = self._slots.pop(key, None)
        if slot is not None:
            self._removed.append(slot)

    def rename_entry(self, old: str, new: str) -> None:
        """Give an entry a new key in place, every field kept as written."""
        entry = self.entries[old]
        renamed = Entry(entry.entry_type, new, list(entry.fields))
        self._fields_cache.pop(old, None)
        self.entries = {(new if k == old else k): (renamed if k == old else e)
                        for k, e in self.entries.items()}  # fmt: skip
        self._changed.pop(old, None)
        self._changed[new] = renamed
        if old in self._appended:
            self._appended[self._appended.index(old)] = new
        if old in self._slots:
            slot = self._slots.pop(old)
            self._slots[new] = _Slot(slot.start, slot.end, renamed)

    @property
    def dirty(self) -> bool:
        return bool(self._changed) or bool(self._removed)

    def render(self) -> str:
        """The new refs.bib text: the original with changed entries spliced in, new ones appended."""
        pieces: list[str] = []
        pos = 0
        slots = sorted(
            [(s, k) for k, s in self._slots.items() if k in self._changed and k not in self._appended]
            + [(s, None) for s in self._removed],
            key=lambda pair: pair[0].start,
        )
        for slot, key in slots:
            pieces.append(self.text[pos : slot.start])
            if key is not None:
                pieces.append(render_entry(self._changed[key]).rstrip("\n"))
                pos = slot.end
            else:  # a removed entry, with the blank line after it
                pos = slot.end
                while self.text[pos : pos + 1] == "\n" and pos - slot.end < 2:
                    pos += 1
        pieces.append(self.text[pos:])
        out = "".join(pieces)
        for key in self._appended:
            if out and not out.endswith("\n"):
                out += "\n"
            if out.strip():
                out += "\n"
            out += render_entry(self.entries[key])
        return out


def render_entry(entry: Entry) -> str:
    library = bibtexparser.Library([entry])
    return bibtexparser.write_string(library, unparse_stack=[], bibtex_format=_FORMAT)


def encode_text(value: str, name: str = "title") -> str:
    """A value as refs.bib writes it: every TeX special character as a text command, so that
    `decode_text` gives the value back and no part of it is markup (name lists keep balanced
    braces, which group a corporate name)."""
    pattern = _ENCODE
    if name.lower() in NAME_FIELDS and _balanced(value):
        pattern = _ENCODE_NAME
    return pattern.sub(lambda m: _TEXT_COMMANDS[m.group()], value)


def decode_text(value: str, keep_groups: bool = False) -> str:
    """The text of a refs.bib value: escapes and text commands resolved, grouping braces gone
    (kept with `keep_groups`, for a name list whose braces mark a corporate name)."""

    def plain(m: re.Match[str]) -> str:
        if m.group(1):
            return _DECODED[m.group(1)]
        if m.group(2):
            return m.group(2)
        return m.group() if keep_groups else ""

    return _DECODE.sub(plain, value)


def _balanced(value: str) -> bool:
    depth = 0
    for ch in value:
        depth += ch == "{"
        depth -= ch == "}"
        if depth < 0:
            return False
    return depth == 0


_URL_UNSAFE = {"{": "%7B", "}": "%7D", "\\": "%5C", "\r": "%0D", "\n": "%0A"}


def _enclose(name: str, value: str) -> str:
    if not _is_verbatim(name):
        return "{" + encode_text(value, name) + "}"
    if not _balanced(value) or any(c in value for c in "\\\r\n"):
        # A verbatim value (URL, path) that would break the file (unbalanced braces, a
        # backslash, a line break that could start a line with `@`): those characters are
        # percent-encoded, as a URL writes them.
        value = re.sub(r"[{}\\\r\n]", lambda m: _URL_UNSAFE[m.group()], value)
    return "{" + value + "}"


def _strip_value(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and (raw[0], raw[-1]) in (("{", "}"), ('"', '"')):
        return raw[1:-1]
    return raw


def _error_text(error: Exception) -> str:
    reason = getattr(error, "abort_reason", None) or str(error) or type(error).__name__
    return _first_line(str(reason)).rstrip(".")


def _first_line(text: str) -> str:
    return " ".join(text.split())[:200]
