""""Cite this page": the APA 7 reference for a topic page of the guide itself.

A page on a website with a group author (APA 7, 10.16): the group is the guide (its title), the
date is the page's last review, the title is the page's (italic), and the URL comes from
MkDocs' `site_url`. When the author and the site name are the same, APA leaves the site name out.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from ..content.addresses import page_url as address_of


def page_url(site_url: str, path: str) -> str:
    """The public address of a page from its source path, as MkDocs builds it (directory URLs)."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/" + address_of(path)


def sentence_start(title: str) -> str:
    """APA's sentence case starts the title, and the part after a colon, with a capital letter.

    Only those letters change: the guide's titles are already in sentence case otherwise."""
    def upper(match: re.Match[str]) -> str:
        return match.group(1) + match.group(2).upper()

    return re.sub(r"(^|:\s+)([a-z])", upper, title)


def cite_this_page(site_title: str, page_title: str, reviewed: dt.date, url: str) -> str:
    """'Panic Attacks. (2026, March 4). <i>What a panic attack is</i>. https://…' as HTML.

    A title that ends in ? or ! takes no full stop after it: APA never doubles punctuation."""
    title = html.escape(sentence_start(page_title))
    stop = "" if page_title.endswith(("?", "!")) else "."
    author = html.escape(site_title) + ("" if site_title.endswith(".") else ".")
    text = f"{author} ({reviewed.year}, {reviewed:%B} {reviewed.day}). <i>{title}</i>{stop}"
    if url:
        link = html.escape(url, quote=True)
        text += f' <a href="{link}">{link}</a>'
    return text
