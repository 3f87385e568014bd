"""The works a source cites by title, who issued them, and the parties it quotes without a title.

A news article that reports a think tank's numbers names the work in one of a few ways (see `titles`) and
later refers back to it (see `mentions`); who issued it is read by `organisations`, its year by `years`,
and the parties that speak without a titled work by `parties`.

Everything here is a pure function of the text. Detection is by general patterns; when a reference cannot
be resolved without guessing, it is left unresolved.
"""

from __future__ import annotations

import datetime as dt
import re

from citekit.cites.mentions import repeated_titles, resolve_mentions
from citekit.cites.names import is_acronym, normalise_name, same_organisation
from citekit.cites.nametable import NameTable
from citekit.cites.organisations import (
    appositive_organisations,
    direct_organisation,
    display_organisation,
    named_in_full,
    published_by,
)
from citekit.cites.parties import find_parties
from citekit.cites.spans import sentences_of
from citekit.cites.titles import merge_candidates, title_candidates
from citekit.cites.years import set_year
from citekit.models import CitedWork, Party
from citekit.read.segment import paragraphs

# `display_organisation` is how recording prints an issuer; it is part of this module's interface.
__all__ = ["display_organisation", "find_works", "same_work", "work_identity"]


def find_works(
    text: str,
    source_date: dt.date | None = None,
    emphasis: list[tuple[int, int]] | None = None,
) -> tuple[list[CitedWork], list[Party]]:
    """Works cited by title (one per distinct title, with their later mentions) and quoted parties."""
    segs = sentences_of(text)
    paras = paragraphs(text)
    candidates = title_candidates(text, segs, paras, emphasis or [])
    works, occurrences, intros = merge_candidates(text, candidates)
    consumed = [c.consumed for c in candidates]
    for index, work in enumerate(works):
        work.organisation = direct_organisation(text, segs, work, intros[index])
    occurrences += repeated_titles(text, works, consumed)
    resolve_mentions(text, segs, works, occurrences, consumed)
    for work in works:
        for mention in work.mentions:
            if work.organisation is None:
                work.organisation = published_by(text, segs, work, mention.start)
    appositive_organisations(text, segs, works)
    names: NameTable | None = None
    for work in works:
        if work.organisation and (is_acronym(work.organisation) or work.organisation.islower()):
            names = NameTable.of(text) if names is None else names
            work.organisation = named_in_full(work.organisation, work.start, names)
    _drop_people(text, works)
    for index, work in enumerate(works):
        set_year(text, segs, work, intros[index], source_date)
    parties = find_parties(text, segs, works)
    return works, parties


# Where a one-word name is a person's surname: "John Fa, a senior scientist", "said Ana Ruiz",
# "Fa and his associates", "Ruiz et al.".
_SURNAME = re.compile(
    r"\b[A-Z][a-z]+ (?P<a>[A-Z][\w\u00c0-\u024f'-]+)(?=,\s+(?:a|an|the)\s|\s+(?:said|says|told|added)\b)"
    r"|\b(?:said|says)\s+[A-Z][a-z]+ (?P<b>[A-Z][\w\u00c0-\u024f'-]+)\b"
    r"|\b(?P<c>[A-Z][\w\u00c0-\u024f'-]+)\s+(?:and\s+(?:his|her|their)\s+"
    r"(?:associates|colleagues|co-authors|team)|et\s+al\b)"
)


def _drop_people(text: str, works: list[CitedWork]) -> None:
    """A person is never a work's corporate author: an issuer that is one word the text uses as
    someone's surname is left unknown (one pass over the text, only when such an issuer exists)."""
    single = [w for w in works if w.organisation and " " not in w.organisation.strip()]
    if not single:
        return
    surnames = {m.group("a") or m.group("b") or m.group("c") for m in _SURNAME.finditer(text)}
    for work in single:
        if (
            work.organisation
            and not is_acronym(work.organisation)
            and work.organisation in surnames
        ):
            work.organisation = None


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
