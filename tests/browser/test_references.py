"""In a real browser: a citation takes the reader to its entry; the reference list folds and prints."""

from __future__ import annotations


def test_citation_link_goes_to_its_entry(driver, served) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    driver.get(served + "/basics/working-alliance/")
    link = driver.find_element(By.CSS_SELECTOR, ".citation a[href^='#ref-']")
    target = link.get_attribute("href").split("#", 1)[1]
    driver.execute_script("arguments[0].click()", link)
    assert driver.execute_script("return location.hash") == f"#{target}"
    entry = driver.find_element(By.ID, target)
    assert entry.get_attribute("class") == "reference" and entry.is_displayed() and entry.text


def test_reference_list_folds_and_prints_open(driver, served) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    driver.get(served + "/basics/working-alliance/")
    # checkVisibility: false inside a closed <details> (its content is skipped, not just moved).
    visible = "return document.querySelector('details.references .reference').checkVisibility()"
    assert driver.execute_script(visible)  # open by default
    driver.find_element(By.CSS_SELECTOR, "details.references > summary").click()  # a phone reader folds it
    assert not driver.execute_script(visible)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        driver.execute_script("window.dispatchEvent(new Event('beforeprint'))")
        assert driver.execute_script(visible)  # printed open all the same
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
