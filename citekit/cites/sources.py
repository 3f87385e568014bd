"""Who a speaker is: a cited work (by its title, a mention or its issuer) or a known party.

Attribution asks this of every reporting clause: the works and parties are indexed once
(`Known`), so that each speaker is resolved without a scan of them all.
"""

from __future__ import annotations

import re

from citekit.cites.names import NameIndex
from citekit.cites.nametable import NameTable
from citekit.cites.organisations import full_name_for
from citekit.cites.parties import issued_by, party_name
from citekit.cites.phrases import Speaker, is_anaphoric
from citekit.cites.spans import Spans
from citekit.cites.vocabulary import DATA_WORDS, GENERIC_BODIES, WORK_NOUNS
from citekit.models import CitedWork, Party

_TITLE_GAP = re.compile(
    r"[\s,]*(?:(?:which\s+)?(?:is|was)\s+)?(?:(?:titled|entitled|called|named|dubbed)\b)?"
    r"[\s,:]*[\"'\u201c\u2018\u00ab]?\s*"
)

# A source: ("work", index) or ("party", name).
Source = tuple[str, int | str]


class Known:
    """The works and parties a speaker may be, indexed so each clause is resolved without a full scan."""

    def __init__(self, works: list[CitedWork], parties: list[Party]) -> None:
        self.works = works
        self.spans = Spans(
            [(w.start, w.end, i) for i, w in enumerate(works)]
            + [(m.start, m.end, i) for i, w in enumerate(works) for m in w.mentions]
        )
        self.starts = {w.start: i for i, w in enumerate(works)}
        # Where each work first comes up, by its title or a mention ("a new report says").
        self.first = [min([w.start] + [m.start for m in w.mentions]) for w in works]
        self.orgs = NameIndex()
        for i, w in enumerate(works):
            if w.organisation:
                self.orgs.add(w.organisation, i)
        self._names: NameTable | None = None
        self._described: dict[str, list[tuple[int, Source]]] = {}
        self.party_names = [p.name for p in parties]
        self._lookups: dict[tuple[str, str], list[int]] = {}
        self.parties = NameIndex()
        for i, p in enumerate(parties):
            self.parties.add(p.name, i)

    # The name indexes are not changed once made: each lookup of a name is made once. The lists
    # returned are shared: read them, do not change them.
    def owners(self, name: str) -> list[int]:
        """The works whose issuer `name` names, in full or by a short form."""
        key = ("owners", name)
        found = self._lookups.get(key)
        if found is None:
            found = self.orgs.same_organisation(name) or self.orgs.short_form(name)
            self._lookups[key] = found
        return found

    def issuers(self, sp: Speaker, name: str) -> list[int]:
        """`issued_by` of a speaker recorded under `name`."""
        key = ("issuers" if sp.kind == "name" and sp.determiner == "the" else "issuer", name)
        found = self._lookups.get(key)
        if found is None:
            found = self._lookups[key] = issued_by(sp, name, self.orgs)
        return found

    def party_exact(self, name: str) -> list[int]:
        key = ("exact", name)
        found = self._lookups.get(key)
        if found is None:
            found = self._lookups[key] = self.parties.exact(name)
        return found

    def party_short(self, name: str) -> list[int]:
        key = ("short", name)
        found = self._lookups.get(key)
        if found is None:
            found = self._lookups[key] = self.parties.short_form(name)
        return found

    def names(self, text: str) -> NameTable:
        """The text's capitalised names, read once."""
        if self._names is None:
            self._names = NameTable.of(text)
        return self._names

    def described(self, text: str, head: str) -> list[tuple[int, Source]]:
        """Each work issuer or party that an appositive ("X, a London-based charity") calls by
        `head`, once, with the end of the first such appositive, in text order."""
        found = self._described.get(head)
        if found is None:
            by_name: dict[str, list[Source]] = {}
            for i, w in enumerate(self.works):
                if w.organisation:
                    by_name.setdefault(w.organisation, []).append(("work", i))
            for name in self.party_names:
                by_name.setdefault(name, []).append(("party", name))
            # The names that may end at a comma, by their last three characters (shorter ones
            # are tried at every comma).
            ending: dict[str, list[str]] = {}
            short: list[str] = []
            for name in by_name:
                if len(name) >= 3:
                    ending.setdefault(name[-3:], []).append(name)
                else:
                    short.append(name)
            seen: set[Source] = set()
            found = []
            for comma, end in self.names(text).appositives(head):
                named = [
                    name
                    for name in ending.get(text[max(0, comma - 3) : comma], []) + short
                    if comma >= len(name) and text[comma - len(name) : comma] == name
                ]
                # Shorter names first (one name only can end at the comma with each length).
                for name in sorted(named, key=len):
                    for source in by_name[name]:
                        if source not in seen:
                            seen.add(source)
                            found.append((end, source))
            self._described[head] = found
        return found


def resolve(text: str, sp: Speaker | None, known: Known, upto: int) -> Source | None:
    """Who a speaker is: a cited work (by its title, a mention, or its issuer) or a known party.

    An organisation that issued exactly one work speaks for it, but only once the work is on the
    table (named or mentioned in this paragraph, which ends at `upto`, or earlier): "the Authority
    said 85%" a paragraph before its annual report comes up is the Authority speaking, not the report.
    """
    if sp is None or sp.kind == "pronoun":
        return None
    hit = known.spans.overlapping(sp.start, sp.end)
    if hit is not None:
        return ("work", hit)
    if sp.kind == "work":
        # "The report, titled Dry Season, found": the noun introduces the title that follows it.
        gap = _TITLE_GAP.match(text, sp.end)
        if gap.end() in known.starts:
            return ("work", known.starts[gap.end()])
    if is_anaphoric(sp):
        # "the trust" for the Meridian Water Trust named before; otherwise whoever is speaking.
        owned = known.owners(sp.name)
        if len(owned) == 1 and known.first[owned[0]] < upto:
            return ("work", owned[0])
        full = full_name_for(text, sp, known.names(text))
        if full and known.party_exact(full):
            # "the bank" after "The Central Bank of Norland" (named once, and only one bank).
            return ("party", known.party_names[known.party_exact(full)[0]])
        if sp.head not in GENERIC_BODIES and sp.head not in DATA_WORDS:
            # "Unite, Britain's largest union, said ... The union said": the body described so.
            described = described_as(text, sp, known, upto)
            if described is not None:
                return described
        named = {known.party_names[i] for i in known.party_short(sp.name)}
        named = named or {known.party_names[i] for i in known.party_exact(sp.name)}
        return ("party", named.pop()) if len(named) == 1 else None
    name = party_name(sp)
    if not name:
        return None
    owned = known.issuers(sp, name)
    if (
        len(owned) == 1
        and known.first[owned[0]] < upto
        and (sp.kind != "work" or known.works[owned[0]].work_type == work_type(sp))
    ):
        return ("work", owned[0])
    exact = known.party_exact(name)
    if exact:
        return ("party", known.party_names[exact[0]])
    # "the ministry" after "the education ministry", "Okafor" after "Jane Okafor": one party only.
    short = {known.party_names[i] for i in known.party_short(name)}
    if len(short) == 1:
        return ("party", short.pop())
    return None


def described_as(text: str, sp: Speaker, known: Known, upto: int) -> Source | None:
    """The one work issuer or party that an appositive before `sp` calls by `sp`'s head noun."""
    found: set[Source] = set()
    for end, source in known.described(text, sp.head):
        if end > sp.start:
            break
        if source[0] == "work" and known.first[int(source[1])] >= upto:
            continue
        found.add(source)
        if len(found) > 1:
            return None
    return found.pop() if found else None


def work_type(sp: Speaker) -> str:
    return WORK_NOUNS.get(sp.head, "report")
