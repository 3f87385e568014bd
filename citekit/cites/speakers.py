"""Who stands before or after a reporting cue: "The Meridian Trust, a Geneva-based research group, says",
"according to the water ministry", '"...," said lead author Dr Karin Holt'.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from citekit.cites.lexer import Token, TokenStream, reach, tokens
from citekit.cites.phrases import (
    POSSESSIVE,
    QUOTE_CLOSERS,
    Speaker,
    noun_phrase_ending,
    phrase_text,
    strip_connectors,
)
from citekit.cites.titlecase import word_set
from citekit.cites.vocabulary import (
    DATA_WORDS,
    DATE_WORDS,
    DETERMINERS,
    FUNCTION_WORDS,
    NAME_CONNECTORS,
    PERSON_TITLES,
    PREPOSITIONS,
    PRONOUNS,
    PUBLISHED_IN,
    REPORTING_VERBS,
    SKIPPABLE,
    SOURCE_HEADS,
    WINDOW,
    WORK_NOUNS,
)


def speaker_before(
    text: str, pos: int, sentence_start: int, anchors: Mapping[int, int] | None = None
) -> Speaker | None:
    """The noun phrase that ends just before `pos`, skipping auxiliaries and an appositive.

    "The Meridian Trust, a Geneva-based research group, says" -> "The Meridian Trust". `anchors` maps the end of
    each known title to its start: a title ending just before the verb is the speaker, whatever words
    (or digits, or quotes) it is made of.
    """
    toks = tokens(text, max(sentence_start, pos - WINDOW), pos)
    while toks and toks[-1].lower in SKIPPABLE:
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
            or (POSSESSIVE.search(first.text) is not None and k + 2 < len(toks) - 1)
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
        # The tokens before the phrase (they stand in text order): read back from the end.
        k = len(toks)
        while k and toks[k - 1].end > sp.start:
            k -= 1
        if k and toks[k - 1].lower in PREPOSITIONS:
            before = toks[:k]
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


_CLAUSE_WORDS = frozenset(REPORTING_VERBS.split("|")) | word_set(
    "that which who whom whose was were is are be been being has have had not"
)


def _only_modifiers(toks: list[Token], pos: int) -> bool:
    """Whether the tokens after `pos` are a prepositional phrase with no verb of its own.

    "The survey of 2,040 adults" qualifies; "The report says the death rate among confirmed" does
    not: the subject already has its verb, and "confirmed" is not a second one.
    """
    rest = [t for t in toks if t.start >= pos]
    return (
        bool(rest)
        and rest[0].lower in PREPOSITIONS
        and not any(
            t.lower in _CLAUSE_WORDS or not (t.is_word or t.text[0].isdigit()) for t in rest
        )
    )


def _through_prepositions(
    text: str, toks: list[Token], sp: Speaker, sentence_start: int
) -> Speaker | None:
    """'Officials in the province of Kunduz said': walk back over prepositional phrases to the subject.

    The speaker keeps the whole phrase as its name ("spokesman for the ministry"), so a reader sees who
    it is; at most three phrases are crossed, and the subject must itself be a source.
    """
    current = sp
    for _ in range(3):
        before = [t for t in toks if t.end <= current.start]
        if len(before) < 2 or before[-1].lower not in PREPOSITIONS:
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
    text: str, toks: list[Token], upto: list[Token], sentence_start: int
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


def _anchored(text: str, toks: list[Token], anchors: Mapping[int, int] | None) -> Speaker | None:
    """A known title that ends the token list (a closing quote may follow it)."""
    if not anchors or not toks:
        return None
    ends = [toks[-1].end]
    if toks[-1].text in QUOTE_CLOSERS and len(toks) > 1:
        ends.append(toks[-2].end)
    for end in ends:
        start = anchors.get(end)
        if start is not None:
            return Speaker(start, toks[-1].end, "work", text[start:end], "title")
    return None


def speaker_after(text: str, pos: int, sentence_end: int, sentence_start: int) -> Speaker | None:
    """The noun phrase that starts at `pos`: "according to [the water ministry]"."""
    # Read lazily: a phrase is a few words, the window up to WINDOW characters.
    toks = TokenStream(text, pos, min(sentence_end, pos + WINDOW))
    if not toks.reach(0):
        return None
    i = 0
    det = ""
    if toks[0].lower in DETERMINERS and toks[0].lower != "this":
        det = toks[0].lower
        i = 1
    if not toks.reach(i) or not toks[i].is_word:
        return None
    first = toks[i]
    if not det and first.lower in PRONOUNS:
        return Speaker(first.start, first.end, "pronoun", first.text, first.lower)
    start = toks[0].start if det else first.start
    # Walk right to the end of the phrase, then read it back from its head.
    if first.is_capitalised:
        j = _name_end(toks, i)
    else:
        found = _common_end(toks, i)
        if found is None:
            return None
        j = found
        person = _titled_person(text, toks, j, sentence_end, sentence_start)
        if person is not None:
            return Speaker(start, person.end, "name", person.name, person.head, det)
    sp = noun_phrase_ending(text, toks[: j + 1], j, sentence_start)
    if sp is None:
        return None
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


def _name_end(toks: list[Token], i: int) -> int:
    """Index of the last token of the capitalised name opening at toks[i] (or of the work it owns)."""
    j = i
    while reach(toks, j + 1):
        nxt = toks[j + 1]
        if POSSESSIVE.search(toks[j].text):
            break
        if nxt.is_word and nxt.is_capitalised:
            j += 1
        elif (
            nxt.lower in NAME_CONNECTORS
            and reach(toks, j + 2)
            and toks[j + 2].is_capitalised
            and toks[j + 2].lower not in DATE_WORDS  # "Reuters on Monday"
        ):
            j += 2
        elif (
            nxt.lower in {"of", "for", "on"}
            and reach(toks, j + 3)
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
    while reach(toks, k) and k - j <= 3 and toks[k].is_word and not toks[k].is_capitalised:
        word = toks[k].lower
        if word in WORK_NOUNS or word in SOURCE_HEADS:
            return k
        if word in FUNCTION_WORDS or not toks[k].text.isalpha():
            break
        k += 1
    return j


def _common_end(toks: list[Token], i: int) -> int | None:
    """Index of the head of the lower-case phrase opening at toks[i] ("the statistics office")."""
    j = i
    while reach(toks, j) and j - i < 4:
        word = toks[j].lower
        if not toks[j].is_word or word in FUNCTION_WORDS:
            return None
        if word in SOURCE_HEADS or word in WORK_NOUNS or word.rstrip("s") in WORK_NOUNS:
            break
        j += 1
    else:
        return None
    if not reach(toks, j):
        return None
    # "the statistics office": a head noun may itself modify the next one.
    while reach(toks, j + 1) and toks[j + 1].text.islower() and toks[j + 1].lower in SOURCE_HEADS:
        j += 1
    # "chief executive Tom Hale": a title may take more than one word.
    while (
        toks[j].lower in PERSON_TITLES
        and reach(toks, j + 1)
        and toks[j + 1].text.islower()
        and toks[j + 1].lower in PERSON_TITLES
    ):
        j += 1
    return j


def _titled_person(
    text: str, toks: list[Token], j: int, sentence_end: int, sentence_start: int
) -> Speaker | None:
    """'"...," said lead author Dr Karin Holt': the person named after a title at toks[j]."""
    if not (
        toks[j].lower in PERSON_TITLES
        and reach(toks, j + 1)
        and toks[j + 1].is_word
        and toks[j + 1].is_capitalised
        and toks[j + 1].lower not in DATE_WORDS
        and toks[j + 1].lower not in FUNCTION_WORDS
    ):
        return None
    person = speaker_after(text, toks[j + 1].start, sentence_end, sentence_start)
    return person if person is not None and person.kind == "name" else None


_TITLE_LEAD = re.compile(r"\s*(?:(?:the|its|their|a|an)\s+)?[\"'\u201c\u2018\u00ab]?")


def title_after(text: str, pos: int, end: int, titles: Mapping[int, int]) -> Speaker | None:
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


def _issuer_after(text: str, toks: list[Token], k: int) -> Speaker | None:
    """A capitalised name after 'by'/'from' within a few words of a work noun."""
    for n in range(k, k + 8):
        if not reach(toks, n):
            break
        if toks[n].text in {",", ";", ".", ":"}:
            return None
        by = toks[n].lower in {"by", "from"}
        # "A study published in The Lancet found": the journal is who stands behind the study.
        in_outlet = toks[n].lower == "in" and n > k and toks[n - 1].lower in PUBLISHED_IN
        if (by or in_outlet) and reach(toks, n + 1):
            m = n + 1
            if toks[m].lower == "the":
                m += 1
            if not reach(toks, m) or not toks[m].is_capitalised:
                return None
            if in_outlet and (toks[m].lower in DATE_WORDS or toks[m].text[0].isdigit()):
                return None
            j = m
            while reach(toks, j + 1) and (
                (toks[j + 1].is_capitalised and toks[j + 1].is_word)
                or (
                    toks[j + 1].lower in NAME_CONNECTORS
                    and reach(toks, j + 2)
                    and toks[j + 2].is_capitalised
                )
            ):
                j += 1
            run = strip_connectors(toks[m : j + 1])
            if not run:
                return None
            return Speaker(run[0].start, run[-1].end, "name", phrase_text(text, run), run[-1].lower)
    return None
