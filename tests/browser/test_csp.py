"""The Content-Security-Policy in a real browser: no page of the real site breaks it, and it stops injected script."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from audit.browser import site_pages
from generator.cli import main

# Runs before any script of each page (CDP scripts are not subject to the page's policy):
# every violation the page reports is kept where the test can read it.
LISTENER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push([e.effectiveDirective, e.blockedURI, e.sourceFile + ":" + e.lineNumber, (e.sample || "").slice(0, 80)]);
});
"""


@pytest.fixture(scope="module")
def listening(driver):  # type: ignore[no-untyped-def]
    added = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LISTENER})
    yield driver
    driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]})


def violations(driver, url: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Open a page, use what runs on it (search, the quiz), and return the violations it reported."""
    driver.get(url)
    driver.execute_script(
        "var s = document.querySelector('input.md-search__input');"
        "if (s) { s.focus(); s.value = 'trust'; s.dispatchEvent(new Event('input', {bubbles: true})); }"
        "var b = document.querySelector('.quiz-form button'); if (b) b.click();"
    )
    time.sleep(0.3)  # let the search worker answer and any late style or script load
    return driver.execute_script("return window.__csp || ['listener missing'];")


def test_no_page_reports_a_violation(listening, served, project: Path) -> None:  # type: ignore[no-untyped-def]
    pages = site_pages(project / "site")
    assert len(pages) >= 40
    found = {path: v for path in pages if (v := violations(listening, served + path))}
    assert found == {}


def test_injected_handler_and_script_are_blocked(listening, served) -> None:  # type: ignore[no-untyped-def]
    listening.get(served + "/basics/working-alliance/")
    listening.execute_script(
        "document.body.insertAdjacentHTML('beforeend', '<img src=\"x-missing.png\" onerror=\"window.__ran = 1\">');"
        "var s = document.createElement('script'); s.textContent = 'window.__ran2 = 1'; document.head.append(s);"
        "var f = document.createElement('img'); f.src = 'https://tracker.example/p.gif'; document.body.append(f);"
    )
    time.sleep(0.5)
    listening.get_log("performance")  # the blocked request is in the shared request log: leave none for the privacy gate
    assert listening.execute_script("return [window.__ran, window.__ran2];") == [None, None]
    directives = {v[0] for v in listening.execute_script("return window.__csp;")}
    assert {"script-src-attr", "script-src-elem", "img-src"} <= directives


def test_offline_edition_works_under_the_policy(listening, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The offline zip, opened from the file system: no violation, and search answers through the worker shim."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.e2e.test_build import make_project

    project = make_project(tmp_path / "p")
    out = tmp_path / "offline.zip"
    assert main(["offline", "--config", str(project / "mkdocs-offline.yml"), "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        archive.extractall(tmp_path / "unzipped")
    index = tmp_path / "unzipped" / "the-therapeutic-relationship" / "index.html"  # named for the guide's title
    assert 'http-equiv="Content-Security-Policy"' in index.read_text(encoding="utf-8")
    listening.get(index.as_uri())
    box = listening.find_element(By.CSS_SELECTOR, "input.md-search__input")
    listening.execute_script("arguments[0].focus()", box)
    box.send_keys("rupture")
    found = WebDriverWait(listening, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item") or d.execute_script("return window.__csp.length")
    )
    assert listening.execute_script("return window.__csp;") == []
    assert isinstance(found, list)
