"""Reading a draft: the numbers it states, where they stand, and the citations that cover them.

Each format's reader (markdown, latex; plain text is taken as it stands) rewrites the draft into
clean text with a shift map back to the draft. The numbers are then read with the same extractor
as sources, so a draft and its sources agree on what "2.3 million" or "more than 4,000" means.
Citations are kept as positions in the clean text; a number is covered by the citations of its
sentence, failing that of its paragraph or footnote. Footnotes are moved out of line into regions
of their own, and their marker in the running text cites whatever the footnote cites.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from pathlib import PurePath

from citekit.check.drafts.labels import is_identifier
from citekit.check.drafts.latex import read_latex
from citekit.check.drafts.markdown import read_markdown
from citekit.check.drafts.records import Citation, Draft, DraftNumber
from citekit.check.drafts.shiftmap import Mapped, Region
from citekit.models import Figure
from citekit.read.segment import Segment, sentences

FORMATS = ("md", "tex", "txt")
_SUFFIX_FORMATS = {
    ".md": "md",
    ".markdown": "md",
    ".mdown": "md",
    ".pandoc": "md",
    ".qmd": "md",
    ".rmd": "md",
    ".tex": "tex",
    ".latex": "tex",
    ".ltx": "tex",
    ".txt": "txt",
    ".text": "txt",
}


def format_for(path: str | PurePath | None, default: str = "md") -> str:
    """The draft format implied by a file name (`-` and unknown suffixes give `default`)."""
    if path is None or str(path) == "-":
        return default
    return _SUFFIX_FORMATS.get(PurePath(str(path)).suffix.lower(), default)


def clean_draft(text: str, fmt: str) -> tuple[Mapped, list[Citation], dict[str, tuple[int, int]]]:
    """The prose of a draft as clean text, its citations, and the clean span of each footnote."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown draft format {fmt!r} (md, tex or txt)")
    text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    main = Region()
    footnotes: dict[str, Region] = {}
    counter = [0]

    def new_footnote() -> Region:
        counter[0] += 1
        label = f"fn{counter[0]}"
        while label in footnotes:
            counter[0] += 1
            label = f"fn{counter[0]}"
        region = Region(footnote=label)
        footnotes[label] = region
        return region

    if fmt == "txt":
        main.copy(Mapped.identity(text), 0, len(text))
    elif fmt == "md":
        read_markdown(text, main, footnotes, new_footnote)
    else:
        read_latex(text, main, new_footnote)
    return _assemble(text, main, footnotes)


def _assemble(
    text: str, main: Region, footnotes: dict[str, Region]
) -> tuple[Mapped, list[Citation], dict[str, tuple[int, int]]]:
    """Running text first, then each footnote as a paragraph of its own."""
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    parts = list(main.parts)
    starts = list(main.starts)
    ends = list(main.ends)
    raw: list[tuple[Region, int]] = [(main, 0)]
    spans: dict[str, tuple[int, int]] = {}
    for label, region in footnotes.items():
        if not region.pos and not region.cites:
            continue
        at = starts[-1] if starts else 0
        parts.append("\n\n")
        starts.extend([at, at])
        ends.extend([at, at])
        base = len(starts)
        parts.extend(region.parts)
        starts.extend(region.starts)
        ends.extend(region.ends)
        spans[label] = (base, len(starts))
        raw.append((region, base))
    citations: list[Citation] = []
    for region, base in raw:
        for keys, locators, pos, start, end, marker in region.cites:
            line = bisect.bisect_right(line_starts, start)
            citations.append(
                Citation(keys, locators, pos + base, start, end, line, marker, region.footnote)
            )
    # A footnote marker cites what its footnote cites.
    by_footnote: dict[str, list[Citation]] = {}
    for citation in citations:
        if citation.in_footnote and citation.keys:
            by_footnote.setdefault(citation.in_footnote, []).append(citation)
    resolved: list[Citation] = []
    for citation in citations:
        if citation.footnote is not None:
            inner = by_footnote.get(citation.footnote, [])
            keys = tuple(k for c in inner for k in c.keys)
            locators = tuple(loc for c in inner for loc in c.locators)
            citation = Citation(
                keys,
                locators,
                citation.pos,
                citation.start,
                citation.end,
                citation.line,
                citation.footnote,
                citation.in_footnote,
            )
        resolved.append(citation)
    resolved.sort(key=lambda c: c.pos)
    return Mapped("".join(parts), starts, ends), resolved, spans


def _covering(
    citations: list[Citation], segments: list[Segment]
) -> tuple[list[list[Citation]], dict[int, list[Citation]], dict[str, list[Citation]]]:
    """Citations by sentence index, by paragraph index and by footnote.

    A citation belongs to the sentence it stands in, or, standing between sentences (after a full
    stop: `... nurses.\\footnote{..}`), to the sentence before it.
    """
    seg_starts = [seg.start for seg in segments]
    by_sentence: list[list[Citation]] = [[] for _ in segments]
    by_paragraph: dict[int, list[Citation]] = {}
    by_footnote: dict[str, list[Citation]] = {}
    for citation in citations:
        if citation.in_footnote:
            by_footnote.setdefault(citation.in_footnote, []).append(citation)
        index = bisect.bisect_right(seg_starts, citation.pos) - 1
        if index < 0:
            index = 0 if segments else -1
        if index < 0:
            continue
        by_sentence[index].append(citation)
        by_paragraph.setdefault(segments[index].paragraph, []).append(citation)
    return by_sentence, by_paragraph, by_footnote


def _keys_of(citations: list[Citation]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for citation in citations:
        for key in citation.keys:
            seen.setdefault(key, None)
    return tuple(seen)


def _footnote_at(
    spans: list[tuple[tuple[int, int], str]], starts: list[int], pos: int
) -> str | None:
    """The label of the footnote whose clean span holds `pos` (spans sorted, disjoint)."""
    k = bisect.bisect_right(starts, pos) - 1
    if k >= 0 and spans[k][0][0] <= pos < spans[k][0][1]:
        return spans[k][1]
    return None


def _sentence_parts(
    clean: str, segment: Segment, by_sentence: list[list[Citation]], index: int
) -> tuple[str, tuple[int, ...], tuple[str, ...]]:
    """A sentence's text, where its citations stood (sentence offsets) and the keys they give."""
    own = by_sentence[index] if index >= 0 else []
    breaks = tuple(c.pos - segment.start for c in own if segment.start <= c.pos <= segment.end)
    return clean[segment.start : segment.end], breaks, _keys_of(own)


def read_draft(
    text: str,
    fmt: str = "md",
    extract: Callable[[str], list[Figure]] | None = None,
) -> Draft:
    """Read a draft: its numbers (real figures only) and the citations covering each.

    `extract` is the figure extractor (citekit.extract.extract_figures unless given), the same one
    sources are read with.
    """
    if extract is None:
        from citekit.extract import extract_figures

        extract = extract_figures
    text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    clean, citations, footnotes = clean_draft(text, fmt)
    segments = sentences(clean.text)
    seg_starts = [seg.start for seg in segments]
    by_sentence, by_paragraph, by_footnote = _covering(citations, segments)
    footnote_spans = sorted((span, label) for label, span in footnotes.items())
    footnote_starts = [span[0] for span, _ in footnote_spans]
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    # What every number of one sentence shares is built once per sentence and shared, so a
    # sentence of many numbers and many citations costs their sum, not their product.
    shared: dict[int, tuple[str, tuple[int, ...], tuple[str, ...]]] = {}
    keys_of: dict[int, tuple[str, ...]] = {}

    def keys_for(covering: list[Citation]) -> tuple[str, ...]:
        got = keys_of.get(id(covering))
        if got is None:
            got = keys_of[id(covering)] = _keys_of(covering)
        return got

    numbers: list[DraftNumber] = []
    for figure in extract(clean.text):
        if not figure.is_figure or is_identifier(clean.text, figure):
            continue
        start, end = clean.span(figure.start, figure.end)
        index = bisect.bisect_right(seg_starts, figure.start) - 1
        segment = segments[index] if index >= 0 else Segment(0, len(clean.text), 0)
        footnote = _footnote_at(footnote_spans, footnote_starts, figure.start)
        if index not in shared:
            shared[index] = _sentence_parts(clean.text, segment, by_sentence, index)
        sentence, breaks, sentence_keys = shared[index]
        covering = by_sentence[index] if index >= 0 else []
        keys, cited_by = sentence_keys, "sentence"
        if not keys:
            if footnote is not None:
                covering, cited_by = by_footnote.get(footnote, []), "footnote"
            else:
                covering, cited_by = by_paragraph.get(segment.paragraph, []), "paragraph"
            keys = keys_for(covering)
        line = bisect.bisect_right(line_starts, start)
        numbers.append(
            DraftNumber(
                figure=figure,
                text=text[start:end],
                start=start,
                end=end,
                line=line,
                column=start - line_starts[line - 1] + 1,
                cited=keys,
                cited_by=cited_by if keys else "",
                sentence=sentence,
                sentence_start=segment.start,
                footnote=footnote,
                breaks=breaks,
            )
        )
    return Draft(text, fmt, clean, citations, numbers, footnotes)
