"""The bibliography as downloads for reference managers: references.bib (BibTeX) and references.ris.

A student imports these into Zotero, EndNote or Mendeley. The BibTeX is the guide's own file,
rewritten in one tidy layout without the fields that only the guide uses (`unverified`, `nodoi`,
`stable`); the RIS file is written with rispy, with LaTeX accents and dashes turned into plain
text (pylatexenc) and names in RIS's "Last, First, Suffix" form.
"""

from __future__ import annotations

import re

import rispy
from pylatexenc.latex2text import LatexNodes2Text

from .bibfields import RawEntry, name_parts, read_entries, split_names

INTERNAL_FIELDS = {"unverified", "nodoi", "stable"}
"""Fields that say how an entry was checked, for bibcheck.py: not part of the work's record."""

_FIELD_ORDER = [
    "author", "editor", "title", "booktitle", "journal", "entrysubtype", "edition", "volume", "number", "pages",
    "eid", "year", "date", "publisher", "address", "institution", "organization", "howpublished", "isbn", "doi",
    "url", "urldate", "options",
]
_RIS_TYPES = {
    "article": "JOUR", "book": "BOOK", "incollection": "CHAP", "inbook": "CHAP", "techreport": "RPRT",
    "report": "RPRT", "online": "ELEC", "webpage": "ELEC", "misc": "GEN",
}
_TO_TEXT = LatexNodes2Text()


def _ordered(entry: RawEntry) -> list[tuple[str, str]]:
    names = [n for n in entry.fields if n not in INTERNAL_FIELDS]
    rank = {name: i for i, name in enumerate(_FIELD_ORDER)}
    return [(n, " ".join(entry.fields[n].value.split())) for n in sorted(names, key=lambda n: (rank.get(n, len(rank)), n))]


def bibtex_file(text: str, title: str) -> str:
    """The bibliography as clean BibTeX: one layout, every entry, no guide-only fields."""
    out = [f"% {title}: every work the guide cites, for a reference manager.", ""]
    for entry in read_entries(text):
        fields = _ordered(entry)
        width = max((len(n) for n, _ in fields), default=0)
        body = ",\n".join(f"  {n.ljust(width)} = {{{v}}}" for n, v in fields)
        out += [f"@{entry.kind}{{{entry.key},", body, "}", ""]
    return "\n".join(out)


def _plain(value: str) -> str:
    """LaTeX to plain text: Fl{\\"u}ckiger -> Flückiger, --- -> an em dash, braces dropped."""
    return " ".join(_TO_TEXT.latex_to_text(value).split())


def _ris_names(value: str) -> list[str]:
    names = []
    for name in split_names(value):
        if name.startswith("{") and name.endswith("}"):
            names.append(_plain(name))  # a group author, written whole
            continue
        parts = [_plain(p) for p in name_parts(name)]
        if len(parts) == 3:  # Last, Jr., First
            names.append(f"{parts[0]}, {parts[2]}, {parts[1]}")
        elif len(parts) == 2:
            names.append(f"{parts[0]}, {parts[1]}")
        else:
            words = parts[0].split()
            names.append(f"{words[-1]}, {' '.join(words[:-1])}" if len(words) > 1 else parts[0])
    return [n for n in names if n.strip(", ")]


def _ris_date(value: str) -> str:
    """YYYY-MM-DD (BibTeX) as YYYY/MM/DD/ (RIS)."""
    parts = value.split("-")
    return "/".join(parts + [""] * (3 - len(parts))) + "/"


def _ris_record(entry: RawEntry) -> dict[str, object]:
    kind = _RIS_TYPES.get(entry.kind, "GEN")
    if entry.kind == "article" and entry.get("entrysubtype").lower() in {"magazine", "newspaper"}:
        kind = "BLOG" if "blog" in entry.get("journal").lower() else "MGZN"
    record: dict[str, object] = {"type_of_reference": kind, "id": entry.key}
    if entry.get("author"):
        record["authors"] = _ris_names(entry.get("author"))
    if entry.get("editor"):
        record["secondary_authors"] = _ris_names(entry.get("editor"))  # RIS: A2 is the editor
    record["title"] = _plain(entry.get("title"))
    container = entry.get("journal") or entry.get("booktitle") or entry.get("organization") or entry.get("howpublished")
    if container:
        record["secondary_title"] = _plain(container)
    date = entry.get("date")
    year = entry.get("year") or date[:4]
    if year:
        record["year"] = year
    if date:
        record["date"] = _ris_date(date)
    simple = {"volume": "volume", "number": "number", "edition": "edition", "doi": "doi", "isbn": "issn", "address": "place_published"}
    for bib, ris in simple.items():
        if entry.get(bib):
            record[ris] = _plain(entry.get(bib))
    publisher = entry.get("publisher") or entry.get("institution")
    if publisher:
        record["publisher"] = _plain(publisher)
    pages = entry.get("pages") or entry.get("eid")
    if pages:
        bounds = re.split(r"-+", pages, maxsplit=1)  # 434--444
        record["start_page"] = bounds[0]
        if len(bounds) > 1 and bounds[1]:
            record["end_page"] = bounds[1]
    if entry.get("url"):
        record["urls"] = [entry.get("url")]
    if entry.get("urldate"):
        record["access_date"] = _ris_date(entry.get("urldate"))
    return record


class _RisWriter(rispy.RisWriter):
    """rispy's writer without the "1." line it puts before each record: the RIS format has
    none (a record starts at its TY line), and some importers read the number as a stray line."""

    def set_header(self, count: int) -> str:
        return ""


def ris_file(text: str) -> str:
    """The bibliography as RIS (for EndNote, Zotero, Mendeley), one record per entry."""
    return rispy.dumps([_ris_record(e) for e in read_entries(text)], implementation=_RisWriter)
