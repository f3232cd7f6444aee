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
    """A relative Markdown link from page `source` to page `target` (both relative to the docs folder).

    What `posixpath.relpath(target, dirname(source))` gives, without its two calls to os.getcwd():
    both paths are inside the same folder, so their shared leading folders are all it needs."""
    to = [part for part in posixpath.normpath(target).split("/") if part != "."]
    start = [part for part in posixpath.normpath(posixpath.dirname(source) or ".").split("/") if part != "."]
    if ".." in to or ".." in start:  # a path above the docs folder: leave it to the general rule
        return posixpath.relpath(target, posixpath.dirname(source) or ".")
    shared = 0
    while shared < min(len(to), len(start)) and to[shared] == start[shared]:
        shared += 1
    return "/".join([".."] * (len(start) - shared) + to[shared:]) or "."
