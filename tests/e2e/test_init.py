"""A new guide from `init`, as a publisher would make one: init -> replace the placeholder helpline ->
check -> build, then read in a browser. In English on another subject (panic attacks) and in Spanish.
The Spanish guide shows no English interface string, and neither guide names therapy."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import strings as S

HELPLINE = """\
- id: us-988
  region: United States
  service: 988 Suicide & Crisis Lifeline
  description: {description}
  contacts:
    - {{kind: phone, value: "988", label: {label}}}
  emergency: true
  verified_on: 2026-11-01
  sources:
    - https://health.wyo.gov/publichealth/prevention/wivpp/suicide-prevention/988-suicide-crisis-lifeline
    - https://familyandcaregivertoolkit.org/988-crisis-lifeline
"""
SUBJECT = {
    "en": ("Panic attacks", "A plain guide to panic attacks: what they are and what helps.", "Free and confidential support.", "Call 988"),
    "es": ("Ataques de pánico", "Una guía sencilla sobre los ataques de pánico: qué son y qué ayuda.", "Apoyo gratuito y confidencial.", "Llamar al 988"),
}
SUBJECT_WORDS = re.compile(r"therap|alliance|trainee|practicum", re.I)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="module", params=["en", "es"])
def guide(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    language = request.param
    where = tmp_path_factory.mktemp(f"init-{language}")
    made = run("init", "guide", "--language", language, cwd=where)
    assert made.returncode == 0, made.stderr
    folder = where / "guide"
    refused = run("check", cwd=folder)
    assert refused.returncode != 0 and "placeholder written by `therapy-guide init`" in refused.stdout + refused.stderr
    title, description, helpline, label = SUBJECT[language]
    site_yml = folder / "content" / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", f"title: {title}", text)
    text = re.sub(r"(?m)^description: .*$", f"description: \"{description}\"", text)
    site_yml.write_text(text, encoding="utf-8")
    (folder / "content" / "helplines.yml").write_text(HELPLINE.format(description=helpline, label=label), encoding="utf-8")
    checked = run("check", cwd=folder)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = run("build", cwd=folder)
    assert built.returncode == 0, built.stdout + built.stderr
    return language, folder / "site"


def test_the_built_guide_has_its_pages_and_no_raw_markdown(guide: tuple[str, Path]) -> None:
    language, site = guide
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 12
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert f'<html lang="{language}"' in text, page
        for raw in ("!!!", "{rel=", "{ #", 'markdown="'):
            assert raw not in text, f"{page.relative_to(site)}: raw {raw!r}"
        assert not SUBJECT_WORDS.search(text), f"{page.relative_to(site)}: {SUBJECT_WORDS.search(text).group(0)}"
    assert not SUBJECT_WORDS.search((site / "javascripts" / "guide.js").read_text(encoding="utf-8").split("\n", 1)[1])


def _visible_text(driver, base: str, path: str) -> str:  # type: ignore[no-untyped-def]
    driver.get(base + path)
    return driver.execute_script("return document.body.innerText")


def test_a_reader_sees_the_guide_in_its_language(driver, guide: tuple[str, Path]) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    from audit.browser import serve

    language, site = guide
    t = S.strings_for(language)
    parts = ("guide/", "study-guide/", "practice/")  # the parts of the whole guide and study guide, the scenarios
    topics = sorted(p.parent.relative_to(site).as_posix() for p in site.glob("*/*/index.html"))
    topics = [t for t in topics if not t.startswith(parts)]
    assert len(topics) == 3, topics
    with serve(site) as base:
        texts = {path: _visible_text(driver, base, path) for path in ["/", "/help/", "/glossary/", "/paths/", f"/{topics[0]}/"]}
        topic = texts[f"/{topics[0]}/"]
        assert t("layer.plain") in topic and t("topic.key_points") in topic
        # The quiz script speaks the guide's language.
        driver.find_element(By.CSS_SELECTOR, "form.quiz-form button.quiz-check").click()
        feedback = driver.find_element(By.CSS_SELECTOR, ".quiz-feedback").text
        assert feedback == t("quiz.choose_first")
        assert driver.find_element(By.CSS_SELECTOR, "header a.guide-help-now").text == t("help.button")
        assert "988" in texts["/help/"]
        if language == "es":
            english = {v for k, v in S.table("en").items() if v != S.table("es")[k] and len(v) > 4 and not k.startswith("date.")}
            for path, text in texts.items():
                left = [v for v in english if v in text]
                assert not left, f"{path}: English interface words {left}"
            # Material's own labels follow the guide's language too.
            search = driver.find_element(By.CSS_SELECTOR, "input.md-search__input").get_attribute("placeholder")
            assert search == "Búsqueda", search  # Material's own Spanish
