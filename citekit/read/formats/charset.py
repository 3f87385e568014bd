"""Bytes to text: a given encoding, a byte-order mark, a page's declared charset, then detection.

The order is the one a careful reader applies. An encoding the user names (``--encoding``) always
wins. A byte-order mark is unambiguous. A web page's own declaration (``<meta charset>``, the
``http-equiv`` Content-Type, an XML declaration) is honoured the way a browser honours it, with
one exception: bytes that are valid UTF-8 with non-ASCII characters under a legacy declaration
are a page re-saved as UTF-8 whose old declaration stayed behind (a legacy text is practically
never valid UTF-8 by accident). Without any of these, UTF-8 is tried, and only then is a legacy
8-bit encoding detected, with a warning, since detection is a guess.

Detection uses charset-normalizer for the candidates and their "mess" (how garbled each decoding
reads). Short Western texts decode cleanly in many code pages at once, so among the equally clean
candidates the most widely used encoding wins (windows-1252 first, as browsers assume for
undeclared legacy pages).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from citekit.errors import SourceError

# UTF-32 LE's mark starts with UTF-16 LE's: test the longer marks first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf_32_le"),
    (codecs.BOM_UTF32_BE, "utf_32_be"),
    (codecs.BOM_UTF8, "utf_8"),
    (codecs.BOM_UTF16_LE, "utf_16_le"),
    (codecs.BOM_UTF16_BE, "utf_16_be"),
)
# Legacy encodings by how common they are in real text; ties in detection go to the earlier.
_PREVALENCE = (
    "cp1252", "iso8859_15", "cp1251", "cp1250", "iso8859_2", "koi8_r", "cp1253", "cp1254",
    "cp1257", "cp1255", "cp1256", "cp1258", "cp874", "cp932", "gb18030", "big5", "euc_kr",
)  # fmt: skip
_TIE = 0.01  # mess ratios this close are equally clean
# WHATWG: these labels mean windows-1252 on the web; a UTF-16 label in a meta tag means UTF-8.
_WEB_ALIASES = {"latin_1": "cp1252", "ascii": "cp1252", "iso8859_1": "cp1252"}
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""\A\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_BODY = re.compile(rb"<body\b", re.IGNORECASE)
_HEAD_LIMIT = 256 * 1024  # declarations are looked for in the head, at most this far in


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python codec name
    how: str  # "given", "bom", "declared", "utf-8", "detected"
    warning: str | None = None


def codec_name(label: str) -> str | None:
    """Python's canonical codec name for an encoding label, None when unknown."""
    try:
        return codecs.lookup(label.strip()).name.replace("-", "_")
    except (LookupError, ValueError):
        return None


def display_name(codec: str) -> str:
    names = {"cp1252": "windows-1252", "cp1251": "windows-1251", "cp1250": "windows-1250"}
    if codec in names:
        return names[codec]
    if codec.startswith("cp125"):
        return "windows-" + codec[2:]
    return codec.replace("_", "-")


def bom(data: bytes) -> tuple[str, int] | None:
    """(codec, length of the mark) when the data opens with a byte-order mark."""
    for mark, codec in _BOMS:
        if data.startswith(mark):
            return codec, len(mark)
    return None


def decode_given(data: bytes, encoding: str, name: str) -> Decoded:
    """Decode with the encoding the user named; a leading byte-order mark is dropped."""
    codec = codec_name(encoding)
    if codec is None:
        raise SourceError(f"{name}: unknown encoding {encoding!r}")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise SourceError(f"{name}: not {display_name(codec)} text (byte {exc.start})") from None
    return Decoded(text.removeprefix("\ufeff"), codec, "given")


def decode_text(data: bytes, name: str, encoding: str | None = None) -> Decoded:
    """A text file's characters: given encoding, BOM, UTF-8, then a detected legacy encoding."""
    if encoding:
        return decode_given(data, encoding, name)
    found = bom(data)
    if found is not None:
        codec, length = found
        try:
            return Decoded(data[length:].decode(codec), codec, "bom")
        except UnicodeDecodeError as exc:
            raise SourceError(
                f"{name}: invalid {display_name(codec)} text (byte {exc.start + length})"
            ) from None
    wide = _utf16_without_bom(data)
    if wide is not None:
        return Decoded(
            data.decode(wide),
            wide,
            "detected",
            f"{name}: no byte-order mark; read as {display_name(wide)} (--encoding to override)",
        )
    if b"\x00" in data[:8192]:
        raise SourceError(f"{name}: binary file, not text, Markdown, HTML or PDF")
    try:
        return Decoded(data.decode("utf-8"), "utf_8", "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    return _detected(data, name, first_bad)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of a Latin script saved without a mark: every other byte is zero."""
    sample = data[:4096]
    if len(sample) < 16 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, codec in ((odd, "utf_16_le"), (even, "utf_16_be")):
        other = even if zeros is odd else odd
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) == 0:
            try:
                data.decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    return None


def _detected(data: bytes, name: str, first_bad: int) -> Decoded:
    codec = detect_legacy(data)
    if codec is None:
        raise SourceError(
            f"{name}: not UTF-8 text (byte {first_bad}) and its encoding cannot be told; "
            "give it with --encoding"
        )
    return Decoded(
        data.decode(codec, errors="replace"),
        codec,
        "detected",
        f"{name}: not UTF-8; read as {display_name(codec)} (detected; --encoding to override)",
    )


def detect_legacy(data: bytes) -> str | None:
    """The most plausible legacy encoding of bytes that are not UTF-8, or None."""
    from charset_normalizer import from_bytes  # loaded only for the rare legacy file
    from charset_normalizer.md import mess_ratio

    mess: dict[str, float] = {}
    for match in from_bytes(data):
        for codec in (match.encoding, *match.could_be_from_charset):
            if codec.startswith("utf"):
                continue  # not UTF-8 is why we are here; UTF-16/32 need a mark
            mess.setdefault(codec, match.chaos)
    for codec in _PREVALENCE:
        if codec not in mess:
            try:
                mess[codec] = mess_ratio(data.decode(codec), 1.0)
            except UnicodeDecodeError:
                continue
    if not mess:
        return None
    cleanest = min(mess.values())
    if cleanest >= 0.5:
        return None  # garbled in every encoding: not text
    tied = [codec for codec, ratio in mess.items() if ratio <= cleanest + _TIE]
    rank = {codec: i for i, codec in enumerate(_PREVALENCE)}
    return min(tied, key=lambda codec: rank.get(codec, len(rank)))


def declared_charset(data: bytes) -> str | None:
    """The codec a page declares for itself (XML declaration, meta charset, http-equiv)."""
    end = _BODY.search(data, 0, _HEAD_LIMIT)
    head = data[: end.start() if end else _HEAD_LIMIT]
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not found:
        return None
    codec = codec_name(found.group(1).decode("ascii", "replace"))
    if codec is None:
        return None
    if codec.startswith(("utf_16", "utf_32")):
        return "utf_8"  # bytes read as ASCII to find the tag cannot be UTF-16
    return _WEB_ALIASES.get(codec, codec)


def decode_html(data: bytes, name: str, encoding: str | None = None) -> Decoded:
    """A saved page's characters: given, BOM, declared (unless stale), UTF-8, detected."""
    if encoding:
        return decode_given(data, encoding, name)
    found = bom(data)
    if found is not None:
        codec, length = found
        return Decoded(data[length:].decode(codec, errors="replace"), codec, "bom")
    declared = declared_charset(data)
    if declared is not None and declared != "utf_8" and _is_utf8_beyond_ascii(data):
        return Decoded(data.decode("utf-8"), "utf_8", "utf-8")  # a stale legacy declaration
    if declared is not None:
        return Decoded(data.decode(declared, errors="replace"), declared, "declared")
    try:
        return Decoded(data.decode("utf-8"), "utf_8", "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    return _detected(data, name, first_bad)


def _is_utf8_beyond_ascii(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
