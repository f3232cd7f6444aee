"""Rules for content/references.bib: what APA 7 needs from each entry, and fields that must be safe.

Each message names the file, the line of the field and `key.field`, and says what is expected:

- a journal article needs its journal, volume and pages (or article number), and a DOI unless
  the entry says `nodoi = {true}` (checked: the work has none);
- a web page needs its URL and, when undated, the date it was checked (`urldate`), unless it is
  marked `stable = {true}`;
- a name whose parts look swapped ("Kivlighan, Dennis M., Jr." reads "Jr." as the given name)
  is flagged, and so is an empty name;
- `url` and `doi` may not hold characters that could break out of a link (quotes, angle
  brackets, white space), and a URL must be http(s).

A field we looked for and could not verify is listed in `unverified = {volume, pages}`: it is
left out of the entry, the rule accepts it, and `unverified_fields` lists every such gap (a test
keeps manual/references.md's list of them in step with the file).
"""

from __future__ import annotations

import re
from typing import Any

from ..content.diagnostics import Diagnostics
from .bibfields import RawEntry, name_parts, read_entries, split_names
from .csl import FormatError, unreadable_entries

SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_WEB_TYPES = {"online", "webpage", "misc"}
_PERIODICAL_SUBTYPES = {"magazine", "newspaper"}  # blog posts are written as these (see references.bib)
_UNSAFE = re.compile(r"[\"'<>`\s\\]")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


def _require(entry: RawEntry, name: str, why: str, rel: str, diags: Diagnostics) -> None:
    """Report a missing field, unless the entry lists it as unverified (see `unverified_fields`)."""
    if entry.get(name) or name in entry.listed("unverified"):
        return
    diags.add(rel, entry.line, f"{entry.key}.{name}",
              f"{why}; add it, or list it in `unverified = {{{name}}}` if it cannot be checked")


def unverified_fields(text: str) -> dict[str, list[str]]:
    """Each entry's declared gaps (`unverified = {…}`), by key: manual/references.md lists them.

    They are not diagnostics: MkDocs' strict mode would fail the build on a warning, and a gap
    that was looked for and not found is a known state, not a mistake in the content."""
    return {e.key: sorted(e.listed("unverified")) for e in read_entries(text) if e.listed("unverified")}


def _check_article(entry: RawEntry, rel: str, diags: Diagnostics) -> None:
    _require(entry, "journal", "a journal article needs its journal", rel, diags)
    _require(entry, "volume", "a journal article needs its volume", rel, diags)
    if not (entry.get("pages") or entry.get("eid")):
        _require(entry, "pages", "a journal article needs its pages or article number", rel, diags)
    if entry.get("pages") and not entry.get("volume"):
        # An online-first article has a year and a DOI but no print pages yet; pages belong to a
        # print issue, whose year may differ (Østergård et al.: online 2018, print 2020, 30(2)).
        diags.add(rel, entry.line_of("pages"), f"{entry.key}.pages",
                  "print pages without their volume: give the print year, volume and issue with the pages, "
                  "or leave the pages out (cite the online year and DOI) and list them in `unverified`")
    if entry.get("nodoi").lower() != "true":
        _require(entry, "doi", "a journal article needs its DOI (or `nodoi = {true}` if it has none)", rel, diags)


def _check_web_page(entry: RawEntry, rel: str, diags: Diagnostics) -> None:
    _require(entry, "url", "a web page needs its URL", rel, diags)
    dated = entry.get("year") or entry.get("date")
    if not dated and entry.get("stable").lower() != "true":
        _require(entry, "urldate", "an undated web page needs the date it was checked (urldate = {YYYY-MM-DD}) "
                 "or `stable = {true}`", rel, diags)
    urldate = entry.get("urldate")
    if urldate and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", urldate):
        diags.add(rel, entry.line_of("urldate"), f"{entry.key}.urldate", f'"{urldate}" is not a date: expected YYYY-MM-DD')


def _check_names(entry: RawEntry, rel: str, diags: Diagnostics) -> None:
    for role in ("author", "editor"):
        if role not in entry.fields:
            continue
        line = entry.line_of(role)
        where = f"{entry.key}.{role}"
        if not entry.get(role).strip("{} "):
            diags.add(rel, line, where, f"{role} is empty: give at least one name, or remove the field")
            continue
        for name in split_names(entry.get(role)):
            parts = name_parts(name)
            if not name.strip("{} "):
                diags.add(rel, line, where, f"{role} has an empty name (two 'and's in a row?)")
            elif len(parts) == 3 and parts[2].lower() in SUFFIXES and parts[1].lower() not in SUFFIXES:
                diags.add(rel, line, where, f'"{name}" reads "{parts[2]}" as the given name; '
                          f'BibTeX writes a suffix second: "{parts[0]}, {parts[2]}, {parts[1]}"')
            elif len(parts) == 2 and parts[1].lower() in SUFFIXES:
                diags.add(rel, line, where, f'"{name}" has a suffix but no given name: expected "Last, {parts[1]}, First"')
            elif len(parts) == 1 and not name.startswith("{") and name.split()[-1].lower() in SUFFIXES:
                words = name.split()
                diags.add(rel, line, where, f'"{name}" reads "{words[-1]}" as the family name; '
                          f'write "{words[-2]}, {words[-1]}, {" ".join(words[:-2])}"')
            elif len(parts) > 3:
                diags.add(rel, line, where, f'"{name}" has {len(parts) - 1} commas: expected "Last, First" or "Last, Jr., First"')


def _check_link_fields(entry: RawEntry, rel: str, diags: Diagnostics) -> None:
    # Formatted references carry these into href attributes: nothing may break out of one.
    for name in ("url", "doi"):
        value = entry.fields[name].value.strip() if name in entry.fields else ""
        if not value:
            continue
        line, where = entry.line_of(name), f"{entry.key}.{name}"
        if _UNSAFE.search(value):
            diags.add(rel, line, where, f"{name} contains a quote, angle bracket, backslash or space, which a link "
                      "cannot hold; percent-encode it (%22, %3C, %3E, %20)")
        elif name == "url" and not re.match(r"https?://[^/\s]+", value):
            diags.add(rel, line, where, f'url "{value}" is not a web address: expected http:// or https://')
        elif name == "doi" and not _DOI.match(value):
            diags.add(rel, line, where, f'doi "{value}" is not a DOI: expected the bare DOI, such as 10.1037/pst0000172')


def check_bibtex(text: str, rel: str, diags: Diagnostics, loaded: dict[str, int] | None = None) -> None:
    """Check every entry of a BibTeX text against the rules above.

    `loaded` (key -> line) limits the rules to entries the loader accepted: one that it could
    not read (a duplicate key, unbalanced braces) is already reported once, with its cause."""
    for entry in read_entries(text):
        if loaded is not None and loaded.get(entry.key.lower()) != entry.line:
            continue
        _check_names(entry, rel, diags)
        _check_link_fields(entry, rel, diags)
        if entry.kind == "article" and entry.get("entrysubtype").lower() not in _PERIODICAL_SUBTYPES:
            _check_article(entry, rel, diags)
        elif entry.kind in _WEB_TYPES and (entry.kind != "misc" or entry.get("url")):
            _check_web_page(entry, rel, diags)


def check_bibliography(site: object, diags: Diagnostics) -> None:
    """The bibliography rules for a loaded site (a no-op when it has no bibliography)."""
    bibliography = getattr(site, "bibliography", None)
    if bibliography is not None and bibliography.text:
        check_bibtex(bibliography.text, bibliography.path, diags, bibliography.lines)
        check_pandoc_reads(bibliography, diags)


def check_pandoc_reads(bibliography: Any, diags: Diagnostics) -> None:
    """Every entry the loader read is also read by Pandoc, which formats the references in the
    build: an entry only citeproc-py accepts (a `}` inside a "quoted" title) is reported here, at
    its line in references.bib, instead of failing the build on a temporary copy (issue 20)."""
    try:
        unreadable = unreadable_entries(bibliography.entries)
    except FormatError as exc:
        diags.add(bibliography.path, 0, "", f"the references could not be checked: {exc}")
        return
    for key, reason in unreadable.items():
        line = bibliography.lines.get(key, 0)
        # Pandoc counts lines from the entry's start; say where that is in the file, not in its input.
        reason = re.sub(r'^Error at "[^"]*" ', "", reason)
        reason = re.sub(r"\(line (\d+), column \d+\)", lambda m: f"at line {line + int(m.group(1)) - 1}", reason)
        diags.add(
            bibliography.path, line, key,
            f"this entry cannot be read by Pandoc, which formats the references ({reason}); "
            'check its braces and quotes: a { or } inside a "quoted" value, or a missing comma, breaks it',
        )
