"""Links between generated pages: a link with its one-line description, and relative addresses.

Shared by the renderer and the practice pages (render.py imports practice.py, so both take these
from here rather than one from the other)."""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    """A link from one page to another, with a one-line description."""

    title: str
    url: str
    summary: str = ""


@functools.lru_cache(maxsize=None)  # the same few thousand pairs come up on many pages
def relative(target: str, source: str) -> str:
    """A relative Markdown link from page `source` to page `target`."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")
