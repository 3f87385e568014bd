"""The bytes of a source: only regular files, never more than a size limit.

A path may name something that is not a file: a directory, a named pipe (opening it for reading
blocks until a writer comes, which may be never), a device such as /dev/zero (endless). These are
refused before a byte is read. The file is opened without blocking and examined through its open
descriptor, so what is checked is what is read. A file larger than the limit is refused with its
size, and reading stops at the limit even when a file grows while it is read.

The limit (``MAX_SOURCE_BYTES``, 100 MiB) is far above any article or report's text; a
scanned report with images may pass it, and ``CITEKIT_MAX_SOURCE_MB`` raises it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from citekit.errors import SourceError

MAX_SOURCE_BYTES = 100 * 1024 * 1024
_CHUNK = 1024 * 1024


def max_source_bytes() -> int:
    """The limit in force: ``CITEKIT_MAX_SOURCE_MB`` when set to a positive number."""
    raw = os.environ.get("CITEKIT_MAX_SOURCE_MB", "").strip()
    try:
        value = float(raw) if raw else 0.0
    except ValueError:
        value = 0.0
    return int(value * 1024 * 1024) if value > 0 else MAX_SOURCE_BYTES


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n} bytes"


def _too_large(name: str, size: int | None, limit: int) -> SourceError:
    what = f"{_size(size)}, more" if size is not None else "more"
    return SourceError(
        f"{name}: {what} than the {_size(limit)} a source may have "
        "(set CITEKIT_MAX_SOURCE_MB to allow more)"
    )


_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_source_bytes(path: Path | str, limit: int | None = None) -> bytes:
    """All bytes of a regular file, or a SourceError naming the path and the problem."""
    limit = max_source_bytes() if limit is None else limit
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise SourceError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise SourceError(_directory(name)) from None
    except OSError as exc:
        raise SourceError(f"{name}: cannot read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise SourceError(_directory(name))
        if not stat.S_ISREG(info.st_mode):
            kind = next((what for test, what in _KINDS if test(info.st_mode)), "not a file")
            raise SourceError(f"{name}: is {kind}, not a regular file; save it to a file first")
        if info.st_size > limit:
            raise _too_large(name, info.st_size, limit)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return _read_capped(handle, name, limit)
    except OSError as exc:
        raise SourceError(f"{name}: cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, name: str = "<stdin>", limit: int | None = None) -> bytes:
    """The bytes of a stream (stdin), refused once they pass the limit."""
    return _read_capped(stream, name, max_source_bytes() if limit is None else limit)


def _read_capped(stream: BinaryIO, name: str, limit: int) -> bytes:
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_large(name, None, limit)


def _directory(name: str) -> str:
    return f"{name}: is a directory (give files, or a folder to `add` in batch)"
