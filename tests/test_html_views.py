"""`show --html` and `check --html` as a browser renders them: headless Chromium loads each page
from disk and the tests read the DOM it ends with (after the page's own script ran)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import REPO, write

CITEKIT = str(Path(sys.executable).parent / "citekit")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")

HOSTILE = """date 2024-06-01

Visitors <script>document.documentElement.setAttribute('data-pwned', 'script')</script> rose
to 4,500 in May, the harbour office said.

A sign read " onmouseover="document.documentElement.setAttribute('data-pwned', 'attr')" x=" and
780 boats came in. <img src=x onerror="document.documentElement.setAttribute('data-pwned','img')">
"""


class Dom(HTMLParser):
    """The marks of a page (class, attributes, text), the root's attributes and all text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict] = []
        self.root: dict[str, str | None] = {}
        self.text: list[str] = []
        self.panel: list[str] = []
        self._mark: dict | None = None
        self._in_panel = 0
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.root = attributes
        if tag in ("script", "style"):
            self._skip += 1
        if self._in_panel or attributes.get("id") == "panel":
            self._in_panel += 1
        if tag == "mark" and not self._in_panel and "data-ref" in attributes:
            self._mark = {**attributes, "text": ""}

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if self._in_panel:
            self._in_panel -= 1
        if tag == "mark" and self._mark is not None:
            self.marks.append(self._mark)
            self._mark = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._in_panel:
            self.panel.append(data)
        if self._mark is not None:
            self._mark["text"] += data


def rendered(page: Path, tmp_path: Path, fragment: str = "") -> Dom:
    """The DOM headless Chromium ends with after loading `page` from disk."""
    profile = tmp_path / f"chromium-profile-{page.stem}"
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.as_uri() + fragment,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dom = Dom()
    dom.feed(result.stdout)
    assert dom.root.get("data-citekit") == "ready", "the page's own script did not run"
    return dom


def citekit(lib: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CITEKIT, "--library", str(lib), *args], capture_output=True, text=True)


@needs_chromium
def test_show_html_of_the_seed_highlights_exactly_its_figures(tmp_path):
    page = tmp_path / "show.html"
    result = citekit(REPO, "show", "tajik2017nationals", "--html", "-o", str(page))
    assert result.returncode == 0, result.stderr
    figures = json.loads(citekit(REPO, "figures", "tajik2017nationals", "--json").stdout)
    assert len(figures) == 21  # the seed, as recorded in refs.bib and annotations/
    dom = rendered(page, tmp_path)
    assert [m["text"] for m in dom.marks] == [f["text"] for f in figures]
    assert [m["id"] for m in dom.marks] == ["fig-" + f["id"].split(":")[1] for f in figures]
    credited = [m for m in dom.marks if "a-work" in m["class"].split()]
    assert len(credited) == sum(f["attributed_to"] == "soufan2017beyond" for f in figures)
    assert all(
        f"k-{f['kind']}" in m["class"].split() for m, f in zip(dom.marks, figures, strict=True)
    )
    text = "".join(dom.text)
    assert "Figures (21)" in text
    assert "1,300 Tajik nationals are fighting alongside Islamic State" in text  # the title


@needs_chromium
def test_show_html_panel_tells_value_unit_credit_and_the_works_entry(tmp_path):
    page = tmp_path / "show.html"
    assert citekit(REPO, "show", "tajik2017nationals", "--html", "-o", str(page)).returncode == 0
    figures = json.loads(citekit(REPO, "figures", "tajik2017nationals", "--json").stdout)
    russia = next(f for f in figures if f["text"] == "3,417")
    dom = rendered(page, tmp_path, "#fig-" + russia["id"].split(":")[1])
    panel = " ".join(dom.panel)
    assert "3,417" in panel and "fighters" in panel and "exact" in panel
    assert "soufan2017beyond — Beyond the Caliphate" in panel
    assert "The Soufan Center" in panel  # the cited work's entry
    assert "400 of the 3,417 fighters from Russia" in "".join(dom.panel)  # its passage


@needs_chromium
def test_a_hostile_source_renders_as_text_and_runs_nothing(tmp_path):
    lib = tmp_path / "lib"
    lib.mkdir()
    source = write(tmp_path / "hostile.txt", HOSTILE)
    title = "<script>document.documentElement.setAttribute('data-pwned','title')</script>"
    added = citekit(
        lib,
        "add",
        str(source),
        "--key",
        "hostile",
        "--title",
        title,
        "--url",
        "javascript:document.documentElement.setAttribute('data-pwned','u')",
    )
    assert added.returncode == 0, added.stderr
    page = tmp_path / "hostile.html"
    assert citekit(lib, "show", "hostile", "--html", "-o", str(page)).returncode == 0
    dom = rendered(page, tmp_path)
    assert "data-pwned" not in dom.root
    text = "".join(dom.text)
    assert "<script>document.documentElement.setAttribute('data-pwned', 'script')</script>" in text
    assert '" onmouseover="document.documentElement' in text
    assert "<img src=x onerror=" in text
    assert title in text  # the entry's title, shown as text
    assert "javascript:" in text and 'href="javascript' not in page.read_text(encoding="utf-8")
    figures = json.loads(citekit(lib, "figures", "hostile", "--json").stdout)
    assert [m["text"] for m in dom.marks] == [f["text"] for f in figures]
    assert {"4,500", "780"} <= {m["text"] for m in dom.marks}
    assert not any(k.startswith("on") for m in dom.marks for k in m)


DRAFT = """# Returnees

About 1,300 Tajik nationals fought in Syria and Iraq [@tajik2017nationals]. Of the fighters
from Russia 3,471 went [@tajik2017nationals]. Some 147 came home [@tajik2017nationals].
A made-up 58 per cent agree. <script>document.documentElement.setAttribute('data-pwned','d')</script>
"""


@needs_chromium
def test_check_html_verdict_counts_equal_check_json(tmp_path):
    draft = write(tmp_path / "draft.md", DRAFT)
    report = json.loads(citekit(REPO, "check", str(draft), "--json").stdout)
    summary = report["summary"]
    assert summary["traced"] >= 2 and summary["mismatch"] == 1 and summary["unsourced"] >= 1
    page = tmp_path / "check.html"
    result = citekit(REPO, "check", str(draft), "--html", "-o", str(page))
    assert result.returncode == 1  # the draft fails the check; the page is written all the same
    dom = rendered(page, tmp_path)
    assert "data-pwned" not in dom.root
    counts = {
        v: sum(m.get("data-verdict") == v for m in dom.marks) for v in summary if v != "numbers"
    }
    assert counts == {v: n for v, n in summary.items() if v != "numbers"}
    assert [m["text"] for m in dom.marks] == [n["text"] for n in report["numbers"]]
    text = "".join(dom.text)
    assert f"{summary['mismatch']} mismatch" in text.replace("\n", " ")
    assert "<script>document.documentElement" in text


@needs_chromium
def test_check_html_links_a_mismatch_to_the_figure_it_contradicts(tmp_path):
    draft = write(tmp_path / "draft.md", DRAFT)
    report = json.loads(citekit(REPO, "check", str(draft), "--json").stdout)
    index = next(i for i, n in enumerate(report["numbers"]) if n["verdict"] == "mismatch")
    page = tmp_path / "check.html"
    citekit(REPO, "check", str(draft), "--html", "-o", str(page))
    panel = " ".join(rendered(page, tmp_path, f"#n{index}").panel)
    figure = report["numbers"][index]["figure"]
    assert "the figure it mismatches" in panel
    assert f"{figure['id']}: “{figure['text']}”" in panel
    assert figure["sentence"].split()[0] in panel


def test_html_pages_are_self_contained(tmp_path):
    page = tmp_path / "show.html"
    assert citekit(REPO, "show", "tajik2017nationals", "--html", "-o", str(page)).returncode == 0
    text = page.read_text(encoding="utf-8")
    for needle in ('src="http', 'href="http', "@import", "url(", "<link"):
        assert needle not in text
    assert text.startswith("<!DOCTYPE html>")
    stdout = citekit(REPO, "show", "tajik2017nationals", "--html").stdout
    assert stdout == text


def test_html_and_json_together_or_output_alone_are_usage_errors(tmp_path):
    out = tmp_path / "x.html"
    for args in (
        ("show", "tajik2017nationals", "--html", "--json"),
        ("show", "tajik2017nationals", "-o", str(out)),
        ("check", str(REPO / "examples" / "draft.md"), "--html", "--format", "gcc"),
        ("check", str(REPO / "examples" / "draft.md"), "-o", str(out)),
    ):
        result = citekit(REPO, *args)
        assert result.returncode == 2, args
        assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
    assert not out.exists()


@needs_chromium
def test_show_html_carries_notes_corrections_and_hand_links(cli, tmp_path):
    from tests.test_show import ARTICLE, REVIEW

    write(tmp_path / "src" / "harbour.txt", ARTICLE)
    write(tmp_path / "src" / "review.txt", REVIEW)
    assert cli("add", str(tmp_path / "src" / "harbour.txt"), "--key", "harbour").exit_code == 0
    assert cli("add", str(tmp_path / "src" / "review.txt"), "--key", "review2024").exit_code == 0
    figures = {f["text"]: f["id"] for f in cli.json("figures", "harbour")}
    ships, cranes = figures["nearly 300"], figures["40"]
    assert cli("note", "harbour", "Read on the ferry", "--tag", "print").exit_code == 0
    assert cli("note", ships, "the review says 310").exit_code == 0
    assert cli("link", "--figure", ships, "--to", "review2024").exit_code == 0
    assert cli("fix", cranes, "--qualifier", "at_least").exit_code == 0
    page = tmp_path / "harbour.html"
    assert cli("show", "harbour", "--html", "-o", str(page)).exit_code == 0

    dom = rendered(page, tmp_path, "#fig-" + ships.split(":")[1])
    panel = " ".join(dom.panel)
    assert "the review says 310" in panel
    assert "credited to review2024" in panel and "linked" not in panel
    by_text = {m["text"]: m for m in dom.marks}
    assert "a-work" in by_text["nearly 300"]["class"].split()
    assert "corrected" in by_text["40"]["class"].split()
    assert "a-none" in by_text["4.2 million"]["class"].split()
    text = "".join(dom.text)
    assert "Read on the ferry #print" in text
    corrected = " ".join(rendered(page, tmp_path, "#fig-" + cranes.split(":")[1]).panel)
    assert "at_least" in corrected and "qualifier was exact" in corrected
