"""What the site's search knows beyond the index: the words of `content/search.yml` and the
numbers Get help now shows first, shipped to the browser as data inside the search worker.

The worker (assets/javascripts/search-worker.js) is served as one file: this data as JSON, then
the matcher (search-match.js), then the wrapper of Material's worker. The matcher holds no words
of its own, so editors change what the search does in `content/search.yml` alone.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..content.model import Helpline, Site
from .presentation import ASSETS

MATCHER = "search-match.js"
WORKER = "search-worker.js"
# Kinds of contact shown as words in a search result (the call and text links are on Get help now).
SHOWN_KINDS = ("phone", "text")


def region_anchor(region: str) -> str:
    """The anchor of a region on the Get help now page: "United Kingdom" -> "region-united-kingdom"."""
    return "region-" + ("-".join(re.findall(r"[a-z0-9]+", region.lower())) or "other")


def regions(helplines: tuple[Helpline, ...]) -> list[tuple[str, list[Helpline]]]:
    """The helplines grouped by region, in the order of helplines.yml."""
    grouped: dict[str, list[Helpline]] = {}
    for helpline in helplines:
        grouped.setdefault(helpline.region, []).append(helpline)
    return list(grouped.items())


def first_ways(lines: list[Helpline]) -> list[str]:
    """A region's first ways to reach someone, as words: its featured lines' calls and texts (or,
    with none, every way of its featured lines, such as a web address)."""
    featured = [h for h in lines if h.featured] or lines[:1]
    ways = [c.label for h in featured for c in h.contacts if c.kind in SHOWN_KINDS]
    return ways or [c.label for h in featured for c in h.contacts]


def main_region(site: Site) -> dict[str, Any] | None:
    """The guide's main region (the first in helplines.yml) and its first ways to reach someone."""
    found = regions(site.helplines)
    if not found:
        return None
    name, lines = found[0]
    return {"region": name, "anchor": region_anchor(name), "ways": first_ways(lines)}


def search_data(site: Site) -> dict[str, Any]:
    """The data the search worker reads: crisis phrases, optional and same words, synonyms, and
    each region's first numbers (for the Get help now result)."""
    words = site.search
    return {
        "crisis": list(words.crisis) if words else [],
        "optional": list(words.optional) if words else [],
        "same": dict(words.same) if words else {},
        "synonyms": [{"words": list(s.words), "finds": list(s.finds)} for s in words.synonyms] if words else [],
        "help": [
            {"region": name, "anchor": region_anchor(name), "ways": first_ways(lines)}
            for name, lines in regions(site.helplines)
        ],
    }


def worker_script(site: Site | None) -> str:
    """The search worker as served: the data, the matcher, the wrapper of Material's worker."""
    data = search_data(site) if site is not None else {}
    folder = ASSETS / "javascripts"
    return "\n".join([
        "/* Generated from content/search.yml and content/helplines.yml: the search's words and numbers. */",
        f"self.GUIDE_SEARCH = {json.dumps(data, ensure_ascii=True, sort_keys=True)};",
        (folder / MATCHER).read_text(encoding="utf-8"),
        (folder / WORKER).read_text(encoding="utf-8"),
    ])
