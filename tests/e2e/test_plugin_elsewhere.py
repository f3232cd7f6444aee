"""The plugin in another MkDocs project: a minimal mkdocs.yml that lists only the plugin gets the
guide's stylesheet, scripts and theme overrides, so its quizzes are interactive and its pages styled."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"

MKDOCS_YML = """\
site_name: Another guide
theme:
  name: material
  font: false
plugins:
  - search
  - generator
"""


@pytest.fixture(scope="module")
def other_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another project: its own mkdocs.yml (no extra_css, no extra_javascript, no custom_dir),
    an empty docs/ and a content/ folder, built with plain `mkdocs build --strict`."""
    where = tmp_path_factory.mktemp("other")
    (where / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (where / "docs").mkdir()
    shutil.copytree(MINI, where / "content")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(where / "mkdocs.yml")],
        capture_output=True, text=True, cwd=where, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    return where


def test_the_plugin_brings_its_assets_and_theme_overrides(other_project: Path) -> None:
    site = other_project / "site"
    for asset in ("stylesheets/guide.css", "javascripts/guide.js", "javascripts/search-worker.js"):
        assert (site / asset).is_file(), asset
    css = (site / "stylesheets" / "guide.css").read_text(encoding="utf-8")
    for concern in ("tokens.css", "layout.css", "help.css", "quiz.css", "print.css"):
        assert f"/* --- {concern} --- */" in css
    js = (site / "javascripts" / "guide.js").read_text(encoding="utf-8")
    assert "quiz-form" in js and "guide-search-help" in js
    page = (site / "basics" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="../../stylesheets/guide.css">' in page
    assert '<script defer src="../../javascripts/guide.js"></script>' in page
    assert 'class="guide-help-now" href="../../help/"' in page  # the theme override's header button
    assert "javascripts/search-boot.js?worker=" in page
    assert "Made with" not in page
    # The minimal mkdocs.yml lists no Markdown extensions: the plugin turns on the ones its pages need.
    for built in site.rglob("*.html"):
        text = built.read_text(encoding="utf-8")
        for raw in ("!!! abstract", "{rel=", "{ #", 'markdown="span"', "<details markdown"):
            assert raw not in text, f"{built.relative_to(site)}: raw Markdown {raw!r} in the output"
    assert 'class="admonition abstract"' in page


def test_a_project_listing_the_assets_itself_gets_them_once(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        MKDOCS_YML + "extra_css:\n  - stylesheets/guide.css\nextra_javascript:\n  - javascripts/guide.js\n", encoding="utf-8"
    )
    (tmp_path / "docs").mkdir()
    shutil.copytree(MINI, tmp_path / "content")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
        capture_output=True, text=True, cwd=tmp_path, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert page.count("stylesheets/guide.css") == 1 and page.count("javascripts/guide.js") == 1


def test_quizzes_are_interactive_and_pages_styled_in_the_other_project(driver, other_project: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    from audit.browser import serve

    with serve(other_project / "site") as base:
        driver.get(base + "/basics/alpha/")
        forms = driver.find_elements(By.CSS_SELECTOR, ".quiz-item form.quiz-form")
        assert forms, "quiz.js did not run"
        assert driver.find_elements(By.CSS_SELECTOR, "form.quiz-form input[type=radio]")
        button = driver.find_element(By.CSS_SELECTOR, "header.md-header a.guide-help-now")
        style = driver.execute_script(
            "const s = getComputedStyle(arguments[0]); return [s.backgroundColor, s.fontWeight]", button
        )
        assert style == ["rgb(255, 241, 199)", "700"], style  # styled by help.css with the tokens
        line = driver.find_element(By.CSS_SELECTOR, ".md-content .guide-help-line")
        assert line.is_displayed()


def test_a_spanish_guide_gets_spanish_words_theme_and_search(tmp_path: Path) -> None:
    """`language: es` in site.yml is enough: the interface strings, Material's labels, <html lang> and
    the search's stemmer (lunr.es) follow it, whatever mkdocs.yml leaves out."""
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    shutil.copytree(MINI, tmp_path / "content")
    site_yml = tmp_path / "content" / "site.yml"
    text = "\n".join(line for line in site_yml.read_text(encoding="utf-8").split("\n") if not line.startswith("language:"))
    site_yml.write_text(text + "\nlanguage: es-MX\n", encoding="utf-8")
    for topic in (tmp_path / "content" / "topics").glob("*.md"):  # the layers under the guide's own headings
        body = topic.read_text(encoding="utf-8")
        topic.write_text(body.replace("## In plain words", "## En palabras sencillas").replace("## Going deeper", "## Para saber más"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
        capture_output=True, text=True, cwd=tmp_path, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in home and ">Ayuda ahora<" in home
    assert '"lang":["es"]' in (site / "search" / "search_index.json").read_text(encoding="utf-8").replace(" ", "")
    js = (site / "javascripts" / "guide.js").read_text(encoding="utf-8")
    assert '"quiz.check": "Comprobar mi respuesta"' in js
