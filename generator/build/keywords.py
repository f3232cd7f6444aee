"""Topic keywords in the site's search index.

A topic's `keywords` are the words readers search with that the page itself may not use, or not
often: "cheap" and "insurance" for a page about cost, "can I text my doctor" for a page
about contact between appointments. They are never shown on the page. The plugin adds them to
the page's own entry in Material's search index as a field of their own, weighted like the page's
title (1,000; its text counts 1): a lay word a reader types is as strong a sign as a word of the
title. Keep them specific (words only this page should answer), never generic ones such as
the guide's subject itself, which would pull the page up for every query.
"""

from __future__ import annotations

from typing import Any

FIELD = "keywords"
"""The search index field that holds a page's keywords."""

BOOST = 1000.0
"""How much a keyword match counts: as much as a title's (1,000), against 1 for the page's text."""


def add_field(fields: dict[str, Any]) -> None:
    """Declare the keywords field in the search plugin's field settings (kept if a project set it)."""
    fields.setdefault(FIELD, {"boost": BOOST})


def keyword_text(keywords: Any) -> str:
    """The keywords of a page's metadata as one line of text ("" when there are none or they are not a list)."""
    if not isinstance(keywords, list):
        return ""
    return " ".join(str(word) for word in keywords if isinstance(word, str) and word.strip())


def add_to_entries(entries: list[dict[str, Any]], url: str, keywords: str) -> int:
    """Give the page-level search entry of the page at `url` its keywords; return how many entries got them.

    Only the entry for the whole page (its location has no #anchor), so a section of the page does
    not rank on words its own text does not hold."""
    if not keywords:
        return 0
    count = 0
    for entry in entries:
        if entry.get("location") == url:
            entry[FIELD] = keywords
            count += 1
    return count
