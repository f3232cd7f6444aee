"""What a reader gets in a real browser: quizzes by keyboard, offline search, print (see also test_presentation.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from generator.cli import main


def test_quiz_answered_by_keyboard(driver, served) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(served + "/basics/working-alliance/")
    item = driver.find_element(By.CSS_SELECTOR, ".quiz-item")
    answer = item.get_attribute("data-answer")
    form = item.find_element(By.CSS_SELECTOR, "form.quiz-form")
    radios = form.find_elements(By.CSS_SELECTOR, "input[type=radio]")
    assert len(radios) >= 3
    status = form.find_element(By.CSS_SELECTOR, "[role=status]")
    assert status.get_attribute("aria-live") == "polite"
    # The no-JavaScript answer box is hidden once the quiz is interactive.
    assert not item.find_element(By.CSS_SELECTOR, "details.quiz-answer").is_displayed()

    # Keyboard only: focus the group, move with the arrow keys, Tab to the button, press Enter.
    driver.execute_script("arguments[0].focus()", radios[0])
    active = driver.switch_to.active_element
    active.send_keys(Keys.SPACE)
    chosen = "A"
    if answer == "A":
        driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)  # pick a wrong answer first
        chosen = "B"
    driver.switch_to.active_element.send_keys(Keys.TAB)
    assert driver.switch_to.active_element.text == "Check my answer"
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    WebDriverWait(driver, 5).until(lambda d: status.text.strip())
    assert chosen != answer
    assert status.text.startswith("Not quite. The answer is " + answer + ".")

    # Now choose the right answer with the arrow keys and check again.
    target = "ABCDEF".index(answer)
    driver.execute_script("arguments[0].focus()", radios["ABCDEF".index(chosen)])
    step = Keys.ARROW_DOWN if target > "ABCDEF".index(chosen) else Keys.ARROW_UP
    for _ in range(abs(target - "ABCDEF".index(chosen))):
        driver.switch_to.active_element.send_keys(step)
    assert radios[target].is_selected()
    driver.switch_to.active_element.send_keys(Keys.TAB)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    WebDriverWait(driver, 5).until(lambda d: status.text.startswith("Right."))
    assert len(status.text) > len("Right.") + 20  # the explanation follows


def test_search_works_from_the_offline_zip(driver, project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    archive = tmp_path / "offline.zip"
    assert main(["offline", "--config", str(project / "mkdocs-offline.yml"), "--out", str(archive)]) == 0
    with zipfile.ZipFile(archive) as z:
        z.extractall(tmp_path / "unzipped")
    index = tmp_path / "unzipped" / "the-therapeutic-relationship" / "index.html"  # named for the guide's title
    driver.get(index.as_uri())
    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    driver.execute_script("arguments[0].focus()", box)
    box.send_keys("rupture")
    results = WebDriverWait(driver, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item") or False
    )
    titles = " ".join(r.text for r in results)
    assert "rupture" in titles.lower()
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".md-search-result__link")]
    assert links and all(href.startswith("file://") for href in links)


def test_pages_print_cleanly(driver, served) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    driver.get(served + "/basics/working-alliance/")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.execute_script("window.dispatchEvent(new Event('beforeprint'))")
    try:
        def shown(selector: str) -> bool:
            return driver.execute_script(
                "const e=document.querySelector(arguments[0]); return !!e && getComputedStyle(e).display !== 'none'", selector
            )

        assert not shown(".md-sidebar--primary") and not shown(".md-header")
        assert shown(".quiz-question") and shown(".quiz-answer") and not shown(".quiz-form")
        # The printed title is the title: no definitions after words; the terms are listed once at the end.
        h1 = driver.find_element(By.CSS_SELECTOR, ".md-content h1")
        assert h1.text == driver.title.split(" - ")[0] == "The working alliance: goals, tasks and bond"
        after = driver.execute_script("return getComputedStyle(document.querySelector('.md-content abbr'), '::after').content")
        assert after in ("none", "normal", '""')
        assert shown(".terms-on-page")
        terms = driver.find_elements(By.CSS_SELECTOR, ".terms-on-page dt")
        marked = driver.find_elements(By.CSS_SELECTOR, ".md-content abbr")
        assert len(terms) == len(marked) >= 3
        pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
        assert len(pdf["data"]) > 10_000
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_study_guide_pdf_is_built_and_linked(project: Path) -> None:
    import os

    import pytest

    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            raise
        pytest.skip(f"WeasyPrint cannot run here: {exc}")
    assert main(["pdf", "--config", str(project / "mkdocs.yml")]) == 0
    pdf = project / "site" / "study-guide.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 50_000
    assert 'href="../study-guide.pdf"' in (project / "site" / "study-guide" / "index.html").read_text()
