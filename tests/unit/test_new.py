"""`new`: the scaffold is valid YAML whatever the title, and bad ids and sections are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.load import load_site
from generator.new import new_topic


@pytest.mark.parametrize("title", ["Trust: the basics", 'He said "no" #1', "- a list? [no] {no} & *no*", "Yes", "C:\\path"])
def test_any_one_line_title_is_written_as_valid_yaml(mini: Path, title: str) -> None:
    new_topic(mini, "gamma", "basics", title)
    site, diags = load_site(mini)
    assert [str(d) for d in diags.errors] == []
    assert site.topic("gamma").title == title


@pytest.mark.parametrize("title", ["Two\nlines", "", "   ", "tab\there"])
def test_a_title_that_is_not_one_line_is_refused(mini: Path, title: str) -> None:
    with pytest.raises(ValueError):
        new_topic(mini, "gamma", "basics", title)
    assert not (mini / "topics" / "gamma.md").exists()


@pytest.mark.parametrize("section", ["../../etc", "/etc", "Basics", "basics/../x", ""])
def test_a_section_that_is_not_an_id_is_refused(mini: Path, section: str) -> None:
    with pytest.raises(ValueError, match="not a valid section id"):
        new_topic(mini, "gamma", section, "Gamma")
    assert not (mini / "topics" / "gamma.md").exists()


def test_an_unknown_section_says_so_with_did_you_mean(mini: Path) -> None:
    with pytest.raises(ValueError) as caught:
        new_topic(mini, "gamma", "basic", "Gamma")
    assert str(caught.value) == 'unknown section "basic" (did you mean "basics"?); the sections are: basics'


@pytest.mark.parametrize("topic_id", ["../escape", "Upper", "a/b", ""])
def test_a_bad_id_is_refused(mini: Path, topic_id: str) -> None:
    with pytest.raises(ValueError, match="is not a valid id"):
        new_topic(mini, topic_id, "basics", "Gamma")


def test_an_existing_topic_is_never_overwritten(mini: Path) -> None:
    before = (mini / "topics" / "alpha.md").read_bytes()
    with pytest.raises(ValueError, match="already exists"):
        new_topic(mini, "alpha", "basics", "Gamma")
    assert (mini / "topics" / "alpha.md").read_bytes() == before


def test_the_scaffold_starts_as_a_draft_after_the_last_topic(mini: Path) -> None:
    path = new_topic(mini, "gamma", "basics", "Gamma")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\ndraft: true")
    site, _ = load_site(mini)
    assert site.topic("gamma").order > max(t.order for t in site.topics if t.id != "gamma")


def test_a_missing_content_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        new_topic(tmp_path / "nowhere", "gamma", "basics", "Gamma")
