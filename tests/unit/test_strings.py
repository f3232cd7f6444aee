"""Interface strings: the shipped tables agree, a guide's replacements are checked with their line,
and every way of asking for a string (Python, templates, scripts, theme) gets the guide's text."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import strings as S
from generator.content.load import load_site
from generator.pages import presentation
from generator.pages.render import Renderer, format_date

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
TEMPLATES = Path(S.__file__).resolve().parents[1] / "pages" / "templates"


def test_english_and_spanish_are_shipped() -> None:
    assert {"en", "es"} <= set(S.available())


@pytest.mark.parametrize("language", S.available())
def test_every_table_has_the_reference_keys_and_placeholders(language: str) -> None:
    reference, other = S.table(S.REFERENCE), S.table(language)
    assert set(other) == set(reference), set(other) ^ set(reference)
    for key, text in reference.items():
        assert S.placeholders(other[key]) == S.placeholders(text), key
        assert other[key].strip() == other[key] and other[key], key
        assert "\n" not in other[key], key


def test_counts_come_in_pairs() -> None:
    for key in S.keys():
        if key.endswith(".one"):
            assert key[: -len(".one")] + ".other" in S.keys(), key


def test_every_key_is_used_somewhere() -> None:
    """A key nobody asks for is a word no reader sees: the code, templates and scripts name every one."""
    package = Path(S.__file__).resolve().parents[1]
    sources = "".join(p.read_text(encoding="utf-8") for p in package.rglob("*") if p.suffix in {".py", ".j2", ".js", ".html"})
    for key in S.keys():
        base = re.sub(r"\.(one|other)$", "", key)
        base = re.sub(r"\.\d+$", "", base)  # date.month.N is asked for with an f-string
        assert f'"{base}' in sources or f"'{base}" in sources, f"{key} is not used"


def test_a_language_tag_picks_its_table() -> None:
    assert S.table_language("es-MX") == "es" and S.table_language("ES") == "es"
    assert S.table_language("fr") is None
    assert S.strings_for("es-AR")("quiz.check") == S.table("es")["quiz.check"]
    assert S.strings_for("fr")("quiz.check") == S.table("en")["quiz.check"]  # English until replaced


def test_overrides_win_and_placeholders_fill() -> None:
    t = S.strings_for("es", {"quiz.question": "Ítem {number}"})
    assert t("quiz.question", number=4) == "Ítem 4"
    assert t.plural("refs.cited_on_page", 1) == "1 obra citada en esta página"
    assert t.plural("refs.cited_on_page", 3).startswith("3 obras")
    with pytest.raises(KeyError):
        t("no.such.key")


def test_dates_in_the_guides_language() -> None:
    import datetime as dt

    day = dt.date(2026, 3, 4)
    assert format_date(day) == "4 March 2026"
    assert format_date(day, S.strings_for("es")) == "4 de marzo de 2026"


def test_script_data_is_one_statement_of_ascii_json() -> None:
    data = S.strings_for("es", {"help.button": "</script><b>¡Ayuda!</b>\u2028"}).script_data()
    assert data.startswith("window.guideStrings = ") and data.endswith(";\n")
    assert data.isascii() and "</" not in data.replace("<\\/", "")  or "</script>" in json.loads(data[22:-2])["help.button"]
    assert json.loads(data[len("window.guideStrings = "):-2])["help.button"].startswith("</script>")
    js = presentation.script(S.strings_for("es"))
    assert js.startswith("window.guideStrings = ") and "guideText" in js


def _mini(tmp_path: Path, extra: str, language: str = "en") -> Path:
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    site_yml = root / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^language:.*\n", "", text) + f"language: {language}\n" + extra
    site_yml.write_text(text, encoding="utf-8")
    if language.startswith("es"):  # a Spanish guide's topics use its layer headings
        for topic in (root / "topics").glob("*.md"):
            body = topic.read_text(encoding="utf-8")
            body = body.replace("## In plain words", "## En palabras sencillas").replace("## Going deeper", "## Para saber más")
            topic.write_text(body, encoding="utf-8")
    return root


def test_a_misspelt_key_is_refused_at_its_line_with_a_suggestion(tmp_path: Path) -> None:
    root = _mini(tmp_path, "strings:\n  quiz.check: Check it\n  quiz.chek: Check\n")
    _, diags = load_site(root)
    errors = [str(d) for d in diags.errors]
    line = (root / "site.yml").read_text(encoding="utf-8").split("\n").index("  quiz.chek: Check") + 1
    assert errors == [
        f'content/site.yml:{line}: strings.quiz.chek: unknown interface string (did you mean "quiz.check"?); '
        "every key is listed in manual/strings.md"
    ]


def test_grouped_keys_are_read_like_flat_ones(tmp_path: Path) -> None:
    root = _mini(tmp_path, "strings:\n  quiz:\n    check: Check it\n    questoin: Q {number}\n")
    site, diags = load_site(root)
    assert [d.field for d in diags.errors] == ["strings.quiz.questoin"]
    assert diags.errors[0].line == (root / "site.yml").read_text(encoding="utf-8").split("\n").index("    questoin: Q {number}") + 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Item {numbr}", "unknown placeholder {numbr}; this string can use: {number}"), ("Item {", "write a brace as {{ or }}")],
)
def test_a_placeholder_the_string_cannot_fill_is_refused(tmp_path: Path, text: str, expected: str) -> None:
    root = _mini(tmp_path, f'strings:\n  quiz.question: "{text}"\n')
    _, diags = load_site(root)
    assert len(diags.errors) == 1 and expected in diags.errors[0].message


def test_a_language_without_a_table_warns_once(tmp_path: Path) -> None:
    _, diags = load_site(_mini(tmp_path, "", language="fr"))
    assert not diags.errors
    assert [d.field for d in diags.warnings if d.field == "language"] == ["language"]


def test_a_bad_language_tag_is_refused(tmp_path: Path) -> None:
    _, diags = load_site(_mini(tmp_path, "", language='"en_GB; x"'))
    assert [d.field for d in diags.errors] == ["language"]


@settings(max_examples=40, deadline=None)
@given(key=st.sampled_from(S.keys()), cut=st.integers(min_value=0, max_value=3))
def test_any_near_miss_of_a_key_is_refused_with_the_key_suggested(key: str, cut: int) -> None:
    # Drop or swap letters in a real key: each variant is refused, and the real key is offered.
    typo = key[:-2] + key[-1] + key[-2] if cut % 2 else key[:-1]
    if typo in S.keys():
        return
    problems = S.override_problems({typo: "x"})
    assert len(problems) == 1 and problems[0][0] == typo
    assert "did you mean" in problems[0][1]


def test_templates_print_the_guides_strings(tmp_path: Path) -> None:
    root = _mini(tmp_path, "strings:\n  quiz.heading: Test yourself\n", language="es")
    site, diags = load_site(root)
    assert not diags.errors, diags.errors
    pages = {p.path: p.markdown for p in Renderer(site).pages()}
    topic = next(md for path, md in pages.items() if path.startswith("basics/alpha"))
    assert "## Test yourself" in topic  # the guide's replacement
    assert "## En palabras sencillas { #in-plain-words }" in topic  # the Spanish table
    assert "Ayuda ahora" in pages["help.md"]


def test_no_interface_literal_left_in_templates() -> None:
    """Words a reader sees in the packaged templates come through t(): outside Jinja tags, markup and
    attributes, no run of two or more words is left (front matter keys and ids are not words)."""
    for path in TEMPLATES.glob("*.j2"):
        text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", path.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"<[^>]*>|\{[^}]*\}", " ", text)  # markup, and attribute lists such as {rel="…"}
        for line in text.split("\n"):
            bare = re.sub(r"^(title|description|topic|search|exclude):.*$", "", line.strip())
            assert not re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", bare), f"{path.name}: {line.strip()}"


def test_the_manual_lists_every_key() -> None:
    manual = (Path(S.__file__).resolve().parents[2] / "manual" / "strings.md").read_text(encoding="utf-8")
    missing = [k for k in S.keys() if f"| `{k}` |" not in manual]
    assert not missing, f"add to manual/strings.md: {missing}"
