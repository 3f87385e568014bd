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
from citekit.cites.nounscan import WorkNouns
from citekit.cites.titlecase import (
    SMALL_WORDS,
    is_capitals,
    restore_title_case,
    word_set,
    word_tree,
)
from citekit.cites.vocabulary import MONTH_WORDS, WORK_NOUN_ALTERNATION, WORK_NOUNS
from citekit.cites.windows import finditer_within, folded, windows, word_positions
from citekit.models import CitedWork, Span
from citekit.read.segment import Segment

# Every work noun opens with one of these letters: a test the regular expression engine makes
# quickly at each position before trying the nouns themselves (the matches are the same).
_NOUN_FIRST = "(?=[" + "".join(sorted({w[0] for w in WORK_NOUNS})) + "])"
# "a report titled X", "the study, entitled X", "a survey called X".
_INTRO = re.compile(
    _NOUN_FIRST
    + rf"\b(?P<noun>{WORK_NOUN_ALTERNATION})s?\b(?:\s+(?:by|from)\s+[^,.;:\"\u201c]{{1,80}}?)?,?\s+(?:(?:which\s+)?(?:is|was)\s+)?"
    r"(?P<verb>titled|entitled|called|dubbed)\b\s*[:,]?\s*",
    re.IGNORECASE,
)
# "The study, published in the journal Nature Medicine and titled X": "titled" may stand further off.
_INTRO_WIDE = re.compile(
    _NOUN_FIRST
    + rf"\b(?P<noun>{WORK_NOUN_ALTERNATION})\b[^.;:!?\"\u201c\u201d]{{1,100}}?\b(?P<verb>titled|entitled)\b\s*[:,]?\s*",
    re.IGNORECASE,
)
# Every match of `_INTRO` or `_INTRO_WIDE` holds its verb, "entitled" holds "titled", and before the
# verb stand at most this many characters other than white space: the longest work noun, "s", " by"
# or " from" with 80 characters, ",", "which", "was" (or 100 characters between noun and verb).
_INTRO_VERBS = ("titled", "called", "dubbed")
_INTRO_REACH = max(len(w) for w in WORK_NOUNS) + 100
# A work noun just before a title: 'its report "Dry Taps"', 'the study, DRY TAPS'.
_NOUN_BEFORE = re.compile(rf"\b(?P<noun>{WORK_NOUN_ALTERNATION})\s*,?\s*$", re.IGNORECASE)
# A work noun just after a title: '"Dry Taps" report', 'DRY TAPS, a new study by ...'.
_NOUN_AFTER = re.compile(
    r"[,.]?[\"'\u201d\u2019\u00bb]?\s*(?:\((?:19|20)\d{2}\)\s*)?(?:,\s*(?:a|an)\s+)?"
    r"(?:(?:new|latest|recent|annual|first|major|(?:19|20)\d{2}|[\w-]+-page)\s+){0,2}"
    rf"(?P<noun>{WORK_NOUN_ALTERNATION})\b",
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
# What every such title needs in its sentence (a superset test: it may only let more through): a
# capitalised genre word ("... Peace Index": an upper-case letter, then the word in any case), or a
# capitalised word then a lower-case work noun ("the World Bank Global Findex survey").
_GENRE_OR_WORK = re.compile(
    "[A-Z](?i:"
    + "|".join(sorted((w[1:] for w in _GENRE_WORDS), key=len, reverse=True))
    + r")|[^\W\da-z_]\S*\s+(?:"
    + "|".join(sorted(WORK_NOUNS, key=len, reverse=True))
    + ")"
)
# Cheaper than `_GENRE_OR_WORK` over every sentence, and found in every stretch it matches: its
# first part alone, and a white space before a work noun (its second part ends so). Run over the
# whole text once, they name the sentences `_GENRE_OR_WORK` is then asked about.
_GENRE_TAIL = re.compile("[A-Z](?i:" + word_tree(sorted({w[1:] for w in _GENRE_WORDS})) + ")")
_NOT_LOWER = re.compile(r"[^\W\da-z_]")
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
# Two capital letters with neither white space nor a lower-case ASCII letter between them: every
# word that `is_capitals` accepts holds such a pair, so a paragraph without one has no such word.
_TWO_CAPITALS = re.compile(r"[A-Z\u00c0-\u024f][^\sa-z]*?[A-Z\u00c0-\u024f]")
# A stretch of characters other than white space or lower-case ASCII letters holding two such
# capitals, from the first of them to the stretch's end.
_CAPITALS_STRETCH = re.compile(_TWO_CAPITALS.pattern + r"[^\sa-z]*")
_NOT_SPACE_OR_LOWER = re.compile(r"[^\sa-z]")
_SPACE = re.compile(r"\s")
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
_TITLE_GENRES = _GENRE_WORDS | word_set(
    "update bulletin factsheet brief briefing overview snapshot"
)


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

    for m in _introductions(text):
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


def _introductions(text: str) -> list[re.Match[str]]:
    """The matches of `_INTRO` then those of `_INTRO_WIDE`, each as `finditer` over the whole text
    gives them, read only around the verbs."""
    low = folded(text)
    # A verb starts at the word found or, for "entitled", two characters before it.
    anchors = [(max(0, at - 2), at + 6) for at in word_positions(low, _INTRO_VERBS)]
    spans = windows(text, anchors, _INTRO_REACH)
    return [*finditer_within(_INTRO, text, spans), *finditer_within(_INTRO_WIDE, text, spans)]


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
    return _read_runs(text, _with_two_capital_words(text, paras))


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


def _with_two_capital_words(
    text: str, paras: list[tuple[int, int]]
) -> list[tuple[int, int, int, int]]:
    """The paragraphs that may hold a run `_capital_runs` keeps (two words in capitals, one of four
    characters or more), each with the stretch of it where words in capitals stand.

    Such a word has no white space and no lower-case ASCII letter, and two letters in capitals: it
    lies in one stretch `_CAPITALS_STRETCH` finds (from that stretch's first capital to its end;
    what stands before that capital counts towards its length). Two words of a run are apart by
    white space, so in two stretches; no stretch crosses from one paragraph into the next. No token
    in capitals stands before the white space ahead of the first stretch or after the white space
    behind the last one, and tokens never hold white space: the tokens between are those of the
    whole paragraph there.
    """
    starts = [start for start, _ in paras]
    seen: dict[int, list[int]] = {}  # paragraph -> [first start, last end, stretches, long one]
    for m in _CAPITALS_STRETCH.finditer(text):
        i = bisect_right(starts, m.start()) - 1
        if i < 0 or m.start() >= paras[i][1]:
            continue  # between paragraphs (`paras` are the text's, as `paragraphs` splits it)
        got = seen.get(i)
        if got is None:
            got = seen[i] = [m.start(), m.end(), 0, 0]
        got[1] = m.end()
        got[2] += 1
        if not got[3]:
            lead = m.start()
            while lead > paras[i][0] and _NOT_SPACE_OR_LOWER.match(text, lead - 1):
                lead -= 1
            got[3] = m.end() - lead >= 4
    found: list[tuple[int, int, int, int]] = []
    for i, (first, last, count, long_word) in seen.items():
        if count < 2 or not long_word:
            continue
        p_start, p_end = paras[i]
        low = first
        while low > p_start and not text[low - 1].isspace():
            low -= 1
        space = _SPACE.search(text, last, p_end)
        found.append((p_start, p_end, low, space.start() if space else p_end))
    return found


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
    for seg in _genre_sentences(text, segs):
        if _GENRE_OR_WORK.search(text, seg.start, seg.end) is None:
            continue  # every such title ends in a genre word or stands before a work noun
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
                and last in _GENRE_WORDS
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


def _genre_sentences(text: str, segs: list[Segment]) -> list[Segment]:
    """The sentences (in text order, not overlapping) touched by a match of `_GENRE_TAIL`, or by a
    work noun after white space that follows a word holding a letter `_NOT_LOWER` finds: every
    sentence where `_GENRE_OR_WORK` matches is one of them.

    A match of `_GENRE_OR_WORK` inside a sentence holds a stretch `_GENRE_TAIL` matches, or a
    word with such a letter, white space and a work noun (which `WorkNouns` finds); the match
    `finditer` reports there, or the one it reported instead that overlaps it, touches the
    sentence.
    """
    starts = [seg.start for seg in segs]
    touched: set[int] = set()

    def touch(start: int, end: int) -> None:
        i = max(0, bisect_right(starts, start) - 1)
        while i < len(segs) and segs[i].start < end:
            if segs[i].end > start:
                touched.add(i)
            i += 1

    for m in _GENRE_TAIL.finditer(text):
        touch(m.start(), m.end())
    for noun, noun_end in WorkNouns.of(text).places:
        if noun == 0 or not text[noun - 1].isspace():
            continue
        end = noun - 1
        while end > 0 and text[end - 1].isspace():
            end -= 1
        start = end
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        if _NOT_LOWER.search(text, start, end):
            touch(noun - 1, noun_end)
    return [segs[i] for i in sorted(touched)]


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
