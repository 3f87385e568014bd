"""Only regular files are read, and only up to the size limit; refused inputs change nothing."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from citekit.errors import SourceError
from citekit.read.ingest import read_document
from citekit.read.source_bytes import max_source_bytes, read_source_bytes, read_stream

ARTICLE = "The ferry ran 1,204 crossings last year, 9% fewer than the year before.\n"


def test_regular_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    assert read_source_bytes(path) == ARTICLE.encode()


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(SourceError) as info:
        read_source_bytes(path, limit=1024)
    assert str(info.value) == (
        f"{path}: 2.0 KiB, more than the 1.0 KiB a source may have "
        "(set CITEKIT_MAX_SOURCE_MB to allow more)"
    )
    assert read_source_bytes(path, limit=2048) == b"x" * 2048


def test_limit_from_the_environment(monkeypatch):
    monkeypatch.setenv("CITEKIT_MAX_SOURCE_MB", "2")
    assert max_source_bytes() == 2 * 1024 * 1024
    monkeypatch.setenv("CITEKIT_MAX_SOURCE_MB", "lots")
    assert max_source_bytes() == 100 * 1024 * 1024


def test_stream_limit():
    assert read_stream(io.BytesIO(b"abc"), limit=3) == b"abc"
    with pytest.raises(SourceError, match=r"^<stdin>: more than the 3 bytes a source may have"):
        read_stream(io.BytesIO(b"abcd"), limit=3)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: os.mkfifo(p), "is a named pipe, not a regular file; save it to a file first"),
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: None, "no such file"),
    ],
)
def test_not_regular_files(tmp_path, make, message):
    path = tmp_path / "thing"
    make(path)
    with pytest.raises(SourceError) as info:
        read_document(path)
    assert str(info.value).startswith(f"{path}: {message}")


def test_character_device_is_refused():
    with pytest.raises(SourceError, match=r"^/dev/zero: is a character device"):
        read_document(Path("/dev/zero"))


def _lib_files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".citekit" not in p.parts
    }


@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "folder-less-dir", "big"])
def test_add_refuses_in_one_line_and_writes_nothing(tmp_path, target):
    """A real process, with a library that already holds a source (the unchanged-file check
    reads too), and a timeout: a FIFO or /dev/zero must not block or read for ever."""
    library = tmp_path / "lib"
    library.mkdir()
    (library / "a.txt").write_text(ARTICLE)
    exe = (
        [sys.executable, "-m", "citekit.cli"]
        if False
        else [str(Path(sys.executable).parent / "citekit")]
    )
    env = {**os.environ, "CITEKIT_MAX_SOURCE_MB": "0.001"}
    subprocess.run([*exe, "add", "a.txt"], cwd=library, check=True, capture_output=True, env=env)
    before = _lib_files(library)
    if target == "fifo":
        path = tmp_path / "pipe"
        os.mkfifo(path)
    elif target == "folder-less-dir":
        path = tmp_path / "empty-folder"
        path.mkdir()
    elif target == "big":
        path = tmp_path / "big.txt"
        path.write_text(ARTICLE * 100)
    else:
        path = Path(target)
    result = subprocess.run(
        [*exe, "add", str(path)], cwd=library, capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: "), result.stderr
    assert "Traceback" not in result.stderr
    assert _lib_files(library) == before
