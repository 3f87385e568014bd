"""Self-contained HTML pages: one file, inline CSS and script, nothing fetched, open from disk.

Everything a page shows of a source or a draft is untrusted text. It reaches the page only
through `esc` (element text and attribute values, quotes included) or inside the page's data
block, JSON with `<`, `>` and `&` written as escapes so no text can close the script element.
The page's script builds the detail panel with `textContent` only, never `innerHTML`.
"""

from __future__ import annotations

import html
import json
from typing import Any

STYLE = """
:root { --ink: #1d2327; --dim: #667085; --line: #d0d5dd; --panel: #ffffff; --bg: #f8f9fb; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "DejaVu Sans", sans-serif;
  color: var(--ink); background: var(--bg); }
header { padding: 1rem 1.5rem; background: #fff; border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 .3rem; font-size: 1.3rem; }
.meta { margin: 0; color: var(--dim); font-size: .9rem; }
.meta span + span::before { content: " · "; }
.legend { margin: .5rem 0 0; font-size: .85rem; }
.legend mark { margin-right: .6rem; cursor: default; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 22rem; gap: 1.5rem;
  padding: 1.5rem; max-width: 90rem; }
@media (max-width: 60rem) { .layout { grid-template-columns: 1fr; } }
main { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.5rem; }
main p { margin: 0 0 1em; }
.front { color: var(--dim); }
.draft { white-space: pre-wrap; font: 15px/1.6 ui-monospace, "DejaVu Sans Mono", monospace; }
aside { font-size: .9rem; }
aside h2 { font-size: 1rem; margin: 0 0 .5rem; }
aside ol { list-style: none; margin: 0; padding: 0; max-height: 80vh; overflow: auto; }
aside li { padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
aside a { color: inherit; text-decoration: none; }
aside .id { color: var(--dim); font-family: ui-monospace, monospace; margin-right: .4rem; }
aside .what { color: var(--dim); }
mark { padding: 0 .12em; border-radius: 3px; cursor: pointer; color: inherit; }
mark:focus, mark.current { outline: 2px solid #1570ef; }
sup.marker { color: #0e7490; font-weight: bold; }
.note { margin: -.6em 0 1em 1rem; padding: .2rem .6rem; border-left: 3px solid #12b76a;
  color: #05603a; font-size: .9rem; }
.warn { color: #b42318; }
#panel { position: fixed; right: 1rem; bottom: 1rem; width: min(32rem, calc(100vw - 2rem));
  max-height: 70vh; overflow: auto; background: var(--panel); border: 1px solid var(--line);
  border-radius: 8px; box-shadow: 0 8px 24px rgba(16, 24, 40, .18); padding: .8rem 1rem; }
#panel h3 { margin: 0 0 .4rem; font-size: 1.05rem; }
#panel dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .8rem; margin: 0; }
#panel dt { color: var(--dim); }
#panel dd { margin: 0; overflow-wrap: anywhere; }
#panel blockquote { margin: .6rem 0 0; padding: .4rem .6rem; background: var(--bg);
  border-left: 3px solid var(--line); }
#panel .close { float: right; border: 0; background: none; font-size: 1.2rem; cursor: pointer; }
"""

SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById("citekit-data").textContent);
  var panel = document.getElementById("panel");
  var current = null;
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function show(ref, target) {
    var item = data.items[ref];
    if (!item) return;
    if (current) current.classList.remove("current");
    current = target; if (target) target.classList.add("current");
    panel.textContent = "";
    var close = el("button", "\\u00d7", "close");
    close.setAttribute("aria-label", "close");
    close.addEventListener("click", function () { panel.hidden = true; });
    panel.appendChild(close);
    panel.appendChild(el("h3", item.title));
    var dl = el("dl");
    item.rows.forEach(function (row) {
      dl.appendChild(el("dt", row[0])); dl.appendChild(el("dd", row[1]));
    });
    panel.appendChild(dl);
    (item.passages || []).forEach(function (p) {
      var quote = el("blockquote");
      if (p.label) { quote.appendChild(el("div", p.label, "what")); }
      quote.appendChild(document.createTextNode(p.before));
      quote.appendChild(el("mark", p.mark, p.cls || ""));
      quote.appendChild(document.createTextNode(p.after));
      panel.appendChild(quote);
    });
    panel.hidden = false;
  }
  document.querySelectorAll("[data-ref]").forEach(function (node) {
    var ref = node.getAttribute("data-ref");
    node.addEventListener("click", function (e) {
      if (node.tagName === "A") e.preventDefault();
      var mark = document.getElementById(node.getAttribute("data-mark") || "") || node;
      if (mark !== node) mark.scrollIntoView({block: "center"});
      show(ref, mark);
    });
    if (node.tagName === "MARK") {
      node.addEventListener("mouseenter", function () { show(ref, node); });
      node.addEventListener("focus", function () { show(ref, node); });
    }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") panel.hidden = true;
  });
  // A link to page.html#fig-f3 (or #n2) opens with that item's details shown.
  var wanted = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (wanted && wanted.hasAttribute("data-ref")) show(wanted.getAttribute("data-ref"), wanted);
  document.documentElement.setAttribute("data-citekit", "ready");
})();
"""


def esc(value: Any) -> str:
    """Text for an element or a quoted attribute value: <, >, &, " and ' escaped."""
    return html.escape("" if value is None else str(value), quote=True)


def data_block(data: Any) -> str:
    """`data` as JSON inside a script element that no text in it can close or break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="citekit-data">{text}</script>'


def safe_url(url: str | None) -> str | None:
    """Only web addresses become links; anything else (javascript:, data:) stays text."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def page(title: str, extra_style: str, body: str, data: Any) -> str:
    """A whole document; `body` is markup built from escaped parts only."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        f'<meta name="generator" content="citekit">\n<title>{esc(title)}</title>\n'
        f"<style>{STYLE}{extra_style}</style></head>\n<body>\n{body}\n"
        '<div id="panel" role="dialog" aria-live="polite" hidden></div>\n'
        f"{data_block(data)}\n<script>{SCRIPT}</script>\n</body></html>\n"
    )


def passage(sentence: str, start: int, end: int, label: str = "", cls: str = "") -> dict[str, Any]:
    """A passage for the panel: the text around [start, end) and the marked part."""
    start = max(0, min(start, len(sentence)))
    end = max(start, min(end, len(sentence)))
    return {
        "label": label,
        "before": sentence[:start],
        "mark": sentence[start:end],
        "after": sentence[end:],
        "cls": cls,
    }


def figure_passage(figure: dict[str, Any], label: str = "") -> dict[str, Any] | None:
    """The sentence of a recorded figure with the figure marked, or None without one."""
    sentence = figure.get("sentence") or ""
    if not sentence:
        return None
    offset = (figure.get("start") or 0) - (figure.get("sentence_start") or 0)
    text = figure.get("text") or ""
    if sentence[offset : offset + len(text)] != text:
        offset = sentence.find(text)
    if offset < 0:
        return passage(sentence, 0, 0, label)
    return passage(sentence, offset, offset + len(text), label)
