"""What a page may cite: research and official sources, never an encyclopedia or a news site.

A reference whose address is on one of the sites listed under `citations.refuse` in site.yml
(an encyclopedia, a news site, or any kind a project adds) may stay in references.bib to record
where a helpline or a service was checked, but citing it in a topic or on the handout is an
error: the message names the citation, the site and its kind, at the file and line of the
citation, and says what to do instead.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..content.diagnostics import Diagnostics
from ..content.model import Site
from ..references.bibfields import read_entries
from ..references.cite import find_citations
from .texts import prose


def refused_kind(url: str, refuse: dict[str, list[str]]) -> tuple[str, str] | None:
    """(kind, domain) when the address is on a refused site (the domain or a subdomain of it), else None."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:  # a malformed address is the bibliography rules' to report
        return None
    for kind, domains in refuse.items():
        for domain in domains:
            domain = domain.lower().strip().lstrip(".").rstrip(".")
            if domain and (host == domain or host.endswith("." + domain)):
                return kind, domain
    return None


def _message(key: str, kind: str, domain: str) -> str:
    return (
        f'"@{key}" is {kind} ({domain}): pages cite research and official sources only '
        "(citations.refuse in site.yml); cite the primary or official source, or drop the claim"
    )


def check_cited_sources(site: Site, diags: Diagnostics) -> None:
    """No topic (prose, key points, questions, quiz), no practice scenario and no handout cites a reference on a refused site."""
    if site.bibliography is None:
        return
    refuse = {kind: list(domains) for kind, domains in site.settings.citations.refuse.items()}
    refused: dict[str, tuple[str, str]] = {}
    for entry in read_entries(site.bibliography.text):
        found = refused_kind(entry.get("url"), refuse) if entry.get("url") else None
        if found:
            refused[entry.key.lower()] = found
    if not refused:
        return
    for source, field, text, start in prose(site):
        for mark in find_citations(text):
            for item in mark.items:
                if item.key in refused:
                    line = start + mark.line - 1 if start else site.line(source, field)
                    diags.add(source, line, field, _message(item.key, *refused[item.key]))
    if site.handout is not None:
        path = f"{site.root}/handout.yml"
        for i, key in enumerate(site.handout.sources):
            if key.lower() in refused:
                diags.add(path, site.line(path, f"sources[{i}]"), f"sources[{i}]", _message(key.lower(), *refused[key.lower()]))
