"""The validated content as JSON: for other tools, search engines or a future builder."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .content.model import Site
from .pages.render import topic_path
from .references.cite import find_citations


def _url(path: str) -> str:
    """The page URL for a source path, as MkDocs builds it (use_directory_urls)."""
    if path.endswith("index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def export_site(site: Site) -> dict[str, Any]:
    """Everything in the content, validated, as plain data (see the README for the format)."""
    bib = site.bibliography
    references = {r.key: r.text for r in bib.all_references()} if bib is not None else {}
    topics = []
    for topic in site.topics:
        data = topic.model_dump(mode="json", exclude={"source", "plain_line", "deeper_line", "draft"})  # drafts are never exported
        data["url"] = _url(topic_path(topic))
        data["source"] = topic.source
        keys = []
        for text in (topic.plain, topic.deeper):
            for mark in find_citations(text):
                keys += [i.key for i in mark.items if i.key not in keys]
        data["citations"] = [{"key": k, "reference": references.get(k, "")} for k in keys]
        topics.append(data)
    return {
        "generated": dt.date.today().isoformat(),
        "site": site.settings.model_dump(mode="json"),
        "sections": [
            {**s.model_dump(mode="json"), "url": f"{s.id}/", "topics": [t.id for t in site.topics_in(s.id)]}
            for s in site.sections
        ],
        "topics": topics,
        "glossary": [g.model_dump(mode="json") for g in site.glossary],
        "helplines": [h.model_dump(mode="json") for h in site.helplines],
        "references": [{"key": k, "reference": v} for k, v in references.items()],
    }


def export_json(site: Site) -> str:
    """The export as indented JSON text."""
    return json.dumps(export_site(site), ensure_ascii=False, indent=2)
