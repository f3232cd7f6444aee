"""Study tools a trainee uses (issue 18 §4), measured in Chromium: research first from the trainees'
path, one printed page per handout, and a study guide that prints without dead links."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from audit.gates import emulate, stop_emulating
from generator.content.load import load_site

PHONE_HEIGHT = 844


@pytest.fixture
def phone(driver):  # type: ignore[no-untyped-def]
    emulate(driver, "phone")
    yield driver
    stop_emulating(driver)


_TOPS = """
const top = s => { const e = document.querySelector(s); return e ? e.getBoundingClientRect().top : null; };
return {deeper: top('#going-deeper'), title: top('.md-content h1'), y: scrollY, height: innerHeight};
"""


def trainee_path(project: Path) -> list[str]:
    site, _ = load_site(project / "content")
    audience = next(a for a in site.settings.audiences if a.opens_at == "deeper")
    by_id = {t.id: t for t in site.topics}
    return [f"/{by_id[t].section}/{t}/" for t in audience.path]


def test_the_trainees_path_opens_every_topic_at_going_deeper(phone, served, project) -> None:  # type: ignore[no-untyped-def]
    """From the reading-paths page, each trainee link lands with "Going deeper" at the top of a phone screen;
    the same page opened from its plain address (home, search, a client's link) starts at its title."""
    pages = trainee_path(project)
    assert len(pages) >= 5
    phone.get(served + "/paths/")
    links = phone.execute_script(
        "return [...document.querySelectorAll('#trainees ~ ol a')].map(a => a.getAttribute('href'))"
    )
    assert links and all(href.endswith("#going-deeper") for href in links), links
    for path in pages:
        phone.get(served + "/paths/")
        phone.execute_script(
            "const a = [...document.querySelectorAll('#trainees ~ ol a')].find(a => a.href.includes(arguments[0]));"
            "a.scrollIntoView(); a.click();", path,
        )
        phone.execute_script("return document.readyState")
        m = phone.execute_script(_TOPS)
        assert m["deeper"] is not None and 0 <= m["deeper"] < PHONE_HEIGHT * 0.3, (path, m)
        assert m["title"] < 0, f"{path}: the plain layer is still on screen: {m}"
        # Opened plainly, the page starts at its title: what a client meets does not change.
        phone.get(served + path)
        m = phone.execute_script(_TOPS)
        assert m["y"] == 0 and 0 <= m["title"] < PHONE_HEIGHT * 0.45, (path, m)
        assert m["deeper"] > PHONE_HEIGHT, (path, m)


def test_the_trainees_door_and_next_links_keep_to_the_research(phone, served, project) -> None:  # type: ignore[no-untyped-def]
    pages = trainee_path(project)
    phone.get(served + "/")
    hrefs = phone.execute_script("return [...document.querySelectorAll('.door a')].map(a => a.getAttribute('href'))")
    assert sum(h.endswith("#going-deeper") for h in hrefs) == 1, hrefs
    phone.get(served + pages[0] + "#going-deeper")
    nxt = phone.execute_script(
        "return [...document.querySelectorAll('nav.topic-next a')].map(a => a.getAttribute('href'))"
    )
    assert any(h.endswith("#going-deeper") and pages[1].strip('/').split('/')[-1] in h for h in nxt), nxt


def printed_pages(driver, url: str) -> int:  # type: ignore[no-untyped-def]
    """How many A4 pages Chromium prints for a page."""
    driver.get(url)
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": False})
    data = base64.b64decode(pdf["data"])
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def test_each_trainee_handout_prints_on_one_page(driver, served, project) -> None:  # type: ignore[no-untyped-def]
    site, _ = load_site(project / "content")
    assert len(site.handouts) >= 2
    for handout in site.handouts:
        pages = printed_pages(driver, f"{served}/handouts/{handout.id}/")
        assert pages == 1, f"{handout.id} prints on {pages} pages"


def test_the_printed_study_guide_has_no_dead_topic_links(driver, served) -> None:  # type: ignore[no-untyped-def]
    """Each part of the study guide, printed: its links to topic pages are hidden (they lead nowhere on
    paper), and between them the parts hold every topic's research layer."""
    driver.get(served + "/study-guide/")
    parts = driver.execute_script(
        "return [...new Set([...document.querySelectorAll('nav.study-contents a')].map(a => a.href.split('#')[0]))]"
    )
    assert len(parts) >= 8, parts
    total = shown = deeper = 0
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print", "features": []})
    try:
        for part in parts:
            driver.get(part)
            shown += driver.execute_script(
                "return [...document.querySelectorAll('a.study-link')].filter(a => a.getClientRects().length > 0).length"
            )
            total += driver.execute_script("return document.querySelectorAll('a.study-link').length")
            deeper += driver.execute_script("return document.querySelectorAll('h3[id$=\"-deeper\"]').length")
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    assert total >= 30 and shown == 0
    assert deeper >= 30, "every topic's research layer is in the study guide"
