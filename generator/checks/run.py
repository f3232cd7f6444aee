"""Every family of rules over the site at once: `check_site`.

It runs the rules here and those kept in their own modules: the bibliography
(references/rules.py), quiz balance (quizzes.py), practice scenarios (scenarios.py), outside links (services.py) and drafts
(drafts.py).
"""

from __future__ import annotations

from ..cache import Cache
from ..content.diagnostics import Diagnostics
from ..content.model import Site
from ..references.rules import check_bibliography
from .citesources import check_cited_sources
from .drafts import check_drafts
from .markup import check_markup
from .quizzes import check_quiz_balance
from .rules import (
    check_addresses,
    check_audiences,
    check_citations,
    check_dates,
    check_editorial,
    check_flashcards,
    check_glossary,
    check_ids,
    check_readability,
    check_topic_shape,
)
from .scenarios import check_scenario_cues, check_scenarios
from .services import check_help_page, check_outside_links
from .texts import today

ALL_CHECKS = (
    check_ids,
    check_addresses,
    check_audiences,
    check_citations,
    check_cited_sources,  # citesources.py: no encyclopedia or news site cited in a topic
    check_markup,
    check_topic_shape,
    check_readability,
    check_glossary,
    check_dates,
    check_editorial,
    check_flashcards,
    check_bibliography,  # bibcheck.py: what APA needs from each entry of references.bib
)


# Rules that apply limits from site.yml: skipped when it could not be loaded, so that
# a broken site.yml is reported once instead of as every topic breaking default limits.
NEEDS_SETTINGS = {check_topic_shape, check_readability, check_dates, check_audiences, check_flashcards, check_editorial}


def check_site(site: Site, diags: Diagnostics | None = None, cache: Cache | None = None) -> Diagnostics:
    """Run every cross-page rule; return the diagnostics (added to `diags` if given).

    `cache` remembers readability measures between builds (see cache.py)."""
    diags = diags if diags is not None else Diagnostics()
    start = len(diags.items)
    for rule in ALL_CHECKS:
        if not site.settings_loaded and rule in NEEDS_SETTINGS:
            continue
        if rule is check_readability:
            check_readability(site, diags, cache)
        else:
            rule(site, diags)
    check_quiz_balance(site, diags)
    check_scenarios(site, diags)
    check_scenario_cues(site, diags)
    # Outside links: services.yml, next steps, helplines' sources (services.py).
    check_outside_links(site, diags, today())
    check_help_page(site, diags)
    # Scaffold text, links to drafts, and drafts' problems as warnings: last, as it reads the
    # diagnostics the rules above made (`since=start`).
    check_drafts(site, diags, since=start)
    return diags

