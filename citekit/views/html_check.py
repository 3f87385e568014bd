"""`check --html`: the draft with each number coloured by its verdict, a summary bar on top, and
for each number (on click or hover) the source passage it was traced to, or the figure it
mismatches, with the reason. The draft is shown as written (its own line breaks kept)."""

from __future__ import annotations

from typing import Any

from citekit.check.matching.verdicts import VERDICTS, WORST_FIRST
from citekit.check.report import CheckReport, NumberResult
from citekit.views.html import esc, figure_passage, page, passage

VERDICT_COLOURS = {
    "traced": "#d1fadf",
    "mismatch": "#fee4e2",
    "elsewhere": "#fbe8ff",
    "unsourced": "#fef0c7",
}
VERDICT_TITLES = {
    "mismatch": "the cited source gives another value",
    "elsewhere": "not in the cited source; another source holds it",
    "unsourced": "no recorded source holds it",
    "traced": "the cited source holds it",
}
ORDER = WORST_FIRST
STRONG = {
    "traced": "#12b76a",
    "mismatch": "#d92d20",
    "elsewhere": "#9e77ed",
    "unsourced": "#f79009",
}
STYLE = "".join(
    f"mark.v-{v} {{ background: {c}; box-shadow: inset 0 -3px 0 {STRONG[v]}; }}\n"
    f".bar .v-{v}, aside .verdict.v-{v} {{ background: {STRONG[v]}; color: #fff; }}\n"
    for v, c in VERDICT_COLOURS.items()
)
STYLE += """
.summary { display: flex; gap: 1rem; flex-wrap: wrap; margin: .5rem 0 0; font-size: .95rem; }
.bar { display: flex; height: .7rem; border-radius: 4px; overflow: hidden; margin-top: .5rem;
  border: 1px solid var(--line); max-width: 40rem; }
.bar span { display: block; }
aside li .verdict { font-size: .8rem; padding: 0 .3rem; border-radius: 3px; margin-right: .3rem; }
"""


def _why(row: dict[str, Any]) -> str:
    """The reason a person can check: check's own `because` when it gives one."""
    because = row.get("because")
    if isinstance(because, str) and because:
        return because
    if isinstance(because, list) and because:
        return "; ".join(str(b) for b in because)
    return row.get("note") or VERDICT_TITLES[row["verdict"]]


def number_item(result: NumberResult, row: dict[str, Any]) -> dict[str, Any]:
    """What the panel shows about one number of the draft."""
    n = result.number
    rows = [
        ["verdict", f"{row['verdict']} — {VERDICT_TITLES[row['verdict']]}"],
        ["where", f"line {n.line}, column {n.column}"],
        ["cited", ", ".join(n.cited) if n.cited else "no citation"],
        ["why", _why(row)],
    ]
    if row.get("score") is not None:
        rows.append(["score", str(row["score"])])
    figure = result.figure
    passages = []
    if figure is not None:
        label = "the figure it mismatches" if row["verdict"] == "mismatch" else "traced to"
        rows.append([label, f"{figure.get('id')}: “{figure.get('text')}”"])
        chain = " → ".join(result.chain())
        if chain:
            rows.append(
                [
                    "source",
                    chain + (" (as its source says)" if figure.get("attributed_party") else ""),
                ]
            )
        quote = figure_passage(figure, f"{figure.get('source')}, passage")
        if quote:
            quote["cls"] = f"v-{row['verdict']}"
            passages.append(quote)
    for other in row.get("also") or []:
        rows.append(["also held by", f"{other.get('id')} ({other.get('text')})"])
    if row.get("unknown_keys"):
        rows.append(["unknown keys", ", ".join(row["unknown_keys"])])
    passages.insert(
        0, passage(n.sentence, n.local_start, n.local_end, "the draft says", f"v-{row['verdict']}")
    )
    return {"title": f"{n.text} — {row['verdict']}", "rows": rows, "passages": passages}


def _draft_html(text: str, results: list[NumberResult]) -> str:
    parts: list[str] = []
    pos = 0
    for index, result in sorted(enumerate(results), key=lambda ir: ir[1].number.start):
        n = result.number
        if n.start < pos:
            continue
        verdict = result.verdict.verdict
        parts.append(esc(text[pos : n.start]))
        parts.append(
            f'<mark class="num v-{esc(verdict)}" id="n{index}" data-ref="n{index}" '
            f'data-verdict="{esc(verdict)}" tabindex="0">{esc(text[n.start : n.end])}</mark>'
        )
        pos = n.end
    parts.append(esc(text[pos:]))
    return f'<div class="draft">{"".join(parts)}</div>'


def _summary(report: CheckReport, name: str) -> str:
    counts = report.counts()
    total = max(1, len(report.results))
    spans = "".join(
        f'<span class="count v-{v}" data-verdict="{v}"><b>{counts[v]}</b> {v}</span>' for v in ORDER
    )
    bar = "".join(
        f'<span class="v-{v}" style="width:{100 * counts[v] / total:.2f}%" title="{counts[v]} {v}"></span>'
        for v in ORDER
        if counts[v]
    )
    unknown = "".join(
        f'<p class="warn">Citation {esc(u.key)} on line {esc(", ".join(map(str, u.lines)))} '
        "is not in the library.</p>"
        for u in report.unknown_keys
    )
    return (
        f"<header><h1>{esc(name)}</h1>"
        f'<p class="meta"><span>{len(report.results)} numbers</span>'
        f"<span>{report.library_sources} sources, {report.library_figures} figures in the library</span></p>"
        f'<div class="summary">{spans}</div><div class="bar">{bar}</div>{unknown}</header>'
    )


def _side_list(report: CheckReport) -> str:
    items = []
    ranked = sorted(
        enumerate(report.results),
        key=lambda ir: (ORDER.index(ir[1].verdict.verdict), ir[1].number.line, ir[1].number.column),
    )
    for index, result in ranked:
        n, verdict = result.number, result.verdict.verdict
        items.append(
            f'<li><a href="#n{index}" data-ref="n{index}" data-mark="n{index}">'
            f'<span class="verdict v-{esc(verdict)}">{esc(verdict)}</span>'
            f'<span class="id">{n.line}:{n.column}</span><b>{esc(n.text)}</b></a></li>'
        )
    return f"<aside><h2>Numbers ({len(report.results)})</h2><ol>{''.join(items)}</ol></aside>"


def render(report: CheckReport) -> str:
    name = report.draft if report.draft != "-" else "<stdin>"
    text = report.parsed.text if report.parsed else ""
    rows = [r.to_dict() for r in report.results]
    items = {
        f"n{i}": number_item(r, row)
        for i, (r, row) in enumerate(zip(report.results, rows, strict=True))
    }
    body = (
        _summary(report, name)
        + f'<div class="layout"><main>{_draft_html(text, report.results)}</main>'
        + _side_list(report)
        + "</div>"
    )
    data = {
        "kind": "check",
        "draft": name,
        "summary": {v: report.counts()[v] for v in VERDICTS},
        "items": items,
    }
    return page(f"check — {name}", STYLE, body, data)
