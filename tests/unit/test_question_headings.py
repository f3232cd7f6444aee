"""`check` requires each heading under "Questions people ask" to be written as a question (issue 19)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.checks.rules import question_problem
from generator.checks.run import check_site
from generator.content.load import load_site
from tests.conftest import edit

WORDS = st.lists(st.from_regex(r"[a-z][a-z']{0,8}", fullmatch=True), min_size=1, max_size=8)


@given(words=WORDS, opening=st.sampled_from(["", "¿", '"', "“"]))
def test_a_question_with_a_capital_and_a_question_mark_passes(words: list[str], opening: str) -> None:
    text = opening + " ".join(words).capitalize() + "?"
    assert question_problem(text) is None, text


@given(words=WORDS, end=st.sampled_from(["", ".", "!", " ", "?!x"]))
def test_a_search_string_without_a_question_mark_is_refused(words: list[str], end: str) -> None:
    assert question_problem(" ".join(words).capitalize() + end) == 'end it with "?"'


@given(words=WORDS)
def test_a_question_in_lower_case_is_refused(words: list[str]) -> None:
    assert question_problem(" ".join(words).lower() + "?") == "start it with a capital letter"


def test_check_reports_the_heading_with_its_line(content: Path) -> None:
    edit(content / "topics" / "cost-of-therapy.md", "  - q: Is therapy free on the NHS?", "  - q: is therapy free on the NHS")
    site, diags = load_site(content)
    assert site is not None
    check_site(site, diags)
    found = [d for d in diags.errors if d.field.startswith("questions[") and d.path.endswith("cost-of-therapy.md")]
    assert len(found) == 1 and found[0].line > 1 and "capital" in found[0].message, [str(d) for d in found]


def test_the_guides_questions_are_all_questions() -> None:
    site, _ = load_site("content")
    assert site is not None
    assert [q.q for t in site.topics for q in t.questions if question_problem(q.q)] == []


def test_check_warns_where_no_one_is_named_and_never_when_the_guide_says_so_honestly(content: Path) -> None:
    """Editorial facts (issue 19): without site.yml's `editorial`, every topic gets a warning for
    its author and its reviewer; a topic's own author and reviewer silence them."""
    site_yml = content / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    start = text.index("editorial:")
    end = text.index("\n", text.index("clinical_review:", start))
    site_yml.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    edit(content / "topics" / "cost-of-therapy.md", "reviewed:",
         "author: A. Writer\nreviewer: {name: B. Reviewer, qualification: clinical psychologist, date: 2026-12-01}\nreviewed:")
    site, diags = load_site(content)
    assert site is not None and not diags.errors
    check_site(site, diags)
    warned = {(d.path.rsplit("/", 1)[-1], d.field) for d in diags.warnings if d.field in {"author", "reviewer"}}
    assert ("working-alliance.md", "author") in warned and ("working-alliance.md", "reviewer") in warned
    assert not any(name == "cost-of-therapy.md" for name, _ in warned)
    assert len(warned) == 2 * (len(site.topics) - 1)


def test_the_guide_itself_names_its_author_and_says_it_is_not_yet_clinically_reviewed() -> None:
    site, diags = load_site("content")
    assert site is not None and site.settings.editorial is not None
    assert site.settings.editorial.clinical_review == "Not yet reviewed by a clinician."
    check_site(site, diags)
    assert not [d for d in diags.warnings if d.field in {"author", "reviewer"}]
