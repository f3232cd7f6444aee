"""Drafts and the scaffold: a new topic is previewed as a draft, never published, and its
placeholder text can never pass `check`."""

from __future__ import annotations

from pathlib import Path

from generator.checks.drafts import draft_box, drafts_line, mark_draft_pages, published
from generator.checks.run import check_site
from generator.content.diagnostics import Diagnostics
from generator.content.load import load_site
from generator.content.placeholders import PLACEHOLDERS
from generator.new import new_topic
from generator.pages.render import Page, topic_path
from tests.conftest import edit


def checked(root: Path) -> tuple[object, Diagnostics]:
    site, diags = load_site(root)
    check_site(site, diags)
    return site, diags


def in_file(diags: Diagnostics, name: str, severity: str = "error") -> list[str]:
    return [str(d) for d in diags.sorted() if d.path.endswith(name) and d.severity == severity]


def test_the_scaffold_is_a_draft_that_warns_but_does_not_fail(mini: Path) -> None:
    new_topic(mini, "gamma", "basics", "Trust: the basics")
    site, diags = checked(mini)
    assert in_file(diags, "gamma.md") == []
    warnings = in_file(diags, "gamma.md", "warning")
    assert any("placeholder text from the scaffold" in w and w.endswith("(draft)") for w in warnings), warnings
    assert any("related: expected at least 1, got 0 (draft)" in w for w in warnings), warnings
    assert site.topic("gamma").draft and site.topic("gamma").title == "Trust: the basics"
    assert "gamma" not in {t.id for t in published(site).topics}
    assert {t.id for t in published(site).topics} == {t.id for t in site.topics} - {"gamma"}
    assert drafts_line(site) == "1 draft not published (content/topics/gamma.md)"


def test_the_untouched_scaffold_fails_with_one_message_per_placeholder(mini: Path) -> None:
    path = new_topic(mini, "gamma", "basics", "Gamma")
    edit(path, "draft: true", "draft: false")
    _, diags = checked(mini)
    found = [m for m in in_file(diags, "gamma.md") if "placeholder text from the scaffold" in m]
    quoted = sorted(m.split('scaffold: "', 1)[1].rsplit('"; replace it', 1)[0] for m in found)
    assert quoted == sorted(PLACEHOLDERS.values())
    assert 'content/topics/gamma.md:6: summary: placeholder text from the scaffold: "One plain sentence that says what this page is about."; replace it' in found


def test_a_placeholder_inside_finished_text_is_still_found(mini: Path) -> None:
    edit(mini / "topics/alpha.md", "You and your therapist work together.", "You and your therapist work together. " + PLACEHOLDERS["plain"])
    _, diags = checked(mini)
    assert any("placeholder text from the scaffold" in m for m in in_file(diags, "alpha.md")), diags.sorted()


def test_hard_errors_stay_errors_in_a_draft(mini: Path) -> None:
    edit(mini / "topics/alpha.md", "---\ntitle:", "---\ndraft: true\ntitle:")
    edit(mini / "topics/alpha.md", "You and your therapist work together.", "You and <b>your</b> therapist work together.")
    _, diags = checked(mini)
    assert any("raw HTML is not allowed" in m for m in in_file(diags, "alpha.md")), diags.sorted()
    edit(mini / "topics/alpha.md", "order: 10", "ordr: 10")
    _, diags = checked(mini)
    assert any("ordr: unknown field" in m for m in in_file(diags, "alpha.md")), diags.sorted()


def test_a_non_draft_is_checked_exactly_as_before(mini: Path) -> None:
    edit(mini / "topics/alpha.md", "related: [beta]", "related: []")
    _, before = checked(mini)
    edit(mini / "topics/alpha.md", "---\ntitle:", "---\ndraft: false\ntitle:")
    _, after = checked(mini)
    shift = lambda diags: [(d.path, d.field, d.message, d.severity) for d in diags.sorted()]  # noqa: E731
    assert shift(before) == shift(after)
    assert any("related: expected at least 1, got 0" in m for m in in_file(after, "alpha.md"))


def test_draft_must_be_true_or_false(mini: Path) -> None:
    edit(mini / "topics/alpha.md", "---\ntitle:", "---\ndraft: yes\ntitle:")
    _, diags = checked(mini)
    assert 'content/topics/alpha.md:2: draft: expected true or false, got "yes"' in in_file(diags, "alpha.md")


def test_published_pages_may_not_link_to_a_draft(mini: Path) -> None:
    edit(mini / "topics/beta.md", "---\ntitle:", "---\ndraft: true\ntitle:")
    _, diags = checked(mini)
    errors = in_file(diags, "alpha.md")
    assert any('link to "beta", which is a draft (draft: true), so it is not published' in m for m in errors), errors
    warnings = in_file(diags, "alpha.md", "warning")
    assert any('related[0]: "beta" is a draft' in m for m in warnings), warnings


def test_the_draft_box_lists_the_problems_as_plain_text(mini: Path) -> None:
    new_topic(mini, "gamma", "basics", "Gamma")
    site, diags = checked(mini)
    gamma = site.topic("gamma")
    page = Page(topic_path(gamma), "Gamma", "---\ntitle: Gamma\n---\n\n# Gamma\n\nText.\n")
    other = Page("index.md", "Home", "# Home\n")
    marked = mark_draft_pages([page, other], site, diags, topic_path)
    assert marked[1] == other
    text = marked[0].markdown
    assert text.index("# Gamma") < text.index('!!! warning "Draft: not published"') < text.index("Text.")
    assert "placeholder text from the scaffold" in text
    box = draft_box([d for d in diags.warnings if d.path == gamma.source][:1])
    assert "<" not in box.split("\n", 1)[1]  # problems are escaped, never markup


def test_a_draft_that_passes_says_how_to_publish(mini: Path) -> None:
    assert "remove `draft: true` to publish it" in draft_box([])


def test_notes_about_drafts_are_not_mkdocs_warnings(mini: Path) -> None:
    """A related topic that is a draft is left out of the build: that must not fail a strict build."""
    from generator.checks.drafts import draft_sources, is_draft_warning

    edit(mini / "topics/alpha.md", "See [Beta](beta.md).", "See the next page.")
    edit(mini / "topics/beta.md", "---\ntitle:", "---\ndraft: true\ntitle:")
    site, diags = checked(mini)
    assert diags.errors == []
    drafts = draft_sources(site)
    assert diags.warnings and all(is_draft_warning(d, drafts) for d in diags.warnings)
