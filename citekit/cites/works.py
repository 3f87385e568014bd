"""The works a source cites by title, who issued them, and the parties it quotes without a title.

A news article that reports a think tank's numbers names the work in one of a few ways: "a report titled
X", a quoted or capitalised title next to the word report, an emphasised title in HTML, or "the X Index".
Later it refers back to it ("the report", "the Meridian Trust's report"). Those references are recorded as
mentions because attribution needs them: "according to the report" must land on the right work.

Everything here is a pure function of the text. Detection is by general patterns; when a reference cannot be
resolved without guessing (two reports and "the report"), it is left unresolved.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass

from citekit.cites.cues import (
    DATA_WORDS,
    GENERIC_BODIES,
    WINDOW,
    WORK_NOUNS,
    NameIndex,
    Spans,
    Speaker,
    acronym,
    find_clauses,
    is_acronym,
    is_anaphoric,
    normalise_name,
    noun_phrase_ending,
    same_organisation,
    short_form_of,
    speaker_after,
    speaker_before,
    tokens,
)
from citekit.cites.titlecase import SMALL_WORDS, is_capitals, restore_title_case, word_set
from citekit.models import CitedWork, Party, Span
from citekit.read.segment import Segment, paragraphs, segment_at, sentences

_NOUNS = "|".join(sorted(WORK_NOUNS, key=len, reverse=True))
# "a report titled X", "the study, entitled X", "a survey called X".
_INTRO = re.compile(
    rf"\b(?P<noun>{_NOUNS})s?\b(?:\s+(?:by|from)\s+[^,.;:\"\u201c]{{1,80}}?)?,?\s+(?:(?:which\s+)?(?:is|was)\s+)?"
    r"(?P<verb>titled|entitled|called|dubbed)\b\s*[:,]?\s*",
    re.IGNORECASE,
)
# "The study, published in the journal Nature Medicine and titled X": "titled" may stand further off.
_INTRO_WIDE = re.compile(
    rf"\b(?P<noun>{_NOUNS})\b[^.;:!?\"\u201c\u201d]{{1,100}}?\b(?P<verb>titled|entitled)\b\s*[:,]?\s*",
    re.IGNORECASE,
)
# A work noun just before a title: 'its report "Dry Taps"', 'the study, DRY TAPS'.
_NOUN_BEFORE = re.compile(rf"\b(?P<noun>{_NOUNS})\s*,?\s*$", re.IGNORECASE)
# A work noun just after a title: '"Dry Taps" report', 'DRY TAPS, a new study by ...'.
_NOUN_AFTER = re.compile(
    r"[,.]?[\"'\u201d\u2019\u00bb]?\s*(?:\((?:19|20)\d{2}\)\s*)?(?:,\s*(?:a|an)\s+)?"
    r"(?:(?:new|latest|recent|annual|first|major|(?:19|20)\d{2}|[\w-]+-page)\s+){0,2}"
    rf"(?P<noun>{_NOUNS})\b",
    re.IGNORECASE,
)
_GENRE_WORDS = word_set(
    """report index survey outlook barometer review yearbook atlas census study poll monitor
    tracker ranking scorecard"""
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
_TITLE_SMALL = SMALL_WORDS - {
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
_PUBLISHED_BY = re.compile(
    r"\b(?:published|released|issued|produced|compiled|written|prepared|commissioned|conducted|authored"
    r"|carried out|put out)\s+(?:[\w\u00c0-\u024f-]+\s+){0,4}?by\s+"
    rf"|\b(?:{_NOUNS})s?\s+(?:by|from)\s+",
    re.IGNORECASE,
)
_BY_AFTER_TITLE = re.compile(r"[\"'\u201d\u2019\u00bb]?,?\s+(?:by|from)\s+")
# A quotation holding a full stop mid-way is speech, not a title.
# ("Situation Report No. 5": the full stop of an abbreviation before a number does not count.)
_INNER_SENTENCE = re.compile(
    r"(?<!\bNo)(?<!\bNos)(?<!\bVol)(?<!\bPt)(?<!\bNr)(?<!\bvol)(?<!\bno)[.!?]\s+\S"
)
_FIRST_WORD = re.compile(r"[\w\u00c0-\u024f]+")
_OPENER = re.compile('["\u201c\u00ab\u2018]')
_POSSESSIVE_END = re.compile("['\u2019]s$")
_PUBLISHER_VERB = re.compile(
    r"\b(?:published|publishes|released|releases|issued|issues|produced|launched|launches|unveiled"
    r"|presented|compiled|commissioned|(?:said|says|warned|warns|found|finds|wrote|writes)\s+in)\b"
)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_YEAR_PUBLISHED = re.compile(
    r"\b(?:published|released|issued|launched|dated|produced|conducted|carried out|compiled)\s+"
    rf"(?:(?:on|in|last)\s+)?(?:(?:{_MONTHS})\.?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?"
    r"(?P<year>(?:19|20)\d{2})\b"
)
_YEAR_BEFORE_NOUN = re.compile(
    rf"\b(?:its|their|the|a|an|his|her)\s+(?P<year>(?:19|20)\d{{2}})\s+(?:[\w-]+\s+){{0,3}}?(?:{_NOUNS})\b",
    re.IGNORECASE,
)
_YEAR_IN_PARENS = re.compile(r"[\"'\u201d\u2019]?\s*\((?P<year>(?:19|20)\d{2})\)")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_MENTION_NOUN = re.compile(rf"\b(?:{_NOUNS})\b")
_MENTION_NOUN_ANY = re.compile(rf"\b(?:{_NOUNS})\b", re.IGNORECASE)
# ", a Geneva-based research group": the name before it is an organisation that may issue a work.
_APPOSITIVE_ORG = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w\u00c0-\u024f-]+\s+){0,5}?"
    r"(?:think[- ]tank|research (?:group|centre|center|institute|organi[sz]ation)|institute|"
    r"organi[sz]ation|charity|ngo|watchdog|group|consultancy|firm|agency|foundation|non-?profit|"
    r"university|observatory)\b",
    re.IGNORECASE,
)
# "the trust's previous report" is another work than the one just named.
_OTHER_WORK = word_set(
    "previous earlier prior last former another separate other older second next forthcoming"
)
_ARTICLES = frozenset({"the", "its", "their"})
# Words that, in an emphasised title, say it is a report: "Sudan Humanitarian Update No. 12".
_TITLE_GENRES = _GENRE_WORDS | word_set(
    "update bulletin factsheet brief briefing overview snapshot"
)
_MONTH_WORDS = word_set(_MONTHS.replace("|", " "))
# 'its October World Economic Outlook': the edition, then the title.
_ITS_BEFORE = re.compile(
    rf"\b(?:its|their)\s+(?:(?:19|20)\d{{2}}\s+)?(?:(?:{_MONTHS})\s+)?$", re.IGNORECASE
)
# "a report published on Tuesday", "released this week", "a new report": the work came out when the
# source did, so a year inside its title ("... Report for 2022") is the period it covers.
_PUBLISHED_LATELY = re.compile(
    r"\b(?:published|released|issued|launched|unveiled|presented|out)\s+(?:on\s+|late\s+|early\s+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|this\s+week"
    r"|this\s+month|last\s+week|earlier\s+this\s+(?:week|month))\b"
    rf"|\b(?:a|the|its|their)\s+new\s+(?:[\w-]+\s+)?(?:{_NOUNS})\b",
    re.IGNORECASE,
)
_DATA_HEADS = frozenset({"data", "figures", "statistics", "estimates", "records", "numbers"})


@dataclass
class _Candidate:
    """A title found in the text, before works are merged."""

    start: int
    end: int
    work_type: str
    consumed: tuple[
        int, int
    ]  # the whole introducing phrase, so it is not taken for a later mention


def find_works(
    text: str,
    source_date: dt.date | None = None,
    emphasis: list[tuple[int, int]] | None = None,
) -> tuple[list[CitedWork], list[Party]]:
    """Works cited by title (one per distinct title, with their later mentions) and quoted parties."""
    segs = sentences(text)
    paras = paragraphs(text)
    candidates = _title_candidates(text, segs, paras, emphasis or [])
    works, occurrences, intros = _merge(text, candidates)
    consumed = [c.consumed for c in candidates]
    for index, work in enumerate(works):
        work.organisation = _direct_organisation(text, segs, work, intros[index])
    occurrences += _repeated_titles(text, works, consumed)
    _resolve_mentions(text, segs, works, occurrences, consumed)
    for work in works:
        for mention in work.mentions:
            if work.organisation is None:
                work.organisation = _published_by(text, segs, work, mention.start)
    _appositive_organisations(text, segs, works)
    names: list[tuple[int, str]] | None = None
    for work in works:
        if work.organisation and (is_acronym(work.organisation) or work.organisation.islower()):
            names = _capitalised_names(text) if names is None else names
            work.organisation = _named_in_full(work.organisation, work.start, names)
    for index, work in enumerate(works):
        _set_year(text, segs, work, intros[index], source_date)
    parties = _parties(text, segs, works)
    return works, parties


def work_identity(work: CitedWork) -> str:
    """The key under which the same work cited by two sources is one entry.

    Normalised title (case, punctuation, quotes, a leading article and white space do not count) and,
    when known, the normalised organisation: "title|organisation". Works whose organisation is unknown
    have an empty organisation part; the caller decides whether to merge those with an organised match.
    """
    title = normalise_name(work.title)
    org = normalise_name(work.organisation) if work.organisation else ""
    return f"{title}|{org}"


def same_work(a: CitedWork, b: CitedWork) -> bool:
    """Looser than `work_identity` equality: same normalised title, and organisations that agree when
    both are known ('Meridian' and 'the Meridian Water Trust' agree; a missing one does not object)."""
    if normalise_name(a.title) != normalise_name(b.title):
        return False
    if not a.organisation or not b.organisation:
        return True
    return same_organisation(a.organisation, b.organisation)


# --- titles -----------------------------------------------------------------------------------------


def _paragraph_end(paras: list[tuple[int, int]], pos: int) -> int:
    i = bisect_right(paras, (pos, 1 << 62)) - 1
    if 0 <= i < len(paras) and paras[i][0] <= pos < paras[i][1]:
        return paras[i][1]
    return pos


def _title_candidates(
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

    for m in [*_INTRO.finditer(text), *_INTRO_WIDE.finditer(text)]:
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
    """An unquoted title: a run of capitals (then an optional subtitle) or of title-case words."""
    toks = tokens(text, pos, min(limit, pos + 400))
    if not toks or not toks[0].is_word or not toks[0].text[0].isupper():
        return None
    capitals = is_capitals(toks[0].text) or (
        len(toks) > 1 and is_capitals(toks[0].text + toks[1].text)
    )
    subtitle = False
    end = -1
    for k, tok in enumerate(toks):
        word = tok.text
        if tok.is_word:
            low = word.lower()
            if capitals and not subtitle:
                ok = is_capitals(word) or word.isdigit() or (len(word) == 1 and word.isupper())
            else:
                ok = word[0].isupper() or word[0].isdigit() or (low in _TITLE_SMALL and end > 0)
            if not ok:
                break
            if low in {"on", "in"} and k + 1 < len(toks) and _STOP_AFTER.match(toks[k + 1].text):
                break
            if low not in _TITLE_SMALL or capitals and not subtitle and end < 0:
                end = tok.end
        elif word == ":" and end == tok.start:
            subtitle = True
        elif (
            word in {"-", "\u2013", "\u2014"}
            and end > 0
            and k + 1 < len(toks)
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
    out: list[tuple[int, int]] = []
    for p_start, p_end in paras:
        toks = tokens(text, p_start, p_end)
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
    genre = [w for w in text[start:end].lower().split() if w in _TITLE_GENRES]
    if before:
        work_type = WORK_NOUNS[before.group("noun").lower()]
    elif after:
        work_type = WORK_NOUNS[after.group("noun").lower()]
    elif genre:
        # "<cite>Pakistan Floods Situation Report No. 5</cite>": the title says what it is.
        work_type = _GENRE_TYPE.get(genre[-1], "report")
    else:
        work_type = "misc"
    return _Candidate(
        start, end, work_type, (before.start() if before else start, after.end() if after else end)
    )


def _named_genre_titles(text: str, segs: list[Segment]) -> list[_Candidate]:
    """'the Global Peace Index', 'the World Drug Report', 'the Global Findex survey'."""
    out: list[_Candidate] = []
    for seg in segs:
        toks = tokens(text, seg.start, seg.end)
        k = 0
        while k < len(toks):
            tok = toks[k]
            starts_name = tok.is_word and tok.text[0].isupper() and k > 0
            after_article = starts_name and (
                toks[k - 1].lower in _ARTICLES
                or _POSSESSIVE_END.search(toks[k - 1].text) is not None
            )
            after_year = (
                starts_name
                and k > 1
                and _YEAR.match(toks[k - 1].text) is not None
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
            if len(run) >= 3 and run[0].text in _MONTH_WORDS:
                # "its October World Economic Outlook": the month names the edition, not the work.
                run = run[1:]
            last = run[-1].lower
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if (
                len(run) >= 2
                and last in _GENRE_WORDS
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
                and not all(t.text.isupper() for t in run)
            ):
                work_type = _GENRE_TYPE.get(last, WORK_NOUNS[nxt.lower])
                out.append(
                    _Candidate(run[0].start, run[-1].end, work_type, (run[0].start, nxt.end))
                )
            k = j + 1
    return out


def _merge(
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


# --- organisations ----------------------------------------------------------------------------------


def _direct_organisation(
    text: str, segs: list[Segment], work: CitedWork, intro: tuple[int, int]
) -> str | None:
    """The issuer named where the work is introduced.

    "the Lakeside Institute's survey, titled X"; "a report titled X by the Meridian Water Trust";
    "the Trust released a report titled X"; "in its report X, the Observatory found ...".
    """
    seg = segment_at(segs, work.start)
    if seg is None:
        return None
    intro_np = _intro_phrase(text, seg, work, intro)
    if (
        intro_np is not None
        and intro_np.possessor
        and not work.start <= intro_np.possessor_start < work.end
    ):
        # ("its Global Economic Prospects report": the capitalised words are the title, not whose.)
        return intro_np.possessor
    owner = _possessor_before(text, seg, work.start)
    if owner:
        return owner
    by = _published_by(text, segs, work, min(intro[0], work.start))
    if by:
        return by
    start = intro_np.start if intro_np is not None else min(intro[0], work.start)
    last = None
    for m in _PUBLISHER_VERB.finditer(text, max(seg.start, start - WINDOW), start):
        last = m
    if last is not None:
        sp = speaker_before(text, last.start(), seg.start)
        if sp is not None and sp.kind in {"name", "common"} and sp.head not in _DATA_HEADS:
            return sp.name
    its = (intro_np is not None and intro_np.determiner in {"its", "their"}) or (
        _ITS_BEFORE.search(text, max(seg.start, work.start - 40), work.start) is not None
    )
    if its:
        # "In its October World Economic Outlook, the IMF forecast ...": whose "its" is, is who
        # speaks in the sentence.
        near = Segment(seg.start, min(seg.end, work.end + WINDOW), seg.paragraph)
        for clause in find_clauses(text, [near]) if work.start - seg.start < 2 * WINDOW else []:
            sp = clause.speaker
            if sp is not None and sp.kind == "name" and not _inside(sp, work):
                return sp.name
    return None


def _named_in_full(org: str, before: int, names: list[tuple[int, str]]) -> str:
    """The organisation as the text names it in full, for an acronym or a bare common noun.

    "the IMF" -> "International Monetary Fund" when the text spells that out; "The authority's annual
    report" -> "Metropolitan Transit Authority" named before it. Only one candidate name will do: with
    two authorities named, "the authority" stays as written rather than pick the wrong one.
    """
    if is_acronym(org):
        key = org.lower()
        found = {n for _, n in names if acronym(n) == key}
    elif org.islower() and " " not in org:
        found = {n for at, n in names if at < before and name_head(n) == org}
    else:
        return org
    return found.pop() if len(found) == 1 else org


def name_head(name: str) -> str:
    """The noun a body's name is built on: 'Authority' of 'Metropolitan Transit Authority', 'Bank'
    of 'Central Bank of Norland', 'Union' of 'General Union of Workers' (lower-case)."""
    words = name.split()
    for k, word in enumerate(words):
        if k > 0 and word.lower() in {"of", "for"}:
            return words[k - 1].lower()
    return words[-1].lower() if words else ""


def _lead_end(text: str) -> int:
    """Where the first sentence ends (a 'date YYYY-MM-DD' header is part of it)."""
    segs = sentences(text[:2000])
    return segs[0].end if segs else 0


def full_name_for(text: str, sp: Speaker, names: list[tuple[int, str]] | None = None) -> str | None:
    """'the bank' -> 'Central Bank of Norland' when the text named exactly one body built on that
    noun before it; None otherwise (two banks named: no guess)."""
    if not is_anaphoric(sp) or sp.head in GENERIC_BODIES or sp.head in DATA_WORDS:
        return None
    names = _capitalised_names(text[: sp.start]) if names is None else names
    # Only a body named in the anaphor's own paragraph, or the subject of the lead sentence (the
    # story's protagonist), is what "the bank" goes back to: "Workers walked out. The European
    # Union has funded the plant. [new paragraph] The union said" is a trade union.
    para = text.rfind("\n\n", 0, sp.start)
    lead = _lead_end(text)
    found = {
        n
        for at, n in names
        if at < sp.start
        and (at > para or (at < lead and at < sp.start - 1))
        and name_head(n) == sp.head
    }
    if len(found) != 1:
        return None
    full = found.pop()
    # "Unite, Britain's largest union, ... the European Union": another body the text calls by
    # the same noun makes "the union" ambiguous.
    described = re.compile(
        r"([\w\u00c0-\u024f&.\-]+)\s*,\s+(?:a|an|the|[A-Z][\w\u00c0-\u024f]*['\u2019]s)\s+"
        r"(?:[\w\u00c0-\u024f'\u2019-]+\s+){0,4}?" + re.escape(sp.head) + r"s?\b"
    )
    last = full.split()[-1]
    for m in described.finditer(text, 0, sp.start):
        if m.group(1) != last:
            return None
    return full


def _capitalised_names(text: str) -> list[tuple[int, str]]:
    """Runs of two or more capitalised words (glued by 'of', 'for the' ...), with their starts.

    One pass over the text, done once per document however many works need it.
    """
    toks = tokens(text, 0, len(text))
    out: list[tuple[int, str]] = []
    run: list[int] = []

    def close() -> None:
        while run and (toks[run[-1]].lower in _TITLE_SMALL):
            run.pop()
        while run and toks[run[0]].lower in {"the", "a", "an"} | _MONTH_WORDS:
            run.pop(0)
        if len(run) >= 2:
            out.append((toks[run[0]].start, text[toks[run[0]].start : toks[run[-1]].end]))
        run.clear()

    for k, tok in enumerate(toks):
        capital = tok.is_word and tok.text[0].isupper() and not _POSSESSIVE_END.search(tok.text)
        # "Office for the Coordination", "Strategic and International": glue inside one name;
        # "... Authority and the Western Gas Authority": two names.
        glue = bool(run) and (
            tok.lower in {"of", "for", "and", "on", "&"}
            or (tok.lower == "the" and toks[run[-1]].lower in {"of", "for", "on"})
        )
        if capital or glue:
            run.append(k)
        else:
            close()
    close()
    return out


def _possessor_before(text: str, seg: Segment, pos: int) -> str | None:
    """ "The Economist Intelligence Unit's Democracy Index": the name whose possessive precedes a title."""
    toks = tokens(text, max(seg.start, pos - WINDOW), pos)
    if not toks or not toks[-1].is_capitalised or not _POSSESSIVE_END.search(toks[-1].text):
        return None
    sp = noun_phrase_ending(text, toks, len(toks) - 1, seg.start)
    if sp is None or sp.kind != "name":
        return None
    return _POSSESSIVE_END.sub("", sp.name)


def _intro_phrase(
    text: str, seg: Segment, work: CitedWork, intro: tuple[int, int]
) -> Speaker | None:
    """The noun phrase of the work noun that introduces a title ("The Lakeside Institute's survey")."""
    for m in _MENTION_NOUN_ANY.finditer(text, max(seg.start, intro[0]), min(seg.end, intro[1])):
        if work.start <= m.start() < work.end:
            continue
        toks = tokens(text, max(seg.start, m.end() - WINDOW), m.end())
        if toks:
            return noun_phrase_ending(text, toks, len(toks) - 1, seg.start)
    return None


def _published_by(text: str, segs: list[Segment], work: CitedWork, start: int) -> str | None:
    """'published on Wednesday by X', 'a study by X' standing after `start` in its sentence."""
    seg = segment_at(segs, start)
    if seg is None:
        return None
    right_after = _BY_AFTER_TITLE.match(text, work.end)
    if right_after and start <= work.start:
        sp = speaker_after(text, right_after.end(), seg.end, seg.start)
        if sp is not None and sp.kind == "name":
            return sp.name
    for m in _PUBLISHED_BY.finditer(text, max(seg.start, start - 5), min(seg.end, start + WINDOW)):
        sp = speaker_after(text, m.end(), seg.end, seg.start)
        if sp is not None and sp.kind in {"name", "common"} and not _inside(sp, work):
            return sp.name
    return None


def _inside(sp: Speaker, work: CitedWork) -> bool:
    return sp.start < work.end and work.start < sp.end


def _appositive_organisations(text: str, segs: list[Segment], works: list[CitedWork]) -> None:
    """'The Meridian Trust, a Geneva-based research group, says ... The report titled X': the Center issued X.

    Weak evidence, so used only when it cannot point at the wrong work: one work still without an
    organisation, one such organisation named in its paragraph or the one before.
    """
    orphans = [w for w in works if w.organisation is None]
    if len(orphans) != 1:
        return
    work = orphans[0]
    seg = segment_at(segs, work.start)
    if seg is None:
        return
    known = {normalise_name(w.organisation) for w in works if w.organisation}
    names: dict[str, str] = {}
    for m in _APPOSITIVE_ORG.finditer(text):
        at = segment_at(segs, m.start())
        if (
            at is None
            or not (seg.paragraph - 1 <= at.paragraph <= seg.paragraph)
            or m.start() > work.end
        ):
            continue
        sp = speaker_before(text, m.start(), at.start)
        if sp is not None and sp.kind == "name" and normalise_name(sp.name) not in known:
            names.setdefault(normalise_name(sp.name), sp.name)
    if len(names) == 1:
        work.organisation = next(iter(names.values()))


def _repeated_titles(
    text: str, works: list[CitedWork], consumed: list[tuple[int, int]]
) -> list[tuple[int, int, int]]:
    """A title named again with no work noun beside it ("Dry Season was widely read").

    Titles are grouped by first word and length so the text is read once, whatever the number of works.
    """
    groups: dict[str, dict[int, dict[str, int]]] = {}
    for index, work in enumerate(works):
        needle = work.title_text
        first = _FIRST_WORD.match(needle)
        if len(needle) >= 4 and first:
            groups.setdefault(first.group(), {}).setdefault(len(needle), {}).setdefault(
                needle, index
            )
    if not groups:
        return []
    taken = Spans(
        [(s, e, 0) for s, e in consumed]
        + [(w.start, w.end, 0) for w in works]
        + [(m.start, m.end, 0) for w in works for m in w.mentions]
    )
    found: list[tuple[int, int, int]] = []
    for m in _FIRST_WORD.finditer(text):
        lengths = groups.get(m.group())
        if not lengths or (m.start() > 0 and text[m.start() - 1].isalnum()):
            continue
        pos = m.start()
        for length, needles in list(lengths.items())[:50]:
            end = pos + length
            index = needles.get(text[pos:end])
            if index is None or (end < len(text) and text[end].isalnum()):
                continue
            if taken.overlapping(pos, end) is None:
                works[index].mentions.append(Span(pos, end))
                found.append((pos, end, index))
            break
    return found


# --- mentions ---------------------------------------------------------------------------------------


def _resolve_mentions(
    text: str,
    segs: list[Segment],
    works: list[CitedWork],
    occurrences: list[tuple[int, int, int]],
    consumed: list[tuple[int, int]],
) -> None:
    """Later references to each work: 'the report', 'a new report', "the Meridian Trust's report"."""
    if not works:
        return
    events: list[tuple[int, int, int | None, Speaker | None]] = [
        (s, e, i, None) for s, e, i in occurrences
    ]
    taken = Spans((s, e, 0) for s, e in consumed)
    for m in _MENTION_NOUN.finditer(text):
        if m.start() in taken:
            continue
        seg = segment_at(segs, m.start())
        if seg is None:
            continue
        toks = tokens(text, max(seg.start, m.end() - WINDOW), m.end())
        sp = noun_phrase_ending(text, toks, len(toks) - 1, seg.start) if toks else None
        if sp is None or sp.kind != "work" or not (sp.determiner or sp.possessor):
            continue
        if _OTHER_WORK.intersection(sp.name.lower().split()):
            continue
        if taken.overlapping(sp.start, sp.end) is not None:
            continue
        events.append((sp.start, sp.end, None, sp))
    events.sort(key=lambda ev: ev[0])
    first_at = {i: works[i].start for i in range(len(works))}
    by_type: dict[str, list[int]] = {}
    for i, w in enumerate(works):
        by_type.setdefault(w.work_type, []).append(i)
    orgs = NameIndex()
    for i, w in enumerate(works):
        if w.organisation:
            orgs.add(w.organisation, i)
    last_of_type: dict[str, int] = {}
    for start, end, index, sp in events:
        if sp is None:
            assert index is not None
            last_of_type[works[index].work_type] = index
            continue
        work_type = WORK_NOUNS.get(sp.head, "report")
        same_type = by_type.get(work_type, [])
        target: int | None = None
        if sp.possessor:
            owned = orgs.same_organisation(sp.possessor) or orgs.short_form(sp.possessor)
            if len(owned) == 1:
                target = owned[0]
            elif (
                not owned
                and sp.possessor[:1].isupper()
                and len(same_type) == 1
                and works[same_type[0]].organisation is None
            ):
                target = same_type[0]
                works[target].organisation = sp.possessor
                orgs.add(sp.possessor, target)
        elif sp.determiner in {"a", "an"}:
            if len(same_type) == 1 and start < first_at[same_type[0]]:
                target = same_type[0]
        elif work_type in last_of_type:
            target = last_of_type[work_type]
        elif len(same_type) == 1:
            target = same_type[0]
        if target is not None and sp.determiner in {"its", "their"}:
            target = target if _owner_speaks(text, segs, start, end, works[target]) else None
        if target is not None:
            works[target].mentions.append(Span(start, end))
            last_of_type[work_type] = target
    for work in works:
        work.mentions.sort(key=lambda s: s.start)


def _owner_speaks(text: str, segs: list[Segment], start: int, end: int, work: CitedWork) -> bool:
    """'its report' is this work only when the sentence's speaker is the work's issuer.

    "Amnesty said 74%, the group said in its annual report" names Amnesty's report, not the report the
    article discussed before.
    """
    seg = segment_at(segs, start)
    if seg is None or not work.organisation:
        return False
    near = Segment(max(seg.start, start - WINDOW), min(seg.end, end + WINDOW), seg.paragraph)
    if near.start != seg.start:
        return False
    for clause in find_clauses(text, [near]):
        sp = clause.speaker
        if sp is not None and sp.kind in {"name", "common"}:
            return same_organisation(sp.name, work.organisation) or short_form_of(
                sp.name, work.organisation
            )
    return False


# --- years ------------------------------------------------------------------------------------------


def _set_year(
    text: str,
    segs: list[Segment],
    work: CitedWork,
    intro: tuple[int, int],
    source_date: dt.date | None,
) -> None:
    """Year from the text when it says so ('its 2016 survey', 'published in March 2019'), else inferred.

    A year later than the source's own date cannot be the year of a work the source cites.
    """
    limit = source_date.year if source_date else None
    spans = [(min(intro[0], work.start), work.end)] + [(s.start, s.end) for s in work.mentions]
    found: int | None = None
    lately = False
    for start, end in spans:
        seg = segment_at(segs, start)
        if seg is None:
            continue
        after = _YEAR_IN_PARENS.match(text, end)
        candidates = [int(after.group("year"))] if after else []
        for m in _YEAR_BEFORE_NOUN.finditer(
            text, max(seg.start, start - 10), min(seg.end, end + 30)
        ):
            candidates.append(int(m.group("year")))
        for m in _YEAR_PUBLISHED.finditer(
            text, max(seg.start, start - WINDOW), min(seg.end, end + WINDOW)
        ):
            candidates.append(int(m.group("year")))
        lately = lately or (
            _PUBLISHED_LATELY.search(
                text, max(seg.start, start - WINDOW), min(seg.end, end + WINDOW)
            )
            is not None
        )
        for year in candidates:
            if limit is None or year <= limit:
                found = year
                break
        if found is not None:
            break
    last_word = work.title.split()[-1] if work.title.split() else ""
    if found is None and not lately and _YEAR.match(last_word):
        # "Moving Forward 2023": a year closing the title, unless the text says the work is new.
        year = int(last_word)
        found = year if limit is None or year <= limit else None
    if found is not None:
        work.year, work.year_inferred = found, False
    elif source_date is not None:
        work.year, work.year_inferred = source_date.year, True


# --- parties ----------------------------------------------------------------------------------------


def party_name(sp: Speaker) -> str | None:
    """The name a speaker is recorded under when it speaks without a titled work, or None."""
    if sp.kind == "pronoun":
        return None
    if is_anaphoric(sp) and (sp.head in GENERIC_BODIES or sp.head in DATA_WORDS):
        return None
    if sp.kind == "work":
        return sp.possessor
    if sp.head in _DATA_HEADS and " " not in sp.name:
        return None
    return sp.name


def issued_by(sp: Speaker, name: str, orgs: NameIndex) -> list[int]:
    """The works (indices in `orgs`) whose issuer a named speaker is.

    By the full name or an acronym ("the IMF"), or by the short form a text uses after naming the
    body in full ("The Trust says" for the Meridian Water Trust). Shared by party detection and
    attribution so the two agree on who speaks for a work.
    """
    owned = orgs.same_organisation(name)
    if not owned and sp.kind == "name" and sp.determiner == "the":
        owned = orgs.short_form(name)
    return owned


def _parties(text: str, segs: list[Segment], works: list[CitedWork]) -> list[Party]:
    """Organisations and people that speak in the text and are neither a work nor a work's issuer."""
    spans = Spans(
        [(w.start, w.end, 0) for w in works]
        + [(s.start, s.end, 0) for w in works for s in w.mentions]
    )
    orgs = NameIndex()
    for i, w in enumerate(works):
        if w.organisation:
            orgs.add(w.organisation, i)
    para_end = {seg.paragraph: seg.end for seg in segs}
    first = [min([w.start] + [m.start for m in w.mentions]) for w in works]
    seen: set[str] = set()
    names = _capitalised_names(text)
    spoken = NameIndex()
    parties: list[Party] = []
    anchors = {w.end: w.start for w in works}
    for clause in find_clauses(text, segs, anchors):
        sp = clause.speaker
        if sp is None or spans.overlapping(sp.start, sp.end) is not None:
            continue
        name = party_name(sp)
        if not name:
            continue
        full = full_name_for(text, sp, names) if is_anaphoric(sp) else None
        if full:
            name = full
        key = normalise_name(name)
        if not key or key in seen or spoken.short_form(name):
            continue
        # An issuer speaks for its work once the work is named (see attribution._resolve): before
        # that it is a party of its own ("the Authority said 85%", then "its annual report says").
        upto = para_end[segs[clause.sentence].paragraph]
        owned = (
            orgs.same_organisation(name) or orgs.short_form(name)
            if is_anaphoric(sp)
            else issued_by(sp, name, orgs)
        )
        if any(first[i] < upto for i in owned):
            continue
        seen.add(key)
        spoken.add(name, len(parties))
        start = sp.possessor_start if sp.kind == "work" else sp.start
        parties.append(Party(name, start, start + len(name) if sp.kind == "work" else sp.end))
    return parties


def display_organisation(text: str, name: str) -> str:
    """The organisation's name as a bibliography should print it.

    Names are matched without a leading article; when the source writes the name with "the" at
    every mention ("The Meridian Trust ...", "the Meridian Trust says"), the article belongs to the
    name and is restored: "The Meridian Trust".
    """
    if not name or name.lower().startswith("the "):
        return name
    mentions = [m.start() for m in re.finditer(re.escape(name), text)]
    if not mentions:
        return name
    with_article = sum(
        1 for pos in mentions if re.search(r"\b[Tt]he\s+$", text[max(0, pos - 5) : pos])
    )
    return f"The {name}" if with_article == len(mentions) else name


def capitalised_names(text: str) -> list[tuple[int, str]]:
    """Public form of the one-pass name scan, for attribution."""
    return _capitalised_names(text)
