"""Disk writes that never tear a file, and the lock that serialises writers."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Every temporary file citekit writes is named `.<name>.citekit-<random>.tmp`, next to its target,
# so that the next command can find what a killed one left behind (and nothing else).
TEMP_NAME = re.compile(r"^\..+\.citekit-[A-Za-z0-9_]+\.tmp$")


def real_target(path: Path) -> Path:
    """Where a write to `path` must land: through a symlink to the real file, the link kept."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def write_temp(path: Path, data: str | bytes, sync: bool = True) -> Path:
    """A complete temporary copy of `data` next to `path`'s real target, ready to be renamed."""
    path = real_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.citekit-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        try:
            os.chmod(tmp, os.stat(path).st_mode & 0o777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return Path(tmp)


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename: old state or new, never torn.

    A symlink is written through: the file it points to is replaced, the link stays."""
    target = real_target(path)
    tmp = write_temp(target, data)
    try:
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def remove_temps(folder: Path) -> list[Path]:
    """Delete the temporary files a killed write left in `folder`; the paths removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return removed
    for entry in entries:
        if entry.name.startswith(".") and TEMP_NAME.match(entry.name):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _open_lock(lock_path: Path) -> int:
    if lock_path.is_dir():
        return os.open(lock_path, os.O_RDONLY | os.O_DIRECTORY)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    return os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)


@contextlib.contextmanager
def lock_if_free(lock_path: Path) -> Iterator[bool]:
    """The lock when nobody holds it (True), else nothing at all (False); never waits."""
    fd = _open_lock(lock_path)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextlib.contextmanager
def exclusive_lock(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock (blocking) for the duration of a read-modify-write.

    `lock_path` may be a folder: the lock is then held on the folder itself, which deleting any
    file inside it (the disposable .citekit/ included) cannot split."""
    fd = _open_lock(lock_path)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
