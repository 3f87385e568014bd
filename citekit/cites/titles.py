"""Titles of cited works as the text names them: "a report titled X", a quoted or capitalised title next
to a work noun, an emphasised title in HTML, or "the X Index".

Each is a candidate; `merge_candidates` makes one work of every distinct title.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from citekit.cites.lexer import Token, TokenStream, reach, tokens
from citekit.cites.names import normalise_name
from citekit.cites.titlecase import (
    SMALL_WORDS,
    is_capitals,
    restore_title_case,
    word_set,
)
from citekit.cites.titlescan import (
    GENRE_WORDS,
    genre_sentences,
    introductions,
    with_two_capital_words,
)
from citekit.cites.vocabulary import MONTH_WORDS, WORK_NOUN_ALTERNATION, WORK_NOUNS
from citekit.models import CitedWork, Span
from citekit.read.segment import Segment

# A work noun just before a title: 'its report "Dry Taps"', 'the study, DRY TAPS'.
_NOUN_BEFORE = re.compile(rf"\b(?P<noun>{WORK_NOUN_ALTERNATION})\s*,?\s*$", re.IGNORECASE)
# A work noun just after a title: '"Dry Taps" report', 'DRY TAPS, a new study by ...'.
_NOUN_AFTER = re.compile(
    r"[,.]?[\"'\u201d\u2019\u00bb]?\s*(?:\((?:19|20)\d{2}\)\s*)?(?:,\s*(?:a|an)\s+)?"
    r"(?:(?:new|latest|recent|annual|first|major|(?:19|20)\d{2}|[\w-]+-page)\s+){0,2}"
    rf"(?P<noun>{WORK_NOUN_ALTERNATION})\b",
    re.IGNORECASE,
)
_GENRE_TYPE = {
    "index": "index",
    "survey": "survey",
    "census": "survey",
    "study": "study",
    "poll": "poll",
    "ranking": "index",
    "tracker": "index",
    "scorecard": "index",
    "barometer": "survey",
}
# Last words of organisation names: "the Meridian Trust report" is the Center's report, not a title.
_ORG_HEADS = word_set(
    """center centre institute institution trust ministry bank fund organisation organization
    agency council university foundation commission group office programme program network forum
    association society coalition federation union observatory watch international initiative
    partnership alliance board service department authority committee corporation company inc ltd
    tank unit lab laboratory school college government police army court secretariat"""
)
TITLE_SMALL = SMALL_WORDS - {
    "by",
    "than",
    "vs",
    "versus",
    "off",
    "out",
    "up",
    "per",
    "via",
    "so",
    "yet",
    "nor",
}
_STOP_AFTER = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\b"
)
_OPEN_QUOTES = {'"': '"', "\u201c": "\u201d", "\u2018": "\u2019", "'": "'", "\u00ab": "\u00bb"}
# A quotation holding a full stop mid-way is speech, not a title.
# ("Situation Report No. 5": the full stop of an abbreviation before a number does not count.)
_INNER_SENTENCE = re.compile(
    r"(?<!\bNo)(?<!\bNos)(?<!\bVol)(?<!\bPt)(?<!\bNr)(?<!\bvol)(?<!\bno)[.!?]\s+\S"
)
_OPENER = re.compile('["\u201c\u00ab\u2018]')
POSSESSIVE_END = re.compile("['\u2019]s$")
YEAR = re.compile(r"^(?:19|20)\d{2}$")
_ARTICLES = frozenset({"the", "its", "their"})
# Words that, in an emphasised title, say it is a report: "Sudan Humanitarian Update No. 12".
# Genre words that also end the names of periodicals ("The Christian Science Monitor").
_PERIODICAL_GENRES = word_set("monitor review")
_CHANGE_VERBS = word_set(
    "rose fell climbed increased decreased dropped jumped edged slipped rises falls climbs stood"
)
# Words just before a title that say a work is named: "the author of", "wrote", "entitled".
_NAMES_A_WORK = re.compile(
    r"\b(?:author\s+of|wrote|written|titled|entitled|novel|memoir|book)\W*$", re.IGNORECASE
)
_PUBLISHED_AFTER = re.compile(
    r"[\"'\u201d\u2019]?,?\s+(?:(?:which|that)\s+(?:was|were)\s+)?(?:published|released|issued)\b"
)
_TITLE_GENRES = GENRE_WORDS | word_set("update bulletin factsheet brief briefing overview snapshot")


@dataclass
class _Candidate:
    """A title found in the text, before works are merged."""

    start: int
    end: int
    work_type: str
    consumed: tuple[
        int, int
    ]  # the whole introducing phrase, so it is not taken for a later mention


# --- titles -----------------------------------------------------------------------------------------


def _paragraph_end(paras: list[tuple[int, int]], pos: int) -> int:
    i = bisect_right(paras, (pos, 1 << 62)) - 1
    if 0 <= i < len(paras) and paras[i][0] <= pos < paras[i][1]:
        return paras[i][1]
    return pos


def title_candidates(
    text: str, segs: list[Segment], paras: list[tuple[int, int]], emphasis: list[tuple[int, int]]
) -> list[_Candidate]:
    found: list[_Candidate] = []
    # Kept sorted by start; candidates never overlap, so a neighbour check decides.
    starts: list[int] = []

    def add(cand: _Candidate | None) -> None:
        if cand is None or cand.end <= cand.start:
            return
        i = bisect_right(starts, cand.start)
        if i > 0 and found[i - 1].end > cand.start:
            return
        if i < len(found) and found[i].start < cand.end:
            return
        starts.insert(i, cand.start)
        found.insert(i, cand)

    for m in introductions(text):
        limit = _paragraph_end(paras, m.end())
        span = _title_at(text, m.end(), limit, loose=True)
        # "the report called Norway a model": after "called", a bare one-word name is no title.
        if (
            span
            and m.group("verb").lower() in {"called", "dubbed"}
            and text[m.end()] not in _OPEN_QUOTES
            and len(text[span[0] : span[1]].split()) < 2
        ):
            span = None
        if span:
            add(
                _Candidate(
                    span[0], span[1], WORK_NOUNS[m.group("noun").lower()], (m.start(), span[1])
                )
            )
    for start, end in emphasis:
        add(_emphasised(text, start, end))
    for start, end in _quoted_spans(text, paras):
        add(_adjacent(text, start, end, title_like=_title_like(text[start:end])))
    for start, end in _capital_runs(text, paras):
        add(_adjacent(text, start, end, title_like=True))
    for cand in _named_genre_titles(text, segs):
        add(cand)
    found.sort(key=lambda c: c.start)
    return found


def _title_at(text: str, pos: int, limit: int, loose: bool) -> tuple[int, int] | None:
    """Span of the title starting at `pos`: quoted, in capitals (with its subtitle) or in title case."""
    if pos >= limit:
        return None
    close = _OPEN_QUOTES.get(text[pos])
    if close:
        end = text.find(close, pos + 1, min(limit, pos + 400))
        if end < 0 and text[pos] == "\u201c":
            end = text.find('"', pos + 1, min(limit, pos + 400))
        if end < 0:
            return None
        start, stop = pos + 1, end
        while stop > start and text[stop - 1] in " ,.;:":
            stop -= 1
        while start < stop and text[start] == " ":
            start += 1
        if stop <= start or (not loose and not _title_like(text[start:stop])):
            return None
        return start, stop
    return _bare_title(text, pos, limit)


def _bare_title(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """An unquoted title: a run of capitals (then an optional subtitle) or of title-case words.

    The tokens are read only as far as the title goes (a stream), not to the end of the window.
    """
    toks = TokenStream(text, pos, min(limit, pos + 400))
    if not reach(toks, 0) or not toks[0].is_word or not toks[0].text[0].isupper():
        return None
    capitals = is_capitals(toks[0].text) or (
        reach(toks, 1) and is_capitals(toks[0].text + toks[1].text)
    )
    subtitle = False
    end = -1
    k = -1
    while reach(toks, k + 1):
        k += 1
        tok = toks[k]
        word = tok.text
        if tok.is_word:
            low = word.lower()
            if capitals and not subtitle:
                ok = is_capitals(word) or word.isdigit() or (len(word) == 1 and word.isupper())
            else:
                ok = word[0].isupper() or word[0].isdigit() or (low in TITLE_SMALL and end > 0)
            if not ok:
                break
            if low in {"on", "in"} and reach(toks, k + 1) and _STOP_AFTER.match(toks[k + 1].text):
                break
            if low not in TITLE_SMALL or capitals and not subtitle and end < 0:
                end = tok.end
        elif word == ":" and end == tok.start:
            subtitle = True
        elif (
            word in {"-", "\u2013", "\u2014"}
            and end > 0
            and reach(toks, k + 1)
            and toks[k + 1].is_word
        ):
            subtitle = subtitle or (capitals and not is_capitals(toks[k + 1].text))
        elif word in {"&", "'", "\u2019"}:
            continue
        else:
            break
    if end <= pos:
        return None
    return pos, end


def _title_like(s: str) -> bool:
    """A quotation reads as a title when most of its longer words are capitalised."""
    words = s.split()
    if not words or len(words) > 25 or not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    if _INNER_SENTENCE.search(s):
        return False
    long_words = [w for w in words if len(w.strip("\"'(),:;-")) >= 4]
    if not long_words:
        return len(words) <= 3
    caps = sum(1 for w in long_words if w.strip("\"'(")[:1].isupper() or w[:1].isdigit())
    return caps / len(long_words) >= 0.6


def _quoted_spans(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Inner spans of quotations in double or typographic quotes, paragraph by paragraph."""
    out: list[tuple[int, int]] = []
    for p_start, p_end in paras:
        pos = p_start
        while pos < p_end:
            opening = _OPENER.search(text, pos, p_end)
            if opening is None:
                break
            nxt = opening.start()
            close = _OPEN_QUOTES[text[nxt]]
            end = text.find(close, nxt + 1, p_end)
            if end < 0 and close == "\u201d":
                end = text.find('"', nxt + 1, p_end)
            if end < 0:
                break
            start, stop = nxt + 1, end
            while stop > start and text[stop - 1] in " ,.;:":
                stop -= 1
            if stop > start:
                out.append((start, stop))
            pos = end + 1
    return out


def _capital_runs(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of two or more words in capitals that are not just acronyms ("IS", "UN")."""
    return _read_runs(text, with_two_capital_words(text, paras))


def _runs_in(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`_capital_runs` read in every one of `paras`, from end to end."""
    return _read_runs(text, [(start, end, start, end) for start, end in paras])


def _read_runs(text: str, areas: list[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    """The runs of each (paragraph start, paragraph end, low, high): read from the tokens between
    low and high, the only ones in the paragraph that may be in capitals."""
    out: list[tuple[int, int]] = []
    for _, p_end, low, high in areas:
        toks = tokens(text, low, high)
        k = 0
        while k < len(toks):
            if (
                toks[k].is_word
                and is_capitals(toks[k].text)
                and (k == 0 or not is_capitals(toks[k - 1].text))
            ):
                span = _bare_title(text, toks[k].start, p_end)
                if span:
                    words = text[span[0] : span[1]].split()
                    caps_words = [w for w in words if is_capitals(w)]
                    if len(caps_words) >= 2 and any(len(w.strip(":,")) >= 4 for w in caps_words):
                        out.append(span)
                        while k < len(toks) and toks[k].start < span[1]:
                            k += 1
                        continue
            k += 1
    return out


def _adjacent(text: str, start: int, end: int, title_like: bool) -> _Candidate | None:
    """A title stands next to a work noun: 'its report "Dry Taps"', 'DRY TAPS, a new report by'."""
    if not title_like:
        return None
    outer = start - 1 if start > 0 and text[start - 1] in _OPEN_QUOTES else start
    before = _NOUN_BEFORE.search(text, max(0, outer - 40), outer)
    if before:
        return _Candidate(
            start, end, WORK_NOUNS[before.group("noun").lower()], (before.start(), end)
        )
    after = _NOUN_AFTER.match(text, end)
    if after and after.group("noun").islower():
        return _Candidate(start, end, WORK_NOUNS[after.group("noun").lower()], (start, after.end()))
    return None


def _emphasised(text: str, start: int, end: int) -> _Candidate | None:
    """A span the HTML set in <em>/<cite>: a title when it reads as one."""
    while start < end and text[start] in " \"'\u201c\u2018":
        start += 1
    while end > start and text[end - 1] in " \"'\u201d\u2019,.;:":
        end -= 1
    if end <= start or not _title_like(text[start:end]):
        return None
    before = _NOUN_BEFORE.search(text, max(0, start - 40), start)
    after = _NOUN_AFTER.match(text, end)
    words = text[start:end].lower().split()
    genre = [w for w in words if w in _TITLE_GENRES]
    if before:
        work_type = WORK_NOUNS[before.group("noun").lower()]
    elif after:
        work_type = WORK_NOUNS[after.group("noun").lower()]
    elif genre and not (words[0] == "the" and genre[-1] in _PERIODICAL_GENRES):
        # "<cite>Pakistan Floods Situation Report No. 5</cite>": the title says what it is
        # ("<em>The Christian Science Monitor</em>" is a newspaper, not a monitor report).
        work_type = _GENRE_TYPE.get(genre[-1], "report")
    elif _NAMES_A_WORK.search(text, max(0, start - 40), start) or _PUBLISHED_AFTER.match(text, end):
        # "the author of <em>Dry Season</em>", "entitled <em>Tidewater</em>", "<em>Tidewater</em>,
        # published last year".
        work_type = "misc"
    else:
        # Emphasis alone is no title: headings, captions, bylines and outlets' names are set in
        # <em>/<strong> too ("Spring 1", "Header Image", "told <em>The Daily Courier</em>").
        return None
    return _Candidate(
        start, end, work_type, (before.start() if before else start, after.end() if after else end)
    )


def _named_genre_titles(text: str, segs: list[Segment]) -> list[_Candidate]:
    """'the Global Peace Index', 'the World Drug Report', 'the Global Findex survey'."""
    out: list[_Candidate] = []
    for seg in genre_sentences(text, segs):
        toks = tokens(text, seg.start, seg.end)
        k = 0
        while k < len(toks):
            tok = toks[k]
            starts_name = tok.is_word and tok.text[0].isupper() and k > 0
            after_article = starts_name and (
                toks[k - 1].lower in _ARTICLES
                or POSSESSIVE_END.search(toks[k - 1].text) is not None
            )
            after_year = (
                starts_name
                and k > 1
                and YEAR.match(toks[k - 1].text) is not None
                and toks[k - 2].lower in _ARTICLES
            )
            if not (after_article or after_year):
                k += 1
                continue
            j = k
            while j + 1 < len(toks) and (
                (
                    toks[j + 1].is_word
                    and toks[j + 1].text[0].isupper()
                    and "'" not in toks[j + 1].text
                    and "\u2019" not in toks[j + 1].text
                )
                or (
                    toks[j + 1].lower in {"of", "on", "for", "and", "&"}
                    and j + 2 < len(toks)
                    and toks[j + 2].text[:1].isupper()
                )
            ):
                j += 1
            run = toks[k : j + 1]
            if len(run) >= 3 and run[0].text in MONTH_WORDS:
                # "its October World Economic Outlook": the month names the edition, not the work.
                run = run[1:]
            last = run[-1].lower
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if (
                len(run) >= 2
                and last in GENRE_WORDS
                and not _not_a_genre_title(toks, k, run, nxt)
                and not any(t.lower in _ORG_HEADS for t in run[:-1])
            ):
                out.append(
                    _Candidate(
                        run[0].start,
                        run[-1].end,
                        _GENRE_TYPE.get(last, "report"),
                        (run[0].start, run[-1].end),
                    )
                )
            elif (
                len(run) >= 2
                and nxt is not None
                and nxt.lower in WORK_NOUNS
                and nxt.text.islower()
                and last not in _ORG_HEADS
                and last != "nations"  # "the United Nations report": its issuer, not its title
                and not all(t.text.isupper() for t in run)
                # "the Okoro and Lindqvist survey": its authors' names, not its title.
                and not (len(run) == 3 and run[1].lower in {"and", "&"})
            ):
                work_type = _GENRE_TYPE.get(last, WORK_NOUNS[nxt.lower])
                out.append(
                    _Candidate(run[0].start, run[-1].end, work_type, (run[0].start, nxt.end))
                )
            k = j + 1
    return out


def _not_a_genre_title(toks: list[Token], k: int, run: list[Token], nxt: Token | None) -> bool:
    """A capitalised run ending in a genre word that names something else: a body ("data collected
    by the British Geological Survey"), a periodical ("in The Lowland Review": a capital "The"
    inside a sentence belongs to its name; "the Global Peace Index" is a work), or a statistic
    series that moves ("the Consumer Price Index rose 3.1%")."""
    last = run[-1].lower
    if k >= 2 and toks[k - 2].lower == "by" and toks[k - 1].lower == "the":
        return True
    if k >= 2 and toks[k - 1].text == "The" and last in _PERIODICAL_GENRES:
        return True
    return last == "index" and (
        any(t.lower in {"price", "prices"} for t in run)
        or (nxt is not None and nxt.lower in _CHANGE_VERBS)
    )


def merge_candidates(
    text: str, candidates: list[_Candidate]
) -> tuple[list[CitedWork], list[tuple[int, int, int]], list[tuple[int, int]]]:
    """One CitedWork per distinct title; every occurrence as (start, end, work index); first intros."""
    intros: list[tuple[int, int]] = []
    works: list[CitedWork] = []
    by_key: dict[str, int] = {}
    occurrences: list[tuple[int, int, int]] = []
    for cand in candidates:
        raw = text[cand.start : cand.end]
        title = " ".join(raw.split())
        if any(is_capitals(w) and len(w) > 3 for w in title.split()):
            title = restore_title_case(title)
        key = normalise_name(title)
        if not key:
            continue
        if key in by_key:
            index = by_key[key]
            works[index].mentions.append(Span(cand.start, cand.end))
        else:
            index = len(works)
            by_key[key] = index
            works.append(
                CitedWork(
                    title=title,
                    title_text=raw,
                    start=cand.start,
                    end=cand.end,
                    work_type=cand.work_type,
                )
            )
            intros.append(cand.consumed)
        occurrences.append((cand.start, cand.end, index))
    return works, occurrences, intros
