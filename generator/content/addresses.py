"""Where each generated page is published, and which two pages would share an address.

MkDocs (with directory URLs) publishes `x.md` and `x/index.md` at the same address `x/`,
and a generated page named like a hand-written one in docs/ would replace it. Two pages at
one address mean one is lost without a word, so every collision is an error naming both files.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Site
from .parts import STUDY_PARTS, guide_pieces, study_pieces

# The guide-wide pages the renderer always makes (see Renderer.pages), with what to call them.
FIXED_PAGES = {
    "index.md": "the home page",
    "guide.md": "the generated page The whole guide",
    "paths.md": "the generated page Reading paths",
    "study-guide.md": "the generated Study guide page",
    "glossary.md": "the generated Glossary page",
    "references.md": "the generated References page",
    "help.md": "the generated Get help now page",
}


def study_part_path(part: str, piece: int = 1) -> str:
    """Where one part of the study guide is published: `part` is a section's id or one of STUDY_PARTS.
    A long part comes in pieces (pages/render.py): the first at the part's address, piece n under it."""
    return f"study-guide/{part}.md" if piece == 1 else f"study-guide/{part}/{piece}.md"


def guide_part_path(section_id: str, piece: int = 1) -> str:
    """Where one section of the whole guide is published, every topic of it in full (a long section
    in pieces, as study_part_path)."""
    return f"guide/{section_id}.md" if piece == 1 else f"guide/{section_id}/{piece}.md"


def handout_path(handout_id: str) -> str:
    """Where a handout from content/handouts/ is published (its Markdown page)."""
    return f"handouts/{handout_id}.md"


def page_url(path: str) -> str:
    """The address of a Markdown page with directory URLs: `x.md` and `x/index.md` are both `x/`."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def generated_pages(site: Site) -> list[tuple[str, str]]:
    """(path, what it comes from) for every page the renderer makes from this site."""
    pages = list(FIXED_PAGES.items())
    if site.handout is not None:
        pages.append(("handout.md", f"{site.root}/handout.yml"))
    pages += [(handout_path(h.id), f"{site.root}/handouts/{h.id}.yml") for h in site.handouts]
    pages += [(f"{s.id}/index.md", f"{site.root}/sections/{s.id}.yml") for s in site.sections]
    # The study guide and the whole guide come in parts, a long part in pieces (parts.py).
    def source(part: str) -> str:
        return f"the generated Study guide part {part!r}" if part in STUDY_PARTS else f"{site.root}/sections/{part}.yml"

    pages += [(study_part_path(p.part, p.number), source(p.part)) for p in study_pieces(site)]
    pages += [(guide_part_path(p.part, p.number), source(p.part)) for p in guide_pieces(site)]
    pages += [(f"{t.section}/{t.id}.md", t.source) for t in site.topics]
    if site.scenarios:  # pages/practice.py: practice/index.md and practice/<id>.md
        pages.append(("practice/index.md", "the generated page Practice scenarios"))
        pages += [(f"practice/{s.id}.md", s.source) for s in site.scenarios]
    return pages


def collisions(pages: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(address, first source, second source) for each page whose address an earlier page already has."""
    taken: dict[str, str] = {}
    found = []
    for path, source in pages:
        url = page_url(path)
        if url in taken:
            found.append((url, taken[url], source))
        else:
            taken[url] = source
    return found
