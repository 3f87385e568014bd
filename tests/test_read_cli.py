"""add/extract as users run them: --encoding, warnings on stderr, snapshots of legacy text."""

from __future__ import annotations

import json

TEXT = "Tarifs du café\nLe café coûte désormais 3 €, soit 12 % de plus qu'à Noël.\n"


def test_legacy_text_is_recorded_with_a_warning_and_a_utf8_snapshot(cli, tmp_path):
    path = tmp_path / "cafe.txt"
    path.write_bytes(TEXT.encode("cp1252"))
    result = cli("add", str(path), "--key", "cafe")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == (
        f"Warning: {path}: not UTF-8; read as windows-1252 (detected; --encoding to override)"
    )
    snapshot = cli.root / "sources" / "cafe.txt"
    assert snapshot.read_text(encoding="utf-8") == TEXT
    assert (cli.root / "sources" / "cafe.windows-1252.txt").read_bytes() == path.read_bytes()
    bib = (cli.root / "refs.bib").read_text(encoding="utf-8")
    assert "title = {Tarifs du café}" in bib
    assert cli("verify").exit_code == 0


def test_encoding_option_overrides_and_re_reads_a_recorded_file(cli, tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes("Kentin bütçesi yüzde 12 arttı.\n".encode("cp1254"))
    assert cli("add", str(path), "--key", "note").exit_code == 0
    result = cli("add", str(path), "--key", "note", "--encoding", "windows-1254", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"][0]["warnings"] == []
    snapshot = (cli.root / "sources" / "note.txt").read_text(encoding="utf-8")
    assert snapshot == "Kentin bütçesi yüzde 12 arttı.\n"


def test_extract_encoding_and_bad_encoding(cli, tmp_path):
    path = tmp_path / "n.txt"
    path.write_bytes("Les ventes ont crû de 7 %.\n".encode("latin-1"))
    records = json.loads(cli("extract", str(path), "--encoding", "latin-1", "--json").stdout)
    assert [r["text"] for r in records] == ["7 %"]
    bad = cli("extract", str(path), "--encoding", "no-such-codec")
    assert bad.exit_code == 1
    assert bad.stderr.strip() == f"Error: {path}: unknown encoding 'no-such-codec'"
