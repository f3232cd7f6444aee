"""Glossary tooltips: a glossary term's first use in a page's text becomes `<abbr title="plain definition">`.

Once per page, and never in the title, a heading, a link, a button, a label or a quiz (a tooltip
there could give the answer away). Material shows an `abbr` title as a tooltip (`content.tooltips`);
a script makes each one reachable by keyboard and by a tap (assets/javascripts/a11y.js); in print,
the terms are listed once at the end of the page ("Terms on this page") instead. Python-Markdown's `abbr` extension can do the same, but it costs about a fifth
of a large build: the definitions are parsed again on every page and the extension walks every
element once per page. Here the terms are compiled once per build into one regular expression
and applied in a single pass over each page's HTML, to text outside tags only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

from ..content.model import GlossaryEntry, Site

_FIRST_PERSON = re.compile(r"\b(?:I|me|my|we)\b", re.IGNORECASE)

# Elements whose text keeps no tooltip: code is literal, an abbr already has a title,
# and script/style/textarea are not prose; headings, links, buttons, labels and summaries are
# things to read at a glance or to press, where a dotted word is noise. Reference-list entries
# (`<p class="reference">`) and quizzes are skipped too: a tooltip inside the title of a cited
# work would misquote it, and one in a quiz could give the answer away.
_SKIP = ("code", "pre", "abbr", "script", "style", "textarea", "kbd", "samp", "h[1-6]", "a", "button", "label", "summary", "select")


def tooltip_words(entry: GlossaryEntry) -> list[str]:
    """The words that get a glossary tooltip: the term, and the synonyms that are terms too.

    Lay phrasings ("my doctor doesn't get me") help search, not tooltips, and a
    one-word everyday synonym ("repair", "association") would mark too much text.
    """
    words = [entry.term]
    for synonym in entry.synonyms:
        if _FIRST_PERSON.search(synonym) or "?" in synonym:
            continue
        if " " in synonym or "-" in synonym or synonym.isupper():
            words.append(synonym)
    variants = []
    for word in words:
        variants.append(word)
        if word[:1].islower():
            variants.append(word[:1].upper() + word[1:])
    return list(dict.fromkeys(variants))


def glossary_terms(site: Site) -> dict[str, str]:
    """Each tooltip word (as it appears in text) and the glossary term it belongs to."""
    terms: dict[str, str] = {}
    for entry in site.glossary:
        for word in tooltip_words(entry):
            terms.setdefault(word, entry.term)
    return terms


def glossary_tooltips(site: Site) -> dict[str, str]:
    """Each tooltip word (as it appears in text) and the plain definition it shows."""
    tooltips: dict[str, str] = {}
    for entry in site.glossary:
        title = " ".join(entry.plain.split())
        for word in tooltip_words(entry):
            tooltips.setdefault(word, title)
    return tooltips


class Tooltips:
    """The glossary's tooltip words compiled once, applied to any number of pages."""

    def __init__(self, tooltips: Mapping[str, str], terms: Mapping[str, str] | None = None):
        self.source, self.source_terms = dict(tooltips), dict(terms or {})  # as given: export-pages writes them
        # The words as they appear in HTML text (an apostrophe stays, & becomes &amp;).
        self.titles = {html.escape(word, quote=False): html.escape(title, quote=True) for word, title in tooltips.items()}
        # Which term each word belongs to ("Trust" and "trust" are one term, marked once a page).
        self.terms = {html.escape(word, quote=False): (terms or {}).get(word, word) for word in tooltips}
        self.pattern: re.Pattern[str] | None = None
        if self.titles:
            # One scan per page: a tag, comment or skipped element is matched whole and kept
            # as it is; anything else the expression matches is a tooltip word.
            skip = "|".join(_SKIP)
            self.pattern = re.compile(
                rf"<(?:({skip})\b.*?</\1\s*>|p class=\"reference\"[^>]*>.*?</p>|section class=\"quiz\"[^>]*>.*?</section>|!--.*?-->|[^>]*>)"
                rf"|(\b{word_pattern(self.titles)}\b)", re.S
            )

    def apply(self, page_html: str) -> str:
        """Wrap each term's first use in the page's text (not in tags, code, headings, links or quizzes)."""
        return self.apply_once(page_html)[0]

    def apply_once(self, page_html: str) -> tuple[str, list[tuple[str, str]]]:
        """The page with each term's first use wrapped, and the (term, definition) pairs marked, in order."""
        if self.pattern is None:
            return page_html, []
        titles, terms = self.titles, self.terms
        marked: dict[str, str] = {}

        def wrap(match: re.Match[str]) -> str:
            word = match.group(2)
            if not word:
                return match.group(0)
            term = terms[word]
            if term in marked:
                return word
            marked[term] = titles[word]
            return f'<abbr title="{titles[word]}">{word}</abbr>'

        return self.pattern.sub(wrap, page_html), list(marked.items())

    @staticmethod
    def terms_list(marked: list[tuple[str, str]]) -> str:
        """The "Terms on this page" list printed at the end of a page (hidden on screen), or ""."""
        if not marked:
            return ""
        items = "".join(f"<dt>{html.escape(term, quote=False)}</dt><dd>{title}</dd>" for term, title in marked)
        return (
            '<section class="terms-on-page" data-search-exclude="true" aria-label="Terms on this page">'
            f'<p><strong>Terms on this page</strong></p><dl>{items}</dl></section>'
        )


def word_pattern(words: Iterable[str]) -> str:
    """A regular expression (as text) matching any of the words, built as a trie.

    Python's regular expressions try the alternatives of `a|b|c` one by one at every word
    start; sharing prefixes (`panic(?: attack)?`) makes a page's scan three times faster.
    Optional tails are greedy, so the longest word wins, as with Python-Markdown's abbr.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if "" in node:
            return f"(?:{'|'.join(branches)})?"
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return f"(?=[{re.escape(''.join(sorted(trie)))}])" + build(trie)
