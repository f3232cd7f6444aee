"""Cross-page checks: each rule has a passing case (the real content) and failing cases with exact messages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.checks.rules import check_dates
from generator.checks.run import check_site
from generator.content.diagnostics import Diagnostics
from generator.content.load import load_site
from tests.conftest import edit


def problems(root: Path) -> list[str]:
    site, diags = load_site(root)
    check_site(site, diags)
    return [str(d) for d in diags.sorted()]


def test_real_content_passes_every_check(content: Path) -> None:
    assert [p for p in problems(content)] == []


def test_unknown_section_suggests_the_closest(content: Path) -> None:
    edit(content / "topics/trust-and-rapport.md", "section: what-good-feels-like", "section: what-good-feel-like")
    found = problems(content)
    assert any(
        m.startswith('content/topics/trust-and-rapport.md:3: section: unknown section "what-good-feel-like" (did you mean "what-good-feels-like"?)')
        for m in found
    ), found


def test_unknown_related_topic(content: Path) -> None:
    path = content / "topics/collaboration.md"
    text = path.read_text()
    first = text.split("related:", 1)[1].split("\n", 1)[0]
    edit(path, "related:" + first, "related: [trust-and-raport, working-alliance]")
    found = problems(content)
    assert any('related[0]: unknown topic "trust-and-raport" (did you mean "trust-and-rapport"?)' in m for m in found), found


def test_unknown_citation_key(content: Path) -> None:
    edit(content / "topics/foundation-for-change.md", "[@fluckiger2018", "[@fluckiger2019")
    found = problems(content)
    assert any(
        'body: unknown citation key "@fluckiger2019" (did you mean "@fluckiger2018"?)'.replace('"@fluckiger2018"', '"fluckiger2018"') in m
        or 'unknown citation key "@fluckiger2019"' in m
        for m in found
    ), found
    line = next(m for m in found if "fluckiger2019" in m).split(":")[1]
    source = (content / "topics/foundation-for-change.md").read_text().split("\n")
    assert "[@fluckiger2019" in source[int(line) - 1]


def test_duplicate_titles(content: Path) -> None:
    edit(content / "topics/collaboration.md", 'title: "Collaboration: working together"', "title: Trust and rapport")
    found = problems(content)
    assert any('title: "Trust and rapport" is also the title of content/topics/trust-and-rapport.md' in m for m in found), found


def test_readability_limit(content: Path) -> None:
    hard = (
        "Notwithstanding considerable methodological heterogeneity, contemporary psychotherapeutic "
        "investigations consistently demonstrate associations between relational characteristics and "
        "subsequent symptomatic amelioration. "
    ) * 12
    edit(content / "topics/engagement.md", "## In plain words\n", "## In plain words\n\n" + hard + "\n")
    found = problems(content)
    assert any("engagement.md" in m and "'In plain words' reads at grade" in m for m in found), found


def test_topic_requirements_come_from_site_settings(mini: Path) -> None:
    assert problems(mini) == []
    edit(mini / "site.yml", "  min_quiz: 0", "  min_quiz: 3")
    edit(mini / "site.yml", "  min_related: 1", "  min_related: 2")
    found = problems(mini)
    assert "content/topics/alpha.md:15: quiz: expected at least 3, got 1" in found
    assert "content/topics/alpha.md:22: related: expected at least 2, got 1" in found
    assert "content/topics/beta.md:2: quiz: expected at least 3, got 0" in found


def test_glossary_term_must_be_used(content: Path) -> None:
    with (content / "glossary.yml").open("a") as f:
        f.write("- term: zeugma\n  plain: A word used in two ways.\n  technical: A figure of speech.\n  synonyms: []\n")
    found = problems(content)
    assert any('"zeugma" is not used on any topic page; use it or remove it' in m for m in found), found


def test_glossary_duplicate_synonym(mini: Path) -> None:
    with (mini / "glossary.yml").open("a") as f:
        f.write("- term: alliance\n  plain: Working together.\n  technical: Same.\n  synonyms: [therapeutic alliance]\n")
    found = problems(mini)
    assert any('"therapeutic alliance" is already used by the term "working alliance"' in m for m in found), found


def test_raw_html_and_script_links_are_rejected(content: Path) -> None:
    edit(content / "topics/openness.md", "## In plain words\n", "## In plain words\n\n<script>alert(1)</script> [x](javascript:alert(1))\n")
    found = [m for m in problems(content) if "openness.md" in m]
    assert any("raw HTML is not allowed (<script>)" in m for m in found), found
    assert any("script and data links are not allowed" in m for m in found), found


def test_review_dates(mini: Path) -> None:
    site, _ = load_site(mini)
    diags = Diagnostics()
    check_dates(site, diags, now=dt.date(2026, 11, 26))
    assert not diags
    check_dates(site, diags, now=dt.date(2037, 1, 1))
    assert "content/topics/alpha.md:23: reviewed: last reviewed 2026-11-01, more than 3650 days ago; review the page and update the date" in [
        str(d) for d in diags.items
    ]
    later = Diagnostics()
    check_dates(site, later, now=dt.date(2026, 10, 1))
    assert any("is in the future" in str(d) for d in later.items)


def test_link_to_unknown_topic(mini: Path) -> None:
    edit(mini / "topics/alpha.md", "See [Beta](beta.md).", "See [Gamma](gamma.md).")
    found = problems(mini)
    assert any('content/topics/alpha.md:29: body: link to unknown topic "gamma.md"' in m for m in found), found
