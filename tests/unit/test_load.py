"""Loading: every problem becomes a diagnostic with file, line, field and an exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.load import load_site
from tests.conftest import edit


def messages(root: Path) -> list[str]:
    site, diags = load_site(root)
    return [str(d) for d in diags.sorted()]


def test_real_content_loads_without_problems(content: Path) -> None:
    site, diags = load_site(content)
    assert not diags.errors, [str(d) for d in diags.errors]
    assert len(site.topics) >= 24
    assert [s.id for s in site.sections] == ["basics", "what-good-feels-like", "why-it-matters", "in-practice", "for-trainees", "taking-the-next-step"]


def test_topics_are_ordered_by_section_then_order(mini: Path) -> None:
    site, _ = load_site(mini)
    assert [t.id for t in site.topics] == ["alpha", "beta"]


def test_shorthands_are_normalised(mini: Path) -> None:
    site, diags = load_site(mini)
    beta = site.topic("beta")
    assert beta.related == ["alpha"]  # a single id stands for a list
    assert str(beta.reviewed) == "2026-11-01"


def test_quiz_answer_out_of_range(mini: Path) -> None:
    edit(mini / "topics/alpha.md", "    answer: 0", "    answer: 3")
    assert "content/topics/alpha.md:20: quiz[0].answer: expected an index into choices (0–1), got 3" in messages(mini)


def test_unknown_field_with_did_you_mean(mini: Path) -> None:
    edit(mini / "topics/alpha.md", "summary:", "sumary:")
    found = messages(mini)
    assert any(
        m.startswith('content/topics/alpha.md:5: sumary: unknown field (did you mean "summary"?)') for m in found
    ), found
    # Reported once, at the typo: not also as "summary: required field is missing" on line 2.
    assert len(found) == 1, found


def test_a_missing_field_with_an_unrelated_unknown_one_reports_both(mini: Path) -> None:
    edit(mini / "topics/alpha.md", "summary:", "colour:")
    found = messages(mini)
    assert any(m.startswith("content/topics/alpha.md:5: colour: unknown field; expected one of") for m in found), found
    assert any(m.startswith("content/topics/alpha.md:2: summary: required field is missing") for m in found), found


def test_yes_and_no_stay_text_in_quiz_choices(mini: Path) -> None:
    text = (mini / "topics/alpha.md").read_text(encoding="utf-8")
    quiz = text[text.index("quiz:"):]
    first_choices = quiz[quiz.index("choices:"):quiz.index("answer:")]
    (mini / "topics/alpha.md").write_text(
        text.replace(first_choices, "choices:\n      - Yes\n      - No\n      - on\n      - n\n    ", 1), encoding="utf-8"
    )
    site, diags = load_site(mini)
    assert [d for d in diags.errors if d.path.endswith("alpha.md")] == []
    assert site.topic("alpha").quiz[0].choices == ["Yes", "No", "on", "n"]


def test_true_as_text_says_to_quote_it(mini: Path) -> None:
    edit(mini / "topics/alpha.md", "summary: Alpha is about trust.", "summary: true")
    assert "content/topics/alpha.md:5: summary: expected text, got true (to use it as text, put it in quotes)" in messages(mini)


def test_wrong_type_never_shows_a_python_type(mini: Path) -> None:
    edit(mini / "topics/alpha.md", "order: 10", "order: ten")
    found = messages(mini)
    assert 'content/topics/alpha.md:4: order: expected a whole number, got "ten"' in found
    assert not any("int" in m.split(": ", 2)[-1].split() for m in found)


def test_bad_date(mini: Path) -> None:
    edit(mini / "topics/alpha.md", "reviewed: 2026-11-01", "reviewed: 2026-13-45")
    assert 'content/topics/alpha.md:23: reviewed: expected a date written like 2026-11-25, got "2026-13-45"' in messages(mini)


def test_yaml_syntax_error_has_its_line(mini: Path) -> None:
    edit(mini / "topics/alpha.md", "summary: Alpha is about trust.", "summary: [unclosed")
    found = messages(mini)
    assert any(m.startswith("content/topics/alpha.md:6: YAML syntax error") for m in found), found


def test_missing_front_matter(mini: Path) -> None:
    path = mini / "topics/alpha.md"
    path.write_text(path.read_text().replace("---\n", "", 1))
    assert messages(mini)[0].startswith("content/topics/alpha.md:1: expected front matter")


def test_unterminated_front_matter(mini: Path) -> None:
    path = mini / "topics/alpha.md"
    text = path.read_text()
    head, _, body = text.partition("\n---\n\n")
    path.write_text(head + "\n" + body)
    assert "content/topics/alpha.md:1: front matter is not closed: add a line '---' after the last field" in messages(mini)


def test_missing_layer(mini: Path) -> None:
    edit(mini / "topics/beta.md", "## Going deeper\n", "")
    assert "content/topics/beta.md:11: body: missing the '## Going deeper' layer (every topic has two: '## In plain words', then '## Going deeper')" in messages(mini)


def test_misspelt_layer_heading(mini: Path) -> None:
    edit(mini / "topics/beta.md", "## Going deeper", "## Going deper")
    found = messages(mini)
    assert any('content/topics/beta.md:16: body: unexpected heading \'## Going deper\' (did you mean "Going deeper"?)' in m for m in found), found


def test_duplicate_key(mini: Path) -> None:
    edit(mini / "topics/beta.md", "order: 20", "order: 20\norder: 30")
    assert "content/topics/beta.md:5: order: field appears twice; keep one" in messages(mini)


def test_not_utf8(mini: Path) -> None:
    (mini / "topics/beta.md").write_bytes("---\ntitle: caf\xe9\n".encode("latin-1"))
    assert messages(mini)[-1] == "content/topics/beta.md:2: file is not UTF-8 text (byte 0xe9 on this line); save it with UTF-8 encoding" or any(
        "file is not UTF-8" in m for m in messages(mini)
    )


def test_empty_file(mini: Path) -> None:
    (mini / "topics/beta.md").write_text("  \n")
    assert "content/topics/beta.md:1: file is empty" in messages(mini)


def test_bom_and_windows_line_ends_are_fine(mini: Path) -> None:
    path = mini / "topics/alpha.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text().replace("\n", "\r\n").encode("utf-8"))
    site, diags = load_site(mini)
    assert not diags.errors
    assert site.topic("alpha").title == "Alpha topic"


def test_symlink_out_of_content_is_refused(mini: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text((mini / "topics/beta.md").read_text())
    (mini / "topics/gamma.md").symlink_to(outside)
    assert "content/topics/gamma.md: links to a file outside content/; copy the file into content/ instead" in messages(mini)


def test_every_error_in_one_run(mini: Path) -> None:
    edit(mini / "topics/alpha.md", "order: 10", "order: ten")
    edit(mini / "topics/beta.md", "summary:", "sumary:")
    edit(mini / "glossary.yml", "plain: How", "plan: How")
    site, diags = load_site(mini)
    assert {d.path for d in diags.errors} == {
        "content/topics/alpha.md", "content/topics/beta.md", "content/glossary.yml",
    }
    assert diags.summary().startswith("3 errors in 3 files")  # a typo is one error, not also a missing field


@pytest.mark.parametrize("bad", ["Upper-Case", "under_score", "white space"])
def test_bad_ids_in_file_names(mini: Path, bad: str) -> None:
    source = (mini / "topics/beta.md").read_text()
    target = mini / "topics" / f"{bad}.md"
    target.write_text(source)
    found = messages(mini)
    assert f"content/topics/{bad}.md: file name must be an id of lower-case letters, digits and hyphens, like trust-and-rapport.md" in found


def test_layer_headings_are_the_guides(mini: Path) -> None:
    """A Spanish guide writes its layers under its own headings (strings layer.plain, layer.deeper)."""
    for name in ("alpha", "beta"):
        edit(mini / f"topics/{name}.md", "## In plain words", "## En palabras sencillas")
        edit(mini / f"topics/{name}.md", "## Going deeper", "## Para saber más")
    edit(mini / "site.yml", "title: Mini guide", "title: Mini guide\nlanguage: es")
    assert not [m for m in messages(mini) if "body" in m]
    edit(mini / "site.yml", "language: es", "language: es\nstrings:\n  layer.deeper: Más a fondo")
    assert any("missing the '## Más a fondo' layer" in m for m in messages(mini))


def test_an_unknown_field_does_not_hide_the_files_other_errors(mini: Path) -> None:
    """A misspelt optional field is reported, and the topic's text is still checked (a broken link here)."""
    edit(mini / "topics/beta.md", "order: 20", "order: 20\nmood: cheerful")
    text = (mini / "topics/beta.md").read_text(encoding="utf-8")
    (mini / "topics/beta.md").write_text(text.replace("## Going deeper\n", "## Going deeper\n\nSee [x](no-such-topic.md).\n"), encoding="utf-8")
    from generator.checks.run import check_site
    from generator.content.load import load_site

    site, diags = load_site(mini)
    check_site(site, diags)
    found = [str(d) for d in diags.errors if d.path.endswith("beta.md")]
    assert any("mood: unknown field" in m for m in found), found
    assert any('link to unknown topic "no-such-topic.md"' in m for m in found), found
