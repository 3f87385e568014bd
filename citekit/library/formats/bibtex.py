"""References as BibTeX (plain, plainnat, natbib styles) or BibLaTeX (biber's data model).

BibTeX gets only the types and fields its standard styles know, each type only with the fields
the style requires (else @misc): pages as @misc with the address in `howpublished` and the
access date in `note`, `year` and `month`, and a `key` so an entry without an author sorts and
cites by a short label. BibLaTeX gets @online, `date`, `urldate`, `langid`, `organization` for a
site or an organisation (never a made-up author), `label` for the short label, and `related`
only with `options = {related=false}` so linked entries are not printed inside each other.
"""

from __future__ import annotations

from citekit.library.formats.latex import latex_text, latex_title, url_text
from citekit.library.formats.record import Reference

_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
# Languages as babel and polyglossia name them (biblatex's langid).
LANGIDS = {
    "en": "english", "fr": "french", "de": "german", "es": "spanish", "it": "italian",
    "pt": "portuguese", "nl": "dutch", "ru": "russian", "uk": "ukrainian", "ar": "arabic",
    "pl": "polish", "sv": "swedish", "da": "danish", "fi": "finnish", "nb": "norsk",
    "no": "norsk", "cs": "czech", "el": "greek", "tr": "turkish", "he": "hebrew",
}  # fmt: skip


def short_label(ref: Reference) -> str:
    """What an entry without an author cites as: its organisation, its site, or its title's
    first words."""
    for name in (ref.organisation, ref.publisher, ref.journal):
        if name:
            return name
    words = ref.title.split()
    return " ".join(words[:4]) + ("…" if len(words) > 4 else "") if words else ref.key


def _entry(entry_type: str, key: str, fields: list[tuple[str, str | None]]) -> str:
    lines = [f"@{entry_type}{{{key},"]
    for name, value in fields:
        if value:
            lines.append(f"  {name} = {value},")
    return "\n".join(lines) + "\n}\n"


def _braced(value: str) -> str:
    return "{" + value + "}" if value else ""


def _names(ref: Reference, ascii_latin: bool, corporate: bool) -> str:
    names = [latex_text(n, ascii_latin) for n in ref.authors]
    if not names and corporate and ref.organisation:
        names = ["{" + latex_text(ref.organisation, ascii_latin) + "}"]
    return _braced(" and ".join(names))


def bibtex_entry(ref: Reference) -> str:
    """One entry for bibtex."""

    def text(value: str) -> str:
        return _braced(latex_text(value, True))

    parts = ref.date_parts()
    year = str(parts[0]) if parts else "{n.d.}"  # plainnat and plain want a year
    month = _MONTHS[parts[1] - 1] if len(parts) > 1 else ""
    entry_type = "misc"
    if ref.kind == "report" and parts and (ref.authors or ref.organisation) and ref.organisation:
        entry_type = "techreport"
    elif ref.kind == "article" and parts and ref.authors and ref.journal:
        entry_type = "article"
    elif ref.kind == "book" and parts and ref.authors and ref.publisher:
        entry_type = "book"
    notes = []
    where = ""
    if entry_type == "misc":
        where = ref.journal or ref.publisher or ref.organisation
        if ref.url:
            if where:
                notes.append(latex_text(where, True))
            where = ""
        if ref.report_type:
            notes.insert(0, latex_text(ref.report_type, True))
    if ref.urldate:
        notes.append("Accessed " + ref.urldate)
    if ref.note:
        notes.append(latex_text(ref.note, True))
    fields = [
        ("title", _braced(latex_title(ref.title, True))),
        ("author", _names(ref, True, corporate=entry_type == "techreport")),
        ("journal", text(ref.journal) if entry_type == "article" else ""),
        ("institution", text(ref.organisation) if entry_type == "techreport" else ""),
        ("publisher", text(ref.publisher) if entry_type == "book" else ""),
        ("type", text(ref.report_type) if entry_type == "techreport" else ""),
        ("number", text(ref.number) if entry_type in ("techreport", "article") else ""),
        ("howpublished", _braced(r"\url{" + url_text(ref.url) + "}") if ref.url else text(where)),
        ("year", year),
        ("month", month),
        ("doi", _braced(url_text(ref.doi))),
        ("note", _braced(". ".join(notes))),
        ("key", text(short_label(ref)) if not ref.authors else ""),
    ]
    return _entry(entry_type, ref.key, fields)


def biblatex_entry(ref: Reference, exported: set[str]) -> str:
    """One entry for biber and biblatex."""

    def text(value: str) -> str:
        return _braced(latex_text(value))

    entry_type = "online" if ref.url else "misc"
    if ref.kind == "report" and ref.authors and ref.organisation:
        entry_type = "report"
    elif ref.kind == "article" and ref.authors and ref.journal:
        entry_type = "article"
    elif ref.kind == "book" and ref.authors:
        entry_type = "book"
    organisation = ref.organisation
    if entry_type in ("online", "misc") and not organisation:
        organisation = ref.publisher
    report_type = ref.report_type or ("Report" if ref.kind == "report" else "")
    related = [k for k in ref.related if k in exported]
    langid = LANGIDS.get(ref.language.lower().split("-")[0], "") if ref.language else ""
    fields = [
        ("title", _braced(latex_title(ref.title))),
        ("author", _names(ref, False, corporate=False)),
        ("journaltitle", text(ref.journal) if entry_type == "article" else ""),
        ("institution", text(ref.organisation) if entry_type == "report" else ""),
        ("organization", text(organisation) if entry_type in ("online", "misc") else ""),
        ("publisher", text(ref.publisher) if entry_type in ("book", "report") else ""),
        ("howpublished", text(ref.journal) if entry_type == "misc" and ref.journal else ""),
        ("type", text(report_type) if entry_type in ("report", "misc") else ""),
        ("number", text(ref.number) if entry_type in ("report", "article") else ""),
        ("date", _braced(ref.date or "XXXX")),  # EDTF's unknown year: biblatex wants a date
        ("urldate", _braced(ref.urldate) if ref.url else ""),
        ("url", _braced(url_text(ref.url))),
        ("doi", _braced(url_text(ref.doi))),
        ("langid", _braced(langid)),
        ("note", text(ref.note)),
        ("label", text(short_label(ref)) if not ref.authors else ""),
        ("related", _braced(",".join(related))),
        ("relatedtype", "{citekit}" if related else ""),
        ("options", "{related=false}" if related else ""),
    ]
    return _entry(entry_type, ref.key, fields)
