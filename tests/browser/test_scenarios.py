"""Practice scenarios in a real browser: keyboard only through a branching scenario on a phone (emulated
as one) and a desktop, every choice's feedback reachable, axe in both colour schemes after use, no
CSP violation, print, and the page opened from the file system."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.gates import AXE_JS, AXE_TAGS, _RUN_AXE, emulate, stop_emulating
from generator.content.load import load_site
from generator.content.model import Scenario


def branching(project: Path) -> Scenario:
    """The first scenario of the built guide whose best first choice leads to another moment."""
    site, _ = load_site(project / "content")
    found = [s for s in site.scenarios if not s.draft and s.moments[0].choices[s.moments[0].best].next]
    assert found, "the guide has no branching scenario to test"
    return found[0]


def url_of(served: str, scenario: Scenario) -> str:
    return f"{served}/practice/{scenario.id}/"


def active(driver):  # type: ignore[no-untyped-def]
    return driver.switch_to.active_element


def press(driver, *keys: str) -> None:  # type: ignore[no-untyped-def]
    for key in keys:
        active(driver).send_keys(key)


def first_moment(driver):  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, ".scenario-moment")[0]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_branching_scenario_by_keyboard_alone(driver, served, project, viewport) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    scenario = branching(project)
    start = scenario.moments[0]
    best = start.best
    wrong = 0 if best else 1
    emulate(driver, viewport)
    try:
        driver.get(url_of(served, scenario))
        moments = driver.find_elements(By.CSS_SELECTOR, ".scenario-moment")
        assert len(moments) == len(scenario.moments)
        assert moments[0].is_displayed() and not any(m.is_displayed() for m in moments[1:])  # later moments wait
        form = moments[0].find_element(By.CSS_SELECTOR, "form.scenario-form")
        legend = form.find_element(By.CSS_SELECTOR, "fieldset legend")
        assert legend.text.strip()  # the question names the group
        radios = form.find_elements(By.CSS_SELECTOR, "input[type=radio]")
        assert len(radios) == len(start.choices)
        status = form.find_element(By.CSS_SELECTOR, "[role=status]")
        assert status.get_attribute("aria-live") == "polite"
        # The no-JavaScript copy of the choices and feedback is hidden once the form is there.
        assert not moments[0].find_element(By.CSS_SELECTOR, ".scenario-feedback").is_displayed()

        # Tab into the group from the moment's heading, as a keyboard user would.
        driver.execute_script("arguments[0].tabIndex = -1; arguments[0].focus()", moments[0].find_element(By.CSS_SELECTOR, "h2"))
        for _ in range(30):
            press(driver, Keys.TAB)
            if active(driver).get_attribute("type") == "radio":
                break
        assert active(driver) == radios[0]
        press(driver, Keys.SPACE)
        for _ in range(wrong):
            press(driver, Keys.ARROW_DOWN)
        assert radios[wrong].is_selected()
        press(driver, Keys.TAB)
        assert active(driver).text == "Check my choice"
        press(driver, Keys.ENTER)
        WebDriverWait(driver, 5).until(lambda d: status.text.strip())
        assert status.text.startswith("Not the best choice here.")
        assert len(status.text) > 60 and status.find_elements(By.CSS_SELECTOR, "a[href^='#ref-']")  # cited
        assert "Your choice" in radios[wrong].find_element(By.XPATH, "..").text

        # Tab on to "Try another choice": focus goes back to the choice, the feedback clears.
        for _ in range(10):
            press(driver, Keys.TAB)
            if active(driver).text == "Try another choice":
                break
        assert active(driver).text == "Try another choice"
        press(driver, Keys.ENTER)
        assert active(driver) == radios[wrong] and not status.text.strip()
        for _ in range(abs(best - wrong)):
            press(driver, Keys.ARROW_DOWN if best > wrong else Keys.ARROW_UP)
        assert radios[best].is_selected()
        press(driver, Keys.TAB, Keys.ENTER)
        WebDriverWait(driver, 5).until(lambda d: status.text.startswith("The best choice here."))

        # Go on: the next moment appears and takes the focus (its heading), ready to read on.
        target = scenario.moment(start.choices[best].next)
        assert target is not None
        number = scenario.moments.index(target) + 1
        for _ in range(10):
            press(driver, Keys.TAB)
            if active(driver).text.startswith("Go on to moment"):
                break
        assert active(driver).text == f"Go on to moment {number}"
        press(driver, Keys.ENTER)
        WebDriverWait(driver, 5).until(lambda d: moments[number - 1].is_displayed())
        assert active(driver).tag_name == "h2" and active(driver).text == f"Moment {number}"
        # From there the keyboard reaches the new moment's choices.
        press(driver, Keys.TAB)
        while active(driver).get_attribute("type") != "radio":
            press(driver, Keys.TAB)
        assert active(driver).get_attribute("name").endswith(f"-{number - 1}")
    finally:
        stop_emulating(driver)


def test_every_choice_has_its_own_feedback(driver, served, project) -> None:  # type: ignore[no-untyped-def]
    """Checking each choice in turn shows exactly the feedback written for it (the no-JavaScript copy)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    scenario = branching(project)
    driver.get(url_of(served, scenario))
    moment = first_moment(driver)
    form = moment.find_element(By.CSS_SELECTOR, "form.scenario-form")
    status = form.find_element(By.CSS_SELECTOR, "[role=status]")
    texts = driver.execute_script(
        "return [...arguments[0].querySelectorAll('.scenario-choice-feedback')].map(d => d.textContent)", moment
    )
    seen = set()
    for index, radio in enumerate(form.find_elements(By.CSS_SELECTOR, "input[type=radio]")):
        driver.execute_script("arguments[0].click(); arguments[1].click()", radio, form.find_element(By.CSS_SELECTOR, ".scenario-check"))
        WebDriverWait(driver, 5).until(lambda d: status.text.strip())
        # Compared without white space: the copy's paragraphs have none between them in textContent.
        shown = "".join(driver.execute_script("return arguments[0].textContent", status).split())
        assert shown and shown in "".join(texts[index].split()), index
        seen.add(shown)
    assert len(seen) == len(scenario.moments[0].choices)


def test_scenario_pages_pass_axe_after_use_in_both_schemes(driver, served, project, node_tools) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    scenario = branching(project)
    axe = AXE_JS.read_text(encoding="utf-8")
    found = []
    try:
        for scheme in ("light", "dark"):
            for viewport in ("phone", "desktop"):
                emulate(driver, viewport, scheme)
                driver.get(url_of(served, scenario))
                form = first_moment(driver).find_element(By.CSS_SELECTOR, "form.scenario-form")
                radios = form.find_elements(By.CSS_SELECTOR, "input[type=radio]")
                best = scenario.moments[0].best
                driver.execute_script("arguments[0].click(); arguments[1].click()", radios[best], form.find_element(By.CSS_SELECTOR, ".scenario-check"))
                driver.execute_script("arguments[0].click()", form.find_element(By.CSS_SELECTOR, ".scenario-go"))
                driver.execute_script(axe)
                for v in driver.execute_async_script(_RUN_AXE, None, AXE_TAGS):
                    found.append(f"{viewport} {scheme} {v['id']}: {v['nodes'][:2]}")
                driver.get(f"{served}/practice/")
                driver.execute_script(axe)
                for v in driver.execute_async_script(_RUN_AXE, None, AXE_TAGS):
                    found.append(f"/practice/ {viewport} {scheme} {v['id']}: {v['nodes'][:2]}")
    finally:
        stop_emulating(driver)
    assert found == []


LISTENER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) { window.__csp.push([e.effectiveDirective, e.blockedURI]); });
"""


def test_a_scenario_used_under_the_policy_reports_no_violation(driver, served, project) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    scenario = branching(project)
    added = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LISTENER})
    try:
        driver.get(url_of(served, scenario))
        assert "Content-Security-Policy" in driver.page_source
        form = first_moment(driver).find_element(By.CSS_SELECTOR, "form.scenario-form")
        for radio in form.find_elements(By.CSS_SELECTOR, "input[type=radio]"):
            driver.execute_script("arguments[0].click(); arguments[1].click()", radio, form.find_element(By.CSS_SELECTOR, ".scenario-check"))
        driver.execute_script("arguments[0].click()", form.find_element(By.CSS_SELECTOR, ".scenario-again"))
        assert driver.execute_script("return window.__csp") == []
    finally:
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]})


def test_a_scenario_prints_choices_then_feedback(driver, served, project) -> None:  # type: ignore[no-untyped-def]
    scenario = branching(project)
    driver.get(url_of(served, scenario))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.execute_script("window.dispatchEvent(new Event('beforeprint'))")
    try:
        state = driver.execute_script("""
            const shown = e => !!e && getComputedStyle(e).display !== 'none';
            const moments = [...document.querySelectorAll('.scenario-moment')];
            return {
              moments: moments.map(shown),
              forms: [...document.querySelectorAll('.scenario-form')].map(shown),
              order: moments.map(m => {
                const list = m.querySelector('.scenario-choices'), feedback = m.querySelector('.scenario-feedback');
                return shown(list) && shown(feedback) && !!(list.compareDocumentPosition(feedback) & Node.DOCUMENT_POSITION_FOLLOWING);
              }),
              open: [...document.querySelectorAll('.scenario-choice-feedback')].every(d => d.open),
            };""")
        assert all(state["moments"]) and len(state["moments"]) == len(scenario.moments)
        assert not any(state["forms"])
        assert all(state["order"]) and state["open"]
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_a_scenario_works_from_the_file_system(driver, project) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    scenario = branching(project)
    driver.get((project / "site" / "practice" / scenario.id / "index.html").as_uri())
    form = first_moment(driver).find_element(By.CSS_SELECTOR, "form.scenario-form")
    radios = form.find_elements(By.CSS_SELECTOR, "input[type=radio]")
    best = scenario.moments[0].best
    driver.execute_script("arguments[0].click(); arguments[1].click()", radios[best], form.find_element(By.CSS_SELECTOR, ".scenario-check"))
    status = form.find_element(By.CSS_SELECTOR, "[role=status]")
    WebDriverWait(driver, 5).until(lambda d: status.text.startswith("The best choice here."))
