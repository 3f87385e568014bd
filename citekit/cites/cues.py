"""Reporting clauses: who a sentence says is speaking ("the report says", "according to the UN").

Both halves of "who said it" need the same reading of a sentence: `works.find_works` collects the parties
that speak, `attribution.attribute` decides which speaker covers which figure. Keeping the reading in one
place means the two can never disagree about who the speaker of a clause is.

The parse is deliberately shallow: a noun phrase is read token by token outward from the cue, inside the
sentence, in a bounded window, so the cost is linear in the text and a pathological input cannot make a
regular expression backtrack.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from citekit.cites.titlecase import word_set
from citekit.read.segment import Segment

# How far (characters) a speaker may stand from its cue; news sentences rarely need more.
WINDOW = 220

WORK_NOUNS: dict[str, str] = {
    "report": "report",
    "study": "study",
    "survey": "survey",
    "paper": "paper",
    "index": "index",
    "poll": "poll",
    "analysis": "report",
    "review": "report",
    "assessment": "report",
    "audit": "report",
    "briefing": "report",
    "brief": "report",
    "book": "book",
    "article": "article",
    "yearbook": "report",
    "census": "survey",
    "ranking": "index",
}
DATA_WORDS = frozenset({"data", "figures", "statistics", "estimates", "numbers", "records"})
ANAPHORIC_HEADS = word_set(
    """group organisation organization charity agency body watchdog institute company firm bank trust
    centre center ngo tank foundation network coalition union observatory"""
)
# Bodies so generic that "the group" can only mean one named before.
GENERIC_BODIES = word_set("group organisation organization body charity ngo watchdog")
# Common nouns that can head the name of someone who gives figures.
SOURCE_HEADS = (
    word_set(
        """ministry ministries department police officials official government governments authorities
    authority agency agencies office bureau commission council committee institute center centre
    group organisation organization charity ngo watchdog regulator company firm researchers
    researcher scientists experts expert analysts analyst economists economist spokesman
    spokeswoman spokesperson minister president director chief head sources source data figures
    statistics estimates records census newspaper broadcaster army military court prosecutors
    prosecutor union bank observatory monitor tank team authors author board embassy coalition
    campaigners activists witnesses doctors hospital officers investigators inspectors
    administration secretary governor mayor ambassador spokespeople representatives representative
    leaders unions network critics residents opponents supporters lawmakers legislators diplomats
    traders observers advocates organisers organizers managers executives staff workers medics
    employer employers employees owner owners landlord landlords operator operators insurer insurers
    airline retailer manufacturer producer producers utility regulators city county province state
    opposition campaign candidate lawyer lawyers attorney attorneys judge coroner pollster pollsters
    paramedics rescuers media press firefighters coastguard"""
    )
    | ANAPHORIC_HEADS
)
# Titles that come before a person's name: "lead author Dr Karin Holt", "spokeswoman Ana Ruiz".
_PERSON_TITLES = word_set(
    """author authors researcher scientist expert analyst economist spokesman spokeswoman
    spokesperson minister president director chief head secretary governor mayor ambassador
    lawyer attorney judge coroner candidate representative official officer investigator
    executive manager"""
)
# Places: "the city of Seville recorded 44.6 degrees" measures, it does not report. A place speaks
# only through a verb that can do nothing but report ("the city said").
PLACE_HEADS = word_set(
    """city town village county province state region country district municipality capital island
    area suburb neighbourhood neighborhood"""
)
PRONOUNS = frozenset({"it", "he", "she", "they", "we", "him", "her", "them"})
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "these", "our"})
# Words that glue a multi-word name together: "Center for Strategic and International Studies".
NAME_CONNECTORS = frozenset({"of", "for", "and", "&", "on", "de", "du", "la", "des", "der", "von"})
# Words a lower-case noun phrase never contains; they end the backward walk.
FUNCTION_WORDS = word_set(
    """and or but that which who whom whose as than to in of for with by on at from while when if
    because is are was were be been being have has had not also there where so since after before
    then what how why do does did can could will would should may might must into about over under
    between through during without within more most less few many much some any all both each every
    no nor only just even very such other another one two three"""
)
# Adverbs and auxiliaries that may stand between a speaker and its verb: "the ministry has also said".
_SKIPPABLE = word_set(
    """also has have had now further previously recently earlier separately later then will would
    repeatedly again similarly likewise publicly officially reportedly already still itself"""
)
_PREPOSITIONS = word_set("by of in at from with for to on about among against than into")
# Sentence openers that are capitalised only because they open the sentence.
_OPENERS = word_set(
    """besides however meanwhile but and so still yet also now in on at last this that these those
    then separately instead indeed moreover furthermore overall today yesterday earlier later
    previously thus nevertheless nonetheless while although though when if as after before"""
)
# Verbs that only ever report: said with an unknown speaker still marks someone else's words.
_STRONG_VERBS = word_set(
    """says said say told tells added adds insists insisted writes wrote argues argued"""
)
_VERBS = "|".join(
    sorted(
        word_set(
            """says said say states stated estimates estimated estimate finds found find reports reported
    reveals revealed shows showed show notes noted adds added warns warned claims claimed concludes
    concluded counts counted records recorded calculates calculated documents documented puts tells
    told writes wrote argues argued suggests suggested projects projected predicts predicted forecasts
    expects expected indicates indicated confirms confirmed announced announces insists insisted
    acknowledges acknowledged admits admitted maintains maintained cites cited forecast"""
        )
    )
)
_CUE = re.compile(
    r"(?P<according>\b[Aa]ccording to\b)"
    r"|(?P<citing>\b[Cc]iting(?:\s+(?:official\s+)?(?:figures|data|statistics|estimates|numbers)"
    r"(?:\s+(?:provided|published|released|compiled|supplied|gathered|collected|issued))?"
    r"(?:\s+(?:by|from))?)?)"
    rf"|(?P<verb>\b(?:{_VERBS})\b)"
    r"|(?P<saying>,\s*(?:saying|adding|estimating|claiming|insisting|arguing|noting)\b)"
)
# A word (with a possessive or a hyphenated/dotted form) or one punctuation mark.
_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)+|[\w\u00c0-\u024f](?:[\w\u00c0-\u024f&.\-]*[\w\u00c0-\u024f])?(?:['\u2019]s)?|\S"
)
_NAME_WORD = re.compile(r"[\w\u00c0-\u024f]+")
_ACRONYM_WORD = re.compile(r"[\w\u00c0-\u024f]+(?:-[\w\u00c0-\u024f]+)*")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_CLOSERS = frozenset(",.;:!?)\"'\u201d\u2019")
_QUOTE_CLOSERS = frozenset("\"'\u201d\u2019")
# Cues that are also plural nouns ("claims", "estimates"), and what follows them when they are nouns:
# "Insurance claims rose", "The IMF forecast of 3%". The verbs are listed rather than matched by "-ed",
# so that "the report cites unnamed officials" stays a cue.
_NOUN_OR_VERB = word_set(
    "claims estimates reports records counts documents projects forecasts forecast"
)
_VERB_NEXT = re.compile(
    r"\s+(?:of|for|rose|fell|grew|were|was|are|is|have|has|had|will|would|could|can|may|might|must"
    r"|stood|reached|hit|topped|jumped|dropped|doubled|halved|remain|remained|increased|decreased"
    r"|declined|climbed|soared|surged|slumped|totalled|totaled|show|suggest|vary|varied)\b"
)
# A clause set off by commas mid-sentence: "240 trains a day, the rail operator said, about 60%".
_COMMA_AFTER = re.compile(
    r"\s*(?:(?:on|in|at|last|this|late|earlier)\s+[\w\u00c0-\u024f-]+(?:\s+[\w\u00c0-\u024f-]+){0,3}\s*)?,"
)
# "published in The Lancet": the outlet a work appeared in ("published in March" is a date).
_PUBLISHED_IN = frozenset({"published", "appeared", "appearing"})
_DATE_WORDS = word_set(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday spring summer autumn winter"""
)
# A short tail after a clause-final verb: "..., the ministry said on Wednesday."
_SHORT_TAIL = re.compile(
    r"\s*(?:(?:on|in|at|last|this|late|earlier|in a|in its|in an)\s+[\w\u00c0-\u024f-]+"
    r"(?:\s+[\w\u00c0-\u024f-]+){0,5}\s*)?[.!?;]?[\"'\u201d\u2019)]*\s*$"
)


@dataclass(frozen=True)
class Speaker:
    """A noun phrase that speaks: a name, a common noun ("the water ministry"), a work or a pronoun."""

    start: int
    end: int
    kind: str  # "name", "common", "work", "pronoun"
    name: str  # the phrase without a leading determiner, as written ("water ministry", "UN")
    head: str  # the head word, lower-case
    determiner: str = ""
    # "Meridian Trust" in "the Meridian Trust's report", "UN" in "a UN report".
    possessor: str | None = None
    possessor_start: int = -1


@dataclass(frozen=True)
class Clause:
    """A reporting clause: its cue, its speaker (None when it cannot be told) and which way it reaches."""

    cue: str
    cue_start: int
    cue_end: int
    kind: str  # "verb", "according", "citing", "inverted"
    direction: str  # "forward" (X says ...), "backward" (..., X says.), "both" (mid-sentence)
    speaker: Speaker | None
    sentence: int  # index into the sentence list it was found in
    start: int  # first character of cue or speaker
    end: int  # last character of cue or speaker


@dataclass
class _Tok:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper() or (
            self.text[0].isdigit() and any(c.isupper() for c in self.text)
        )


def tokens(text: str, start: int, end: int) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


def _strip_connectors(run: list[_Tok]) -> list[_Tok]:
    while run and run[0].lower in NAME_CONNECTORS | {"the"}:
        run = run[1:]
    while run and run[-1].lower in NAME_CONNECTORS | {"the"}:
        run = run[:-1]
    return run


def _name_run_backward(toks: list[_Tok], i: int, sentence_start: int) -> int:
    """Index of the first token of the capitalised name ending at toks[i]."""
    j = i
    while j - 1 >= 0:
        prev = toks[j - 1]
        capitalised = prev.is_word and prev.is_capitalised and prev.lower not in DETERMINERS
        # "Center for ... Studies", "Ministry of the Interior": glue between capitalised words.
        glue = j >= 2 and (
            (prev.lower in NAME_CONNECTORS and toks[j - 2].is_capitalised)
            or (prev.lower == "the" and toks[j - 2].lower in {"of", "for", "on"})
        )
        if capitalised or glue:
            j -= 1
        else:
            break
    run = toks[j : i + 1]
    # "Besides", "Meanwhile" are capitalised only because they open the sentence.
    while len(run) > 1 and run[0].start == sentence_start and run[0].lower in _OPENERS:
        run = run[1:]
    run = _strip_connectors(run)
    return toks.index(run[0]) if run else i


def _phrase(text: str, toks: list[_Tok]) -> str:
    return text[toks[0].start : toks[-1].end]


def _common_name(text: str, toks: list[_Tok], sentence_start: int) -> str:
    """'The water ministry' -> 'water ministry'; 'Police' opening a sentence -> 'police'."""
    name = _phrase(text, toks)
    if toks[0].start == sentence_start and not any(c.isupper() for c in name[1:]):
        name = name[:1].lower() + name[1:]
    return name


def speaker_before(
    text: str, pos: int, sentence_start: int, anchors: dict[int, int] | None = None
) -> Speaker | None:
    """The noun phrase that ends just before `pos`, skipping auxiliaries and an appositive.

    "The Meridian Trust, a Geneva-based research group, says" -> "The Meridian Trust". `anchors` maps the end of
    each known title to its start: a title ending just before the verb is the speaker, whatever words
    (or digits, or quotes) it is made of.
    """
    toks = tokens(text, max(sentence_start, pos - WINDOW), pos)
    while toks and toks[-1].lower in _SKIPPABLE:
        toks.pop()
    if toks and toks[-1].text == ")":
        k = len(toks) - 1
        while k >= 0 and toks[k].text != "(":
            k -= 1
        if k > 0:
            del toks[k:]
    titled = _anchored(text, toks, anchors)
    if titled is not None:
        return titled
    # "..., which estimates": the relative pronoun stands for the phrase before the comma.
    if len(toks) >= 2 and toks[-1].lower in {"which", "who"} and toks[-2].text == ",":
        del toks[-2:]
    if toks and toks[-1].text == ",":
        # 'The report, "Thirst for Change", found': the title closes the appositive, and is the
        # whole of it. "Dr Berg, who was not involved in the report, said": the work closes a
        # relative clause about someone else, who is the speaker.
        titled = _anchored(text, toks[:-1], anchors)
        if titled is not None and not _in_relative_clause(text, titled.start, sentence_start):
            return titled
        k = len(toks) - 2
        while k >= 0 and toks[k].text != "," and len(toks) - k < 25:
            k -= 1
        if k <= 0 or toks[k].text != ",":
            return None
        first = toks[k + 1]
        if not (
            first.lower in {"a", "an", "the", "its", "who", "which", "whose", "one"}
            or first.text[0].islower()
            # "Unite, Britain's largest union, said": a possessive opens the appositive.
            or (_POSSESSIVE.search(first.text) is not None and k + 2 < len(toks) - 1)
        ):
            return None
        del toks[k:]
        titled = _anchored(text, toks, anchors)
        if titled is not None:
            return titled
    if not toks:
        return None
    sp = noun_phrase_ending(text, toks, len(toks) - 1, sentence_start)
    if sp is None:
        # "The survey of 2,040 adults found": the work opening the sentence is the subject, when
        # only a prepositional phrase stands between it and the verb.
        work = _subject_work(text, toks, toks, sentence_start)
        return work if work is not None and _only_modifiers(toks, work.end) else None
    # "Villagers interviewed by this newspaper counted": a phrase after a preposition is not the subject.
    if sp is not None and sp.kind != "pronoun":
        before = [t for t in toks if t.end <= sp.start]
        if before and before[-1].lower in _PREPOSITIONS:
            # ... unless it names who issued a work the sentence is about: "a report ... by X says".
            issued = before[-1].lower in {"by", "from"} and any(
                t.lower in WORK_NOUNS or t.lower in DATA_WORDS or (anchors and t.end in anchors)
                for t in before
            )
            if not issued:
                return _subject_work(text, toks, before, sentence_start) or _through_prepositions(
                    text, toks, sp, sentence_start
                )
    return sp


_RELATIVE = re.compile(r"\b(?:who|whom|whose|which|that)\b", re.IGNORECASE)


def _in_relative_clause(text: str, pos: int, sentence_start: int) -> bool:
    """Whether `pos` stands in a relative clause set off by a comma before it ('..., who ... the').

    "Dr Berg, who was not involved in the report, said": the report ends the relative clause, but the
    clause is about Dr Berg, who is the speaker.
    """
    comma = text.rfind(",", max(sentence_start, pos - WINDOW), pos)
    return comma >= 0 and _RELATIVE.search(text, comma, pos) is not None


_CLAUSE_WORDS = frozenset(_VERBS.split("|")) | word_set(
    "that which who whom whose was were is are be been being has have had not"
)


def _only_modifiers(toks: list[_Tok], pos: int) -> bool:
    """Whether the tokens after `pos` are a prepositional phrase with no verb of its own.

    "The survey of 2,040 adults" qualifies; "The report says the death rate among confirmed" does
    not: the subject already has its verb, and "confirmed" is not a second one.
    """
    rest = [t for t in toks if t.start >= pos]
    return (
        bool(rest)
        and rest[0].lower in _PREPOSITIONS
        and not any(
            t.lower in _CLAUSE_WORDS or not (t.is_word or t.text[0].isdigit()) for t in rest
        )
    )


def _through_prepositions(
    text: str, toks: list[_Tok], sp: Speaker, sentence_start: int
) -> Speaker | None:
    """'Officials in the province of Kunduz said': walk back over prepositional phrases to the subject.

    The speaker keeps the whole phrase as its name ("spokesman for the ministry"), so a reader sees who
    it is; at most three phrases are crossed, and the subject must itself be a source.
    """
    current = sp
    for _ in range(3):
        before = [t for t in toks if t.end <= current.start]
        if len(before) < 2 or before[-1].lower not in _PREPOSITIONS:
            break
        head = noun_phrase_ending(text, before[:-1], len(before) - 2, sentence_start)
        if head is None or head.kind == "pronoun":
            return None
        current = head
    else:
        return None
    if current is sp or current.kind not in {"name", "common"}:
        return None
    name = current.name + text[current.end : sp.end]
    return Speaker(
        current.start,
        sp.end,
        current.kind,
        name,
        current.head,
        current.determiner,
        current.possessor,
        current.possessor_start,
    )


def _subject_work(
    text: str, toks: list[_Tok], upto: list[_Tok], sentence_start: int
) -> Speaker | None:
    """'A poll conducted by Ipsos for the newspaper found': the work opening the sentence speaks.

    Only a work noun that opens the sentence qualifies, with no comma between it and the verb: then
    the words in between can only be its own modifiers.
    """
    for k, tok in enumerate(upto):
        if tok.text in {",", ";", ":"}:
            return None
        if tok.lower in WORK_NOUNS and tok.text.islower():
            sp = noun_phrase_ending(text, toks, k, sentence_start)
            if sp is None or sp.kind != "work" or sp.start != sentence_start:
                return None
            owner = _issuer_after(text, toks, k + 1)
            if sp.possessor is None and owner is not None:
                return Speaker(
                    sp.start,
                    sp.end,
                    "work",
                    sp.name,
                    sp.head,
                    sp.determiner,
                    owner.name,
                    owner.start,
                )
            return sp
    return None


def is_anaphoric(sp: Speaker) -> bool:
    """'the group', 'the trust', 'the data': a body or a work named earlier, not a new party."""
    return (
        sp.kind == "common"
        and sp.determiner in {"the", "this"}
        and sp.name.lower() == sp.head
        and (sp.head in ANAPHORIC_HEADS or sp.head in DATA_WORDS)
    )


def _anchored(text: str, toks: list[_Tok], anchors: dict[int, int] | None) -> Speaker | None:
    """A known title that ends the token list (a closing quote may follow it)."""
    if not anchors or not toks:
        return None
    ends = [toks[-1].end]
    if toks[-1].text in _QUOTE_CLOSERS and len(toks) > 1:
        ends.append(toks[-2].end)
    for end in ends:
        start = anchors.get(end)
        if start is not None:
            return Speaker(start, toks[-1].end, "work", text[start:end], "title")
    return None


def noun_phrase_ending(text: str, toks: list[_Tok], i: int, sentence_start: int) -> Speaker | None:
    """Read the noun phrase whose head is toks[i], walking left."""
    head = toks[i]
    if not head.is_word:
        return None
    low = head.lower
    if low in PRONOUNS:
        return Speaker(head.start, head.end, "pronoun", head.text, low)
    lhead = low.rstrip("s") if low.endswith("s") and low.rstrip("s") in WORK_NOUNS else low
    if head.is_capitalised and not (
        head.start == sentence_start and (low in SOURCE_HEADS or low in WORK_NOUNS)
    ):
        if low in DETERMINERS or low in _OPENERS or low in FUNCTION_WORDS:
            return None
        j = _name_run_backward(toks, i, sentence_start)
        run = toks[j : i + 1]
        det = toks[j - 1].lower if j > 0 and toks[j - 1].lower in DETERMINERS else ""
        start = toks[j - 1].start if det else run[0].start
        return Speaker(start, head.end, "name", _phrase(text, run), low, det)
    if low not in SOURCE_HEADS and lhead not in WORK_NOUNS:
        return None
    kind = "work" if lhead in WORK_NOUNS else "common"
    j = i
    modifiers = 0
    possessor: list[_Tok] = []
    det = ""
    while j - 1 >= 0 and modifiers < 4:
        prev = toks[j - 1]
        if not prev.is_word:
            break
        plow = prev.lower
        if plow in DETERMINERS:
            det = plow
            break
        if _POSSESSIVE.search(prev.text) or (
            kind == "work" and prev.is_capitalised and plow not in _OPENERS
        ):
            k = _name_run_backward(toks, j - 1, sentence_start)
            possessor = toks[k:j]
            j = k
            if k - 1 >= 0 and toks[k - 1].lower in DETERMINERS:
                det = toks[k - 1].lower
            break
        if (
            plow in FUNCTION_WORDS
            or plow in _STRONG_VERBS
            or not (prev.text.isalpha() or prev.text.isdigit() or "-" in prev.text)
        ):
            break
        if prev.is_capitalised and prev.start != sentence_start and plow not in SOURCE_HEADS:
            break
        j -= 1
        modifiers += 1
    phrase = toks[j : i + 1]
    start = phrase[0].start
    if det:
        det_tok = next(t for t in reversed(toks[:j]) if t.lower == det)
        start = det_tok.start
    owner = None
    owner_start = -1
    if possessor:
        owner = _POSSESSIVE.sub("", _phrase(text, _strip_connectors(possessor) or possessor))
        owner_start = possessor[0].start
    name = _common_name(text, phrase, sentence_start)
    if owner is not None and owner.lower() in WORK_NOUNS:
        # "the study's authors" speak for the study.
        return Speaker(start, head.end, "work", name, owner.lower(), det)
    return Speaker(start, head.end, kind, name, lhead, det, owner, owner_start)


def speaker_after(text: str, pos: int, sentence_end: int, sentence_start: int) -> Speaker | None:
    """The noun phrase that starts at `pos`: "according to [the water ministry]"."""
    toks = tokens(text, pos, min(sentence_end, pos + WINDOW))
    if not toks:
        return None
    i = 0
    det = ""
    if toks[0].lower in DETERMINERS and toks[0].lower != "this":
        det = toks[0].lower
        i = 1
    if i >= len(toks) or not toks[i].is_word:
        return None
    first = toks[i]
    if not det and first.lower in PRONOUNS:
        return Speaker(first.start, first.end, "pronoun", first.text, first.lower)
    # Walk right to the end of the phrase, then read it back from its head.
    j = i
    if first.is_capitalised:
        while j + 1 < len(toks):
            nxt = toks[j + 1]
            if _POSSESSIVE.search(toks[j].text):
                break
            if nxt.is_word and nxt.is_capitalised:
                j += 1
            elif (
                nxt.lower in NAME_CONNECTORS
                and j + 2 < len(toks)
                and toks[j + 2].is_capitalised
                and toks[j + 2].lower not in _DATE_WORDS  # "Reuters on Monday"
            ):
                j += 2
            elif (
                nxt.lower in {"of", "for", "on"}
                and j + 3 < len(toks)
                and toks[j + 2].lower == "the"
                and toks[j + 3].is_capitalised
            ):
                # "UN Office for the Coordination of Humanitarian Affairs".
                j += 3
            elif nxt.lower == "the" and toks[j].lower in {"of", "for"}:
                j += 1
            else:
                break
        # "a UN report", "the Meridian Trust's report": a work owned by the name.
        k = j + 1
        while k < len(toks) and k - j <= 3 and toks[k].is_word and not toks[k].is_capitalised:
            word = toks[k].lower
            if word in WORK_NOUNS or word in SOURCE_HEADS:
                j = k
                break
            if word in FUNCTION_WORDS or not toks[k].text.isalpha():
                break
            k += 1
    else:
        while j < len(toks) and j - i < 4:
            word = toks[j].lower
            if not toks[j].is_word or word in FUNCTION_WORDS:
                return None
            if word in SOURCE_HEADS or word in WORK_NOUNS or word.rstrip("s") in WORK_NOUNS:
                break
            j += 1
        else:
            return None
        if j >= len(toks):
            return None
        # "the statistics office": a head noun may itself modify the next one.
        while (
            j + 1 < len(toks) and toks[j + 1].text.islower() and toks[j + 1].lower in SOURCE_HEADS
        ):
            j += 1
        # "chief executive Tom Hale": a title may take more than one word.
        while (
            toks[j].lower in _PERSON_TITLES
            and j + 1 < len(toks)
            and toks[j + 1].text.islower()
            and toks[j + 1].lower in _PERSON_TITLES
        ):
            j += 1
        # '"...," said lead author Dr Karin Holt': a person's title before the name that speaks.
        if (
            toks[j].lower in _PERSON_TITLES
            and j + 1 < len(toks)
            and toks[j + 1].is_word
            and toks[j + 1].is_capitalised
            and toks[j + 1].lower not in _DATE_WORDS
            and toks[j + 1].lower not in FUNCTION_WORDS
        ):
            person = speaker_after(text, toks[j + 1].start, sentence_end, sentence_start)
            if person is not None and person.kind == "name":
                start = toks[0].start if det else toks[i].start
                return Speaker(start, person.end, "name", person.name, person.head, det)
    phrase_toks = toks[: j + 1]
    sp = noun_phrase_ending(text, phrase_toks, j, sentence_start)
    if sp is None:
        return None
    start = toks[0].start if det else toks[i].start
    if sp.start < start:
        return sp
    possessor, possessor_start = sp.possessor, sp.possessor_start
    if sp.kind == "work" and possessor is None:
        # "a survey of 1,000 voters by the Pew Research Center": the work's issuer follows it.
        owner = _issuer_after(text, toks, j + 1)
        if owner is not None:
            possessor, possessor_start = owner.name, owner.start
    return Speaker(
        start, sp.end, sp.kind, sp.name, sp.head, det or sp.determiner, possessor, possessor_start
    )


_TITLE_LEAD = re.compile(r"\s*(?:(?:the|its|their|a|an)\s+)?[\"'\u201c\u2018\u00ab]?")


def _title_after(text: str, pos: int, end: int, titles: dict[int, int]) -> Speaker | None:
    """A known title right after 'according to' ('the <cite>Situation Report No. 5</cite>').

    Titles may hold words a noun phrase cannot end on ('No. 5'), so a title is looked up by its
    start rather than read as a phrase.
    """
    lead = _TITLE_LEAD.match(text, pos, end)
    stop = titles.get(lead.end()) if lead else None
    if lead is None or stop is None or stop > end:
        return None
    lead_text = text[pos : lead.end()]
    start = pos + len(lead_text) - len(lead_text.lstrip())
    return Speaker(start, stop, "work", text[lead.end() : stop], "title")


def _issuer_after(text: str, toks: list[_Tok], k: int) -> Speaker | None:
    """A capitalised name after 'by'/'from' within a few words of a work noun."""
    for n in range(k, min(len(toks), k + 8)):
        if toks[n].text in {",", ";", ".", ":"}:
            return None
        by = toks[n].lower in {"by", "from"}
        # "A study published in The Lancet found": the journal is who stands behind the study.
        in_outlet = toks[n].lower == "in" and n > k and toks[n - 1].lower in _PUBLISHED_IN
        if (by or in_outlet) and n + 1 < len(toks):
            m = n + 1
            if toks[m].lower == "the":
                m += 1
            if m >= len(toks) or not toks[m].is_capitalised:
                return None
            if in_outlet and (toks[m].lower in _DATE_WORDS or toks[m].text[0].isdigit()):
                return None
            j = m
            while j + 1 < len(toks) and (
                (toks[j + 1].is_capitalised and toks[j + 1].is_word)
                or (
                    toks[j + 1].lower in NAME_CONNECTORS
                    and j + 2 < len(toks)
                    and toks[j + 2].is_capitalised
                )
            ):
                j += 1
            run = _strip_connectors(toks[m : j + 1])
            if not run:
                return None
            return Speaker(run[0].start, run[-1].end, "name", _phrase(text, run), run[-1].lower)
    return None


def find_clauses(
    text: str, sentences: list[Segment], anchors: dict[int, int] | None = None
) -> list[Clause]:
    """Every reporting clause of every sentence, in text order; `anchors`: title end -> start."""
    out: list[Clause] = []
    titles = {start: end for end, start in (anchors or {}).items()}
    for index, seg in enumerate(sentences):
        for m in _CUE.finditer(text, seg.start, seg.end):
            clause = _clause(text, m, seg, index, anchors, titles)
            if clause is not None:
                out.append(clause)
    return out


def _clause(
    text: str,
    m: re.Match[str],
    seg: Segment,
    index: int,
    anchors: dict[int, int] | None,
    titles: dict[int, int],
) -> Clause | None:
    cue_start, cue_end = m.start(), m.end()
    if m.group("according") or m.group("citing"):
        kind = "according" if m.group("according") else "citing"
        sp = _title_after(text, cue_end, seg.end, titles) or speaker_after(
            text, cue_end, seg.end, seg.start
        )
        if sp is None and kind == "citing":
            return None
        lead = text[max(seg.start, cue_start - 8) : cue_start]
        if cue_start - seg.start <= 8 and lead.strip() in {"", '"', "\u201c"}:
            direction = "forward"
        elif _short_tail(text, sp.end if sp else cue_end, seg.end):
            direction = "backward"
        else:
            direction = "both"
        return _make(m, kind, direction, sp, index)
    if m.group("saying"):
        # "The ministry disputed the figures, saying 212 ...": the sentence's subject says it.
        subject = speaker_after(text, _subject_start(text, seg), seg.end, seg.start)
        if subject is None or subject.end > cue_start or subject.kind == "pronoun":
            return None
        word = m.group("saying").lstrip(", \t\n")
        start = cue_end - len(word)
        return Clause(
            word, start, cue_end, "verb", "forward", subject, index, subject.start, cue_end
        )
    verb = m.group("verb")
    # "Insurance claims rose by 27%": a plural noun followed by its verb, not a reporting verb.
    if verb.lower() in _NOUN_OR_VERB and _VERB_NEXT.match(text, cue_end, seg.end):
        return None
    # "Employers added 175,000 jobs" is not reporting; "..., he added." and "added that" are.
    if verb.lower() in {"add", "adds", "added"}:
        nxt = text[cue_end : min(seg.end, cue_end + 12)].lstrip()
        if (
            nxt
            and nxt[0] not in ",.;:\"'\u201c\u201d\u2019"
            and not nxt.lower().startswith("that ")
        ):
            return None
    # Only the last words before the cue matter; a bounded slice keeps long sentences linear.
    before = text[max(seg.start, cue_start - WINDOW) : cue_start].rstrip()
    # Inverted: '"...," said the minister.' / '..., says Jane Doe, a spokeswoman.'
    if before and (before[-1] == "," or before[-1] in _QUOTE_CLOSERS):
        sp = speaker_after(text, cue_end, seg.end, seg.start)
        if sp is not None:
            rest = text[sp.end : min(seg.end, sp.end + 8)].lstrip()
            if not rest or rest[0] in _CLOSERS:
                return _make(m, "inverted", "backward", sp, index)
    sp = speaker_before(text, cue_start, seg.start, anchors)
    if sp is None:
        words = before.split()
        last = words[-1].lower().strip("\"'\u201d\u2019,") if words else ""
        # 'it is said', 'bodies were found', 'to show': no one is speaking.
        if not last or last in FUNCTION_WORDS or last in DETERMINERS or not last[:1].isalpha():
            return None
        if verb.lower() not in _STRONG_VERBS:
            # 'The rate of inflation shows 5%': someone we cannot name may be speaking. Kept as a
            # weak clause: it silences a sentence that has no other speaker, nothing more.
            return _make(m, "weak", "forward", None, index)
    # '..., a new report says.' reaches back; 'fewer than economists had expected.' does not: a clause
    # that closes the sentence reaches back only when set off by a comma or a quotation.
    set_off = sp is None or _set_off(text, sp.start, seg.start)
    if before and set_off and _short_tail(text, cue_end, seg.end):
        direction = "backward"
    elif before and sp is not None and set_off and _COMMA_AFTER.match(text, cue_end, seg.end):
        # "240 trains a day, the rail operator said, about 60% of ...": a parenthetical clause
        # covers the figures on both sides of it.
        direction = "both"
    else:
        direction = "forward"
    if sp is not None and _is_place(sp) and verb.lower() not in _STRONG_VERBS:
        # "the city of Seville recorded 44.6 degrees": a measurement, not a report. Kept weak so
        # it still silences its sentence and ends any reported speech running into it.
        return _make(m, "weak", "forward", None, index)
    return _make(m, "verb", direction, sp, index)


def _is_place(sp: Speaker) -> bool:
    """'the city of Seville', 'the town': a place, which measures but does not give figures."""
    return sp.kind == "common" and sp.head in PLACE_HEADS


_TITLING = re.compile(r"\b(?:titled|entitled|called|dubbed)\W*$")
_WORK_NOUN_WORD = re.compile(r"\b(?:" + "|".join(WORK_NOUNS) + r")\b", re.IGNORECASE)


def _set_off(text: str, pos: int, sentence_start: int) -> bool:
    """Whether a comma, a dash or a closing quotation stands just before `pos` (white space aside)."""
    k = pos - 1
    while k >= sentence_start and text[k].isspace():
        k -= 1
    if k >= sentence_start and text[k] in ",\u2014\u2013-\"'\u201d\u2019":
        return True
    # ", a report published on Wednesday by X says." / ", the report titled X says.": the work is
    # what is set off, from the comma before its noun.
    titled = text[max(sentence_start, k - 12) : k + 1].lower()
    if titled.endswith((" by", " from")) or _TITLING.search(titled):
        comma = text.rfind(",", max(sentence_start, k - WINDOW), k)
        return comma >= 0 and _WORK_NOUN_WORD.search(text, comma, pos) is not None
    return False


def _short_tail(text: str, pos: int, end: int) -> bool:
    """Whether only a short adjunct ("on Wednesday.") follows `pos` before the sentence ends."""
    return end - pos <= 60 and _SHORT_TAIL.fullmatch(text, pos, end) is not None


def _subject_start(text: str, seg: Segment) -> int:
    """Where the sentence's subject starts, past an opener such as 'But' or 'However,'."""
    toks = tokens(text, seg.start, min(seg.end, seg.start + 40))
    k = 0
    while k < len(toks) and (toks[k].lower in _OPENERS or toks[k].text in {",", '"', "\u201c"}):
        k += 1
    return toks[k].start if k < len(toks) else seg.start


def _make(m: re.Match[str], kind: str, direction: str, sp: Speaker | None, index: int) -> Clause:
    start = min(m.start(), sp.start) if sp else m.start()
    end = max(m.end(), sp.end) if sp else m.end()
    return Clause(m.group(), m.start(), m.end(), kind, direction, sp, index, start, end)


def normalise_name(name: str) -> str:
    """Key for comparing names of organisations and parties: no article, no case, no punctuation."""
    words = _NAME_WORD.findall(name.casefold().replace("&", " and "))
    while words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words)


def same_organisation(a: str, b: str) -> bool:
    """'Meridian', 'the Meridian Water Trust' and 'Meridian Water Trust' name one organisation.

    One name's words must open the other's: a short form is the front of the full name in news usage.
    """
    wa, wb = normalise_name(a).split(), normalise_name(b).split()
    if not wa or not wb:
        return False
    short, full = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return full[: len(short)] == short


def acronym(name: str) -> str:
    """'International Monetary Fund' -> 'imf': the initials of its significant words (or '').

    A hyphenated word gives one initial: 'Organisation for Economic Co-operation and Development'
    -> 'oecd'.
    """
    words = [
        w
        for w in _ACRONYM_WORD.findall(name.casefold())
        if w not in NAME_CONNECTORS and w not in {"the", "a", "an"}
    ]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def is_acronym(name: str) -> bool:
    """'IMF', 'ECDC': a short word in capitals, which may stand for a longer name."""
    bare = name.strip()
    return 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper()


def short_form_of(short: str, full: str) -> bool:
    """'ministry' of 'education ministry', 'Okafor' of 'Jane Okafor': the same speaker named again."""
    sw, fw = normalise_name(short).split(), normalise_name(full).split()
    n = len(sw)
    return 0 < n < len(fw) and (fw[:n] == sw or fw[-n:] == sw)


class Spans:
    """Spans indexed for overlap queries by bisection, so that checking every clause or figure against
    every title and mention stays near-linear on long texts. Spans may nest."""

    def __init__(self, spans: Iterable[tuple[int, int, int]] = ()) -> None:
        items = sorted(spans)
        self._starts = [s for s, _, _ in items]
        self._ends = [e for _, e, _ in items]
        self._values = [v for _, _, v in items]
        self._max_end: list[int] = []
        best = -1
        for end in self._ends:
            best = max(best, end)
            self._max_end.append(best)

    def overlapping(self, lo: int, hi: int) -> int | None:
        """The value of the last-starting span that overlaps [lo, hi), or None."""
        i = bisect_left(self._starts, hi) - 1
        while i >= 0 and self._max_end[i] > lo:
            if self._ends[i] > lo:
                return self._values[i]
            i -= 1
        return None

    def __contains__(self, pos: int) -> bool:
        return self.overlapping(pos, pos + 1) is not None


class NameIndex:
    """Names looked up exactly, or by a shorter form that opens them ('Meridian' for 'Meridian Water
    Trust') or closes them ('ministry' for 'education ministry'), without comparing every pair."""

    def __init__(self) -> None:
        self._exact: dict[str, list[int]] = {}
        self._front: dict[str, list[int]] = {}
        self._back: dict[str, list[int]] = {}
        self._initials: dict[str, list[int]] = {}

    def add(self, name: str, value: int) -> None:
        words = normalise_name(name).split()
        if not words:
            return
        self._exact.setdefault(" ".join(words), []).append(value)
        initials = acronym(name)
        if len(initials) >= 2:
            self._initials.setdefault(initials, []).append(value)
        for n in range(1, len(words)):
            self._front.setdefault(" ".join(words[:n]), []).append(value)
            self._back.setdefault(" ".join(words[-n:]), []).append(value)

    def exact(self, name: str) -> list[int]:
        return list(self._exact.get(normalise_name(name), []))

    def same_organisation(self, name: str) -> list[int]:
        """Values whose name opens with `name` or opens `name` (see `same_organisation`)."""
        words = normalise_name(name).split()
        out = list(self._exact.get(" ".join(words), []))
        for n in range(1, len(words)):
            out += self._exact.get(" ".join(words[:n]), [])
        out += self._front.get(" ".join(words), [])
        if is_acronym(name):
            # "the IMF" after "the International Monetary Fund".
            out += self._initials.get(name.strip().lower(), [])
        return sorted(set(out))

    def short_form(self, name: str) -> list[int]:
        """Values of which `name` is a strictly shorter front or back part (see `short_form_of`)."""
        key = normalise_name(name)
        return sorted(set(self._front.get(key, []) + self._back.get(key, [])))
