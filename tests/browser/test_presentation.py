"""What an anxious reader meets first, on a phone and on a desktop (issue 11), measured in Chromium.

The phone is emulated as one (390x844, mobile, touch, device scale 2), not just a narrow window.
"""

from __future__ import annotations

import re
import struct
import time
from pathlib import Path

import pytest
import yaml

from audit.gates import emulate, search_top, stop_emulating
from generator.content.load import load_site

ROOT = Path(__file__).resolve().parents[2]
PHONE_HEIGHT = 844
SCREENSHOTS = ROOT / "manual" / "screenshots"
TOPIC = "/what-good-feels-like/trust-and-rapport/"


@pytest.fixture
def phone(driver):  # type: ignore[no-untyped-def]
    emulate(driver, "phone")
    yield driver
    stop_emulating(driver)


@pytest.fixture
def desktop(driver):  # type: ignore[no-untyped-def]
    emulate(driver, "desktop")
    yield driver
    stop_emulating(driver)


def topic_urls(project: Path) -> list[str]:
    site, _ = load_site(project / "content")
    return [f"/{t.section}/{t.id}/" for t in site.topics]


def sitemap_paths(project: Path) -> list[str]:
    """Every page of the built site, as the sitemap would list it (the project's build has no
    public address, so it publishes no sitemap)."""
    site = project / "site"
    return sorted("/" + "/".join(p.parent.relative_to(site).parts) + ("/" if p.parent != site else "")
                  for p in site.rglob("index.html") if not p.parent.relative_to(site).parts[:1] in {("search",), ("assets",)})


_FIRST_SCREEN = """
const h1 = document.querySelector('.md-content h1');
const help = document.querySelector('.md-header a.guide-help-now');
const box = e => e ? e.getBoundingClientRect() : null;
const r = box(h1), b = box(help);
const shown = e => !!e && getComputedStyle(e).visibility === 'visible' && e.getClientRects().length > 0;
return {h1: r && r.top, help: b && [b.top, b.bottom, b.left, b.right, b.height], helpShown: shown(help),
        helpHref: help && help.getAttribute('href'), width: innerWidth, height: innerHeight};
"""


def test_first_words_and_get_help_now_on_the_first_phone_screen(phone, served, project) -> None:  # type: ignore[no-untyped-def]
    worst = 0.0
    for path in ["/", *topic_urls(project)]:
        phone.get(served + path)
        m = phone.execute_script(_FIRST_SCREEN)
        assert m["width"] == 390 and m["height"] == PHONE_HEIGHT
        share = m["h1"] / PHONE_HEIGHT
        worst = max(worst, share)
        assert 0 <= share <= 0.45, f"{path}: the title starts at {m['h1']:.0f} px ({share:.0%} of the screen)"
        top, bottom, left, right, height = m["help"]
        assert m["helpShown"] and 0 <= top and bottom <= PHONE_HEIGHT and 0 <= left and right <= 390, (path, m)
        assert height >= 44, f"{path}: the Get help now button is {height} px tall"
        assert m["helpHref"].rstrip("/").endswith("help"), (path, m["helpHref"])
    print(f"first words start at most {worst:.1%} down the first phone screen")


def test_home_shows_both_doors_on_the_first_phone_screen(phone, served) -> None:  # type: ignore[no-untyped-def]
    phone.get(served + "/")
    doors = phone.execute_script(
        "return [...document.querySelectorAll('.door')].map(d => {"
        " const h = d.querySelector('h2').getBoundingClientRect(), a = d.querySelector('a').getBoundingClientRect();"
        " return [d.querySelector('h2').textContent.trim(), h.top, a.bottom]; })"
    )
    assert [d[0] for d in doors] == ["Thinking about therapy, or in it?", "Studying for practicum?"]
    for title, heading_top, link_bottom in doors:
        assert heading_top >= 0 and link_bottom <= PHONE_HEIGHT, f"{title}: {heading_top:.0f}-{link_bottom:.0f} px"
    print("door links end at", [round(d[2]) for d in doors], "px of", PHONE_HEIGHT)


def test_every_page_has_get_help_now_in_its_header_and_no_numbers_outside_the_help_page(desktop, served, project) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    for path in sitemap_paths(project):
        desktop.get(served + path)
        button = desktop.find_element(By.CSS_SELECTOR, "header.md-header a.guide-help-now")
        assert button.is_displayed() and button.text == "Get help now", path
        numbers = desktop.execute_script(
            "return [...document.querySelectorAll('.md-content a[href^=\"tel:\"], .md-content a[href^=\"sms:\"]')].length"
        )
        lines = desktop.find_elements(By.CSS_SELECTOR, ".md-content .guide-help-line")
        assert "¶" not in desktop.find_element(By.CSS_SELECTOR, ".md-content").text, f"{path}: a permalink mark in the text"
        if path.rstrip("/").endswith("/help"):
            assert numbers > 5 and not lines, path  # the help page has no help line about itself
        else:
            assert numbers == 0, f"{path}: {numbers} phone or text links on an ordinary page"
            assert len(lines) == 1 and lines[0].text.endswith("Get help now"), path
            last = desktop.execute_script("return document.querySelector('.md-content__inner').lastElementChild.className")
            assert last == "guide-help-line", (path, last)  # the calm line ends the page


def test_get_help_now_asks_where_you_are_then_offers_big_buttons(phone, served, project) -> None:  # type: ignore[no-untyped-def]
    phone.get(served + "/help/")
    m = phone.execute_script("""
      const first = document.querySelector('.md-content h1 ~ *');
      const regions = [...document.querySelectorAll('.region-picker a')].map(a => [a.textContent.trim(), a.getAttribute('href')]);
      const ways = [...document.querySelectorAll('.service-ways a')].map(a => {
        const r = a.getBoundingClientRect(); return [a.getAttribute('href'), r.height, r.width]; });
      const services = [...document.querySelectorAll('.service')].map(s =>
        [s.querySelector('h3').textContent.trim(), s.querySelectorAll('.service-ways a').length, s.closest('.md-content').contains(s)]);
      return {first: first && first.className, regions, ways, services,
              checked: (document.querySelector('.md-content').textContent.match(/checked on|checked between/g) || []).length,
              targets: regions.map(([, href]) => !!document.getElementById(href.slice(1)))};
    """)
    assert m["first"] == "help-before", m["first"]  # warm words come first, then where you are
    names = [name for name, _ in m["regions"]]
    assert {"United States", "United Kingdom", "Ireland"} <= set(names) and all(m["targets"])
    assert m["checked"] == 1
    site, _ = load_site(project / "content")
    assert len(m["services"]) == len(site.helplines)
    for href, height, width in m["ways"]:
        assert height >= 44 and width >= 44, (href, height, width)
    hrefs = [href for href, _, _ in m["ways"]]
    assert "tel:116123" in hrefs and "tel:111" in hrefs and "tel:988" in hrefs and "sms:988" in hrefs
    services = [name for name, _, _ in m["services"]]
    assert "Samaritans" in services and any("NHS 111" in s for s in services)


def test_glossary_terms_are_marked_once_and_never_in_headings_links_or_buttons(desktop, served, project) -> None:  # type: ignore[no-untyped-def]
    worst = {}
    for path in sitemap_paths(project):
        desktop.get(served + path)
        found = desktop.execute_script("""
          const terms = [...document.querySelectorAll('.md-content abbr')];
          const bad = terms.filter(t => t.closest('h1,h2,h3,h4,h5,h6,a,button,label,summary,.quiz,.quiz-form'))
                           .map(t => t.textContent + ' in ' + t.parentElement.tagName);
          const seen = {}; const twice = [];
          for (const t of terms) { const k = t.textContent.toLowerCase(); if (seen[k]) twice.push(k); seen[k] = 1; }
          return {count: terms.length, bad, twice, title: document.querySelector('.md-content h1').innerHTML};
        """)
        assert not found["bad"], f"{path}: {found['bad']}"
        assert not found["twice"], f"{path}: marked twice: {found['twice']}"
        assert "<abbr" not in found["title"], path
        worst[path] = found["count"]
    assert worst[TOPIC] >= 3  # terms are still marked, once each
    print("most glossary marks on a page:", max(worst.values()))


def test_tap_or_keyboard_reaches_a_glossary_definition(phone, served) -> None:  # type: ignore[no-untyped-def]
    phone.get(served + TOPIC)
    term = phone.execute_script("return document.querySelector('.md-content abbr')")
    assert term.get_attribute("tabindex") == "0"  # a keyboard reaches it; a tap focuses it
    assert not phone.execute_script("return !!document.querySelector('.md-tooltip2--active')")
    rect = phone.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]", term)
    phone.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": rect[0], "y": rect[1]}]})
    phone.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    from selenium.webdriver.support.ui import WebDriverWait

    # The tap also brings the theme's script, which shows the definition (theme-lazy.js).
    shown = WebDriverWait(phone, 10).until(lambda d: d.execute_script(
        "const t = document.querySelector('.md-tooltip2--active');"
        " return t && t.textContent.trim()"
    ))
    assert len(shown) > 10


def test_no_body_text_under_16_px(driver, served, project) -> None:  # type: ignore[no-untyped-def]
    smallest = {}
    pages = ["/", *topic_urls(project)[:6], "/help/", "/glossary/", "/about/"]
    try:
        for viewport in ("phone", "desktop"):
            emulate(driver, viewport)
            for path in pages:
                driver.get(served + path)
                small = driver.execute_script("""
                  const out = []; let least = 99;
                  for (const root of document.querySelectorAll('.md-content, .md-footer-meta')) {
                    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
                    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
                      const el = n.parentElement;
                      if (!n.textContent.trim() || !el || el.closest('.references, .reference, [hidden], .terms-on-page')) continue;
                      if (!el.getClientRects().length || getComputedStyle(el).visibility !== 'visible') continue;
                      const size = parseFloat(getComputedStyle(el).fontSize);
                      least = Math.min(least, size);
                      if (size < 15.95) out.push(size + 'px: ' + n.textContent.trim().slice(0, 40) + ' (' + el.className + ')');
                    }
                  }
                  return [least, out.slice(0, 5)];
                """)
                smallest[(viewport, path)] = small[0]
                assert not small[1], f"{path} [{viewport}]: {small[1]}"
    finally:
        stop_emulating(driver)
    print("smallest body text:", min(smallest.values()), "px")


_TAB_STOP = """
const e = document.activeElement;
if (!e || e === document.body) return {tag: 'BODY', visible: false};
const r = e.getBoundingClientRect();
let opaque = true;
for (let p = e; p; p = p.parentElement) { if (parseFloat(getComputedStyle(p).opacity) < 0.1) opaque = false; }
const inView = r.width >= 1 && r.height >= 1 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
return {tag: e.tagName, text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 30),
        visible: inView && opaque && getComputedStyle(e).visibility === 'visible'};
"""


def test_none_of_the_first_20_tab_stops_on_a_phone_is_invisible(phone, served) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for path in ("/", TOPIC):
        phone.get(served + path)
        phone.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
        stops = []
        for _ in range(20):
            ActionChains(phone).send_keys(Keys.TAB).perform()
            stop = phone.execute_script(_TAB_STOP)
            if not stop["visible"]:  # some controls fade in when focused (the skip link): let it finish
                time.sleep(0.4)
                stop = phone.execute_script(_TAB_STOP)
            stops.append(stop)
        invisible = [s for s in stops if not s["visible"]]
        assert not invisible, f"{path}: {len(invisible)} of 20 tab stops invisible: {invisible}"
        assert any(s["text"] == "Get help now" for s in stops[:6]), stops[:6]


def test_focus_is_a_strong_visible_block(phone, served) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    phone.get(served + TOPIC)
    link = phone.execute_script("return document.querySelector('.md-content .jump-link a')")
    phone.execute_script("arguments[0].focus()", link)
    ActionChains(phone).send_keys(Keys.SHIFT + Keys.TAB).send_keys(Keys.TAB).perform()  # keyboard focus, so :focus-visible
    style = phone.execute_script("const s = getComputedStyle(document.activeElement); return [s.backgroundColor, s.boxShadow]")
    assert style[0] == "rgb(255, 221, 0)", style  # the NHS yellow focus block
    assert "rgb(11, 12, 12)" in style[1], style


def _luminance(rgb: str) -> float:
    parts = [float(x) for x in re.findall(r"[\d.]+", rgb)[:3]]
    channels = [c / 255 for c in parts]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two rgb() colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_dark_scheme_follows_the_system(driver, served) -> None:  # type: ignore[no-untyped-def]
    try:
        for scheme, expected in (("dark", "slate"), ("light", "default"), ("dark", "slate")):
            emulate(driver, "phone", scheme)
            driver.get(served + TOPIC)
            body = driver.execute_script(
                "return [document.body.dataset.mdColorScheme, getComputedStyle(document.body).backgroundColor,"
                " getComputedStyle(document.querySelector('.md-content p')).color]"
            )
            assert body[0] == expected, (scheme, body)
            dark_background = _luminance(body[1]) < 0.05
            assert dark_background == (scheme == "dark"), body
            assert contrast(body[1], body[2]) >= 7, body
    finally:
        stop_emulating(driver)


def test_quiz_marks_the_chosen_option_and_its_button_passes_contrast_in_every_state(driver, served) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    try:
        for scheme in ("light", "dark"):
            emulate(driver, "desktop", scheme)
            driver.get(served + "/basics/working-alliance/")
            item = driver.find_element(By.CSS_SELECTOR, ".quiz-item")
            answer = item.get_attribute("data-answer")
            wrong = next(letter for letter in "ABCD" if letter != answer)
            item.find_element(By.CSS_SELECTOR, f"input[value='{wrong}']").click()
            button = item.find_element(By.CSS_SELECTOR, "button.quiz-check")
            button.click()
            chosen = item.find_element(By.CSS_SELECTOR, f"input[value='{wrong}']").find_element(By.XPATH, "..")
            right = item.find_element(By.CSS_SELECTOR, f"input[value='{answer}']").find_element(By.XPATH, "..")
            assert "quiz-choice--wrong" in chosen.get_attribute("class") and "Your answer" in chosen.text
            assert "quiz-choice--right" in right.get_attribute("class") and "Right answer" in right.text
            document = driver.execute_cdp_cmd("DOM.getDocument", {"depth": 0})
            node = driver.execute_cdp_cmd("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": ".quiz-item button.quiz-check"})
            driver.execute_cdp_cmd("CSS.enable", {})
            for state in ([], ["hover"], ["focus", "focus-visible"], ["active"], ["hover", "active"]):
                driver.execute_cdp_cmd("CSS.forcePseudoState", {"nodeId": node["nodeId"], "forcedPseudoClasses": state})
                fg, bg = driver.execute_script(
                    "const s = getComputedStyle(document.querySelector('.quiz-item button.quiz-check')); return [s.color, s.backgroundColor]"
                )
                assert contrast(fg, bg) >= 4.5, (scheme, state, fg, bg)
            driver.execute_cdp_cmd("CSS.forcePseudoState", {"nodeId": node["nodeId"], "forcedPseudoClasses": []})
            driver.execute_cdp_cmd("CSS.disable", {})
    finally:
        stop_emulating(driver)


def test_two_layers_are_visibly_two_and_each_topic_has_one_next(desktop, served, project) -> None:  # type: ignore[no-untyped-def]
    site, _ = load_site(project / "content")
    on_paths = {t for a in site.settings.audiences for t in a.path}
    for topic in site.topics:
        path = f"/{topic.section}/{topic.id}/"
        desktop.get(served + path)
        m = desktop.execute_script("""
          const deeper = document.getElementById('going-deeper');
          const before = deeper && deeper.previousElementSibling;
          const jump = document.querySelector('.jump-link a');
          const text = document.querySelector('.md-content').innerText;
          return {label: before && before.classList.contains('layer-break') ? before.innerText : null,
                  jump: jump && jump.getAttribute('href'), jumpTop: jump && jump.getBoundingClientRect().top,
                  nexts: (text.match(/Next: /g) || []).length, footer: document.querySelectorAll('.md-footer__link').length};
        """)
        assert m["label"] and "For students and trainees" in m["label"], path
        assert m["jump"] == "#going-deeper" and m["jumpTop"] < 800, path
        assert m["footer"] == 0, f"{path}: the theme's footer adds another next link"
        paths = sum(topic.id in a.path for a in site.settings.audiences)
        assert m["nexts"] <= max(1, paths), f"{path}: {m['nexts']} next links"
        if topic.id not in on_paths:
            assert m["nexts"] <= 1


def test_the_footer_says_who_publishes_how_it_is_reviewed_and_how_to_get_in_touch(desktop, served) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    desktop.get(served + TOPIC)
    footer = desktop.find_element(By.CSS_SELECTOR, ".md-footer .guide-footer")
    text = footer.text
    assert "is published by" in text and "reviewed" in text and "Written by the maintainers" in text
    assert "open an issue" not in text  # no contact without a working address (site.yml has none)
    assert "Made with" not in desktop.find_element(By.CSS_SELECTOR, ".md-footer").text
    links = {a.text: a.get_attribute("href") for a in footer.find_elements(By.TAG_NAME, "a")}
    assert links["About this guide"].endswith("/about/") and links["Get help now"].endswith("/help/")


CRISIS_QUERIES = [
    "suicidal", "suicide", "I feel suicidal", "self harm", "self-harm", "I want to kill myself",
    "want to die", "crisis", "hotline", "emergency", "overdose", "thinking of ending my life",
    "my therapist says I am in crisis",
]
SEARCH_PHRASES = yaml.safe_load((ROOT / "tests" / "fixtures" / "search-phrases.yml").read_text(encoding="utf-8"))


def help_result(driver) -> dict:  # type: ignore[no-untyped-def, type-arg]
    """The first result's address and the region lines shown under it."""
    return driver.execute_script("""
      const first = document.querySelector('.md-search-result__list > .md-search-result__item');
      const shown = e => e.getClientRects().length > 0;
      return {href: first && first.querySelector('a').getAttribute('href'),
              regions: first ? [...first.querySelectorAll('.guide-sr-region')].filter(shown).map(e => e.textContent) : []};
    """)


def test_crisis_words_find_get_help_now_first_with_its_numbers(desktop, served) -> None:  # type: ignore[no-untyped-def]
    """The listed words, and the phrasings the search was never shown (tests/fixtures/search-phrases.yml)."""
    desktop.get(served + "/")
    desktop.execute_script("localStorage.removeItem('guide-region')")
    for query in CRISIS_QUERIES + SEARCH_PHRASES["held_out"]:
        top = search_top(desktop, query, k=3)
        assert top and top[0].rstrip("/").endswith("/help"), f"{query!r}: {top}"
        regions = help_result(desktop)["regions"]
        assert any("United States:" in r and "988" in r for r in regions), (query, regions)
        assert any("United Kingdom:" in r and "116 123" in r for r in regions), (query, regions)
    # An ordinary query is left alone.
    for query in SEARCH_PHRASES["ordinary"][:6]:
        top = search_top(desktop, query, k=1)
        assert not top or not top[0].rstrip("/").endswith("/help"), (query, top)


def test_the_help_result_shows_the_region_the_reader_chose(desktop, served) -> None:  # type: ignore[no-untyped-def]
    desktop.get(served + "/")
    desktop.execute_script("localStorage.setItem('guide-region', 'region-united-kingdom')")
    try:
        search_top(desktop, "i cant go on")
        regions = help_result(desktop)["regions"]
        assert len(regions) == 1 and regions[0].startswith("United Kingdom:") and "116 123" in regions[0], regions
    finally:
        desktop.execute_script("localStorage.removeItem('guide-region')")


def test_typing_a_letter_at_a_time_ends_on_the_answer_to_the_whole_search(desktop, served) -> None:  # type: ignore[no-untyped-def]
    """Material answers each letter's search; the wrapper decides each answer by the search it
    answers, so the last one shown (for the whole query) has Get help now first."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    desktop.get(served + "/")
    search_top(desktop, "rupture")
    box = desktop.find_element(By.CSS_SELECTOR, "input.md-search__input")
    desktop.execute_script("arguments[0].value = ''", box)
    box.send_keys("self-harm")
    WebDriverWait(desktop, 20).until(lambda d: (help_result(d)["href"] or "").split("?")[0].rstrip("/").endswith("help"))


def test_money_words_find_what_therapy_costs(desktop, served) -> None:  # type: ignore[no-untyped-def]
    desktop.get(served + "/")
    misses = []
    for query in SEARCH_PHRASES["money"]:
        top = search_top(desktop, query, k=3)
        if not any(p.rstrip("/").endswith("/cost-of-therapy") for p in top):
            misses.append((query, top))
    print(f"money searches: {len(SEARCH_PHRASES['money']) - len(misses)}/{len(SEARCH_PHRASES['money'])} find the cost page in the top 3")
    assert not misses, misses


def test_every_search_panel_starts_with_a_calm_line_to_help(desktop, served) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    desktop.get(served + "/")
    for query in ["xylophone quasar", "rupture", "i cant go on", "a"]:
        search_top(desktop, query)
        line = desktop.find_element(By.CSS_SELECTOR, ".md-search__scrollwrap > .guide-search-help")
        assert line.is_displayed(), query
        links = {a.text: a.get_attribute("href") for a in line.find_elements(By.TAG_NAME, "a") if a.is_displayed()}
        assert links["Get help now"].rstrip("/").endswith("/help"), (query, links)
        first = desktop.execute_script("return document.querySelector('.md-search__scrollwrap').firstElementChild.className")
        assert first == "guide-search-help", query
        if query == "xylophone quasar":  # nothing found: the list of every topic too
            assert links["Every topic in the guide"].endswith("/#everything-in-the-guide")
        else:
            assert "Every topic in the guide" not in links, query


def test_the_results_panel_speaks_of_pages_and_does_not_strike_the_readers_words(desktop, served) -> None:  # type: ignore[no-untyped-def]
    desktop.get(served + "/")
    search_top(desktop, "rupture therapist")
    m = desktop.execute_script("""
      const meta = document.querySelector('.md-search-result__meta').textContent.trim();
      const dels = [...document.querySelectorAll('.md-search-result__terms del')];
      return {meta, struck: dels.filter(d => getComputedStyle(d).textDecorationLine.includes('line-through')).length,
              missing: dels.length};
    """)
    assert re.fullmatch(r"\d+ pages?", m["meta"]), m
    assert m["struck"] == 0, m
    search_top(desktop, "xylophone quasar")
    assert desktop.execute_script("return document.querySelector('.md-search-result__meta').textContent.trim()") == "No pages found"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_on_a_phone_the_open_search_keeps_the_way_to_help_in_view(phone, served, scheme: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    phone.get(served + "/")
    phone.execute_script("document.body.setAttribute('data-md-color-scheme', arguments[0])", scheme)
    phone.find_element(By.CSS_SELECTOR, ".md-header label[for=__search]").click()
    search_top(phone, "i dont wanna be here")
    m = phone.execute_script(r"""
      const inView = a => { const r = a.getBoundingClientRect();
        if (!r.width || r.bottom > innerHeight || r.top < 0) return false;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !!hit && (hit === a || a.contains(hit)); };
      const links = [...document.querySelectorAll('a[href]')].filter(a => /help\/?$/.test(a.getAttribute('href').split('?')[0]));
      const line = document.querySelector('.guide-search-help a');
      return {visible: links.filter(inView).length, line: line && inView(line), top: line && line.getBoundingClientRect().top};
    """)
    shot(phone, f"phone-search-crisis-{scheme}")
    assert m["line"] and m["visible"] >= 2, m  # the calm line and the first result


def shot(driver, name: str) -> None:  # type: ignore[no-untyped-def]
    """A screenshot for looking at, in build/screenshots/."""
    import base64

    folder = ROOT / "build" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.png").write_bytes(base64.b64decode(driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"]))


def png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def test_readme_screenshots(driver, served, update_golden) -> None:  # type: ignore[no-untyped-def]
    """The README's pictures, made from the built site every run. They go to build/screenshots/;
    `make screenshots` (pytest --update-golden) puts them in manual/screenshots/ for the README.
    A test run must not rewrite tracked files: Chromium's PNGs differ by a few bytes every time."""
    import base64

    folder = SCREENSHOTS if update_golden else ROOT / "build" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    shots = {"phone-home": ("phone", "/"), "phone-topic": ("phone", TOPIC), "desktop-home": ("desktop", "/"), "desktop-topic": ("desktop", TOPIC)}
    try:
        for name, (viewport, path) in shots.items():
            emulate(driver, viewport)
            driver.get(served + path)
            time.sleep(0.3)
            data = base64.b64decode(driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"])
            target = folder / f"{name}.png"
            if not target.exists() or target.read_bytes() != data:
                target.write_bytes(data)
            expected = (780, 1688) if viewport == "phone" else (1280, 800)
            assert png_size(target) == expected, (name, png_size(target))
    finally:
        stop_emulating(driver)


def test_the_header_buttons_work_from_the_keyboard_on_a_phone(phone, served) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    def press(name: str) -> None:
        phone.execute_script(
            "document.querySelector(`.md-header .guide-press[aria-label='${arguments[0]}']`).focus()", name
        )
        ActionChains(phone).send_keys(Keys.ENTER).perform()
        # The first press may load the theme's script first (theme-lazy.js): wait for the switch.
        WebDriverWait(phone, 10).until(lambda d: d.execute_script(
            "return document.activeElement.matches('.md-search__input')"
            " || !document.activeElement.matches(`[aria-label='${arguments[0]}']`)", name))

    phone.get(served + "/")
    phone.execute_script("localStorage.clear()")
    phone.get(served + "/")
    press("Switch to light mode")  # from following the system, one step: light
    assert phone.execute_script("return document.body.dataset.mdColorScheme") == "default"
    assert phone.execute_script("return document.activeElement.getAttribute('aria-label')") == "Switch to dark mode"
    press("Switch to dark mode")
    assert phone.execute_script("return document.body.dataset.mdColorScheme") == "slate"
    press("Follow the system setting")
    phone.execute_script("localStorage.clear()")
    press("Search")
    assert phone.execute_script("return [document.getElementById('__search').checked, document.activeElement.className]")[0]
    assert "md-search__input" in phone.execute_script("return document.activeElement.className")


THEME_LOADED = (
    "return performance.getEntriesByType('resource').some(e => /\\/assets\\/javascripts\\/bundle\\.[0-9a-f]+\\.min\\.js$/.test(e.name))"
    " || !!document.querySelector('script[src*=\"/bundle.\"]')"
)
# The loader takes its class off the page in the same task as it starts the theme (theme-lazy.js).
THEME_RUNNING = "return !!document.querySelector('script[src*=\"/bundle.\"]') && !document.documentElement.classList.contains('guide-theme-waiting')"


def test_a_reader_who_only_reads_downloads_no_theme_script_and_every_control_still_works(phone, served) -> None:  # type: ignore[no-untyped-def]
    """The theme's script (34 KB compressed) loads at the first reach for what it drives
    (javascripts/theme-lazy.js): reading, scrolling down, tapping the text, opening the menu and
    following a link load nothing, and the search, the colour switch and "Back to top" work."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.ui import WebDriverWait

    def tap(selector: str) -> None:
        x, y = phone.execute_script(
            "const e = document.querySelector(arguments[0]); e.scrollIntoView({block: 'center'});"
            "const r = e.getBoundingClientRect(); return [r.left + Math.min(8, r.width / 2), r.top + r.height / 2]", selector)
        phone.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
        phone.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    phone.get(served + "/")
    phone.execute_script("localStorage.clear()")
    phone.get(served + TOPIC)
    WebDriverWait(phone, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    tap(".md-content p")
    phone.execute_script("window.scrollTo(0, document.body.scrollHeight / 2)")
    tap(".md-header label[for=__drawer]")
    tap(".md-header label[for=__drawer]")
    phone.execute_script("return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert not phone.execute_script(THEME_LOADED)
    # What the theme's script shows as it starts is there before it: the search and the colour switch.
    shown = phone.execute_script(
        "return [...document.querySelectorAll('.md-header label[for=__search], [data-md-component=palette] label')]"
        ".filter(e => e.getClientRects().length > 0).map(e => e.getAttribute('for'))")
    assert set(shown) == {"__palette_1", "__search"}, shown  # the phone's search button (and the panel's own)

    # The search key: the box opens at once, and the theme's script answers what was typed.
    ActionChains(phone).send_keys("/").perform()
    WebDriverWait(phone, 10).until(lambda d: d.execute_script(
        "return document.getElementById('__search').checked && document.activeElement.matches('.md-search__input')"))
    assert search_top(phone, "suicidal", 1) == ["/help/"]
    assert phone.execute_script(THEME_LOADED)

    # The colour switch: its first press (from following the system to light) is held and pressed
    # again once the theme's script runs.
    phone.get(served + TOPIC)
    assert not phone.execute_script(THEME_LOADED)
    tap("[data-md-component=palette] label:not([hidden])")
    WebDriverWait(phone, 10).until(lambda d: d.execute_script(
        "return (__md_get('__palette') || {}).index === 1"
        " && document.querySelector('[data-md-component=palette] label:not([hidden])').getAttribute('for') === '__palette_2'"))
    assert phone.execute_script("return document.body.dataset.mdColorScheme") == "default"
    phone.execute_script("localStorage.clear()")

    # Scrolling back up by a screen: "Back to top" appears, as with the theme's script from the start.
    phone.get(served + TOPIC)
    # Each scroll is waited for until its scroll event has been told (the loader listens first), so
    # that the two are not merged into one event, which would look like no scroll up at all.
    scrolled = """const done = arguments[arguments.length - 1];
      addEventListener('scroll', () => requestAnimationFrame(() => done(scrollY)), {once: true});
      scrollTo(0, arguments[0] === null ? document.body.scrollHeight : scrollY + arguments[0] * innerHeight);"""
    phone.execute_async_script(scrolled, None)
    phone.execute_async_script(scrolled, -1.5)
    WebDriverWait(phone, 10).until(lambda d: d.execute_script(THEME_RUNNING))
    phone.execute_script("window.scrollBy(0, -200)")
    WebDriverWait(phone, 10).until(lambda d: d.execute_script("return !document.querySelector('.md-top').hidden"))


def test_get_help_now_remembers_the_readers_region_on_this_device_only(phone, served) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    phone.get(served + "/help/")
    phone.execute_script("localStorage.removeItem('guide-region')")
    phone.get(served + "/help/")
    order = "return [...document.querySelectorAll('.help-region-block')].map(b => b.dataset.region)"
    default = phone.execute_script(order)
    assert not phone.find_element(By.CSS_SELECTOR, ".help-remember").is_displayed()
    phone.find_element(By.CSS_SELECTOR, ".region-picker a[data-region='region-ireland']").click()
    try:
        assert phone.execute_script("return localStorage.getItem('guide-region')") == "region-ireland"
        assert phone.execute_script(order)[0] == "region-ireland"
        note = phone.find_element(By.CSS_SELECTOR, ".help-remember")
        assert note.is_displayed() and "this device only" in note.text and "To change it" in note.text
        assert phone.execute_script("return document.cookie") == ""
        shot(phone, "phone-help-chosen")
        phone.get(served + "/help/")  # remembered on the next visit
        assert phone.execute_script(order)[0] == "region-ireland"
        current = phone.execute_script("return [...document.querySelectorAll('.region-picker a[aria-current]')].map(a => a.dataset.region)")
        assert current == ["region-ireland"]
    finally:
        phone.execute_script("localStorage.removeItem('guide-region')")
    phone.get(served + "/help/")
    assert phone.execute_script(order) == default


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_help_stays_one_tap_away_on_every_page(driver, served, project, viewport: str) -> None:  # type: ignore[no-untyped-def]
    """At the top, half way down and at the end of every page, the header's Get help now is on
    screen and nothing covers it; the end of every page but the help page has the calm line."""
    emulate(driver, viewport)
    try:
        for path in sitemap_paths(project):
            driver.get(served + path)
            for where in (0, 0.5, 1):
                m = driver.execute_script("""
                  scrollTo(0, (document.documentElement.scrollHeight - innerHeight) * arguments[0]);
                  const a = document.querySelector('.md-header a.guide-help-now'), r = a.getBoundingClientRect();
                  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                  return {top: r.top, bottom: r.bottom, reachable: !!hit && (hit === a || a.contains(hit)), height: r.height};
                """, where)
                assert m["reachable"] and m["top"] >= 0 and m["bottom"] <= driver.execute_script("return innerHeight"), (path, where, m)
                assert m["height"] >= 44 or viewport == "desktop", (path, m)
    finally:
        stop_emulating(driver)


def test_pages_about_harm_show_help_in_the_content(phone, served, project) -> None:  # type: ignore[no-untyped-def]
    site, _ = load_site(project / "content")
    with_help = [t for t in site.topics if t.help]
    assert with_help
    for topic in site.topics:
        phone.get(served + f"/{topic.section}/{topic.id}/")
        boxes = phone.execute_script("return [...document.querySelectorAll('.md-content .guide-topic-help')].map(b => [b.textContent.trim(), b.querySelector('a').getAttribute('href'), b.getBoundingClientRect().top])")
        if topic.help:
            assert len(boxes) == 1 and boxes[0][1].rstrip("/").endswith("help"), (topic.id, boxes)
        else:
            assert boxes == [], topic.id
    shot(phone, "phone-topic-help-box")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_on_paper_the_help_line_gives_the_address_and_numbers_and_outside_links_their_address(desktop, served, scheme: str) -> None:  # type: ignore[no-untyped-def]
    desktop.get(served + "/taking-the-next-step/cost-of-therapy/")
    desktop.execute_script("document.body.setAttribute('data-md-color-scheme', arguments[0])", scheme)
    desktop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        m = desktop.execute_script("""
          const line = document.querySelector('.guide-help-line');
          const shown = e => !!e && getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0;
          // A reference's link text is its address already, so it is printed once (print.css).
          const outside = [...document.querySelectorAll('.md-content a[href^="http"]:not(.reference a)')];
          const refs = [...document.querySelectorAll('.md-content .reference a[href^="http"]')];
          return {paper: shown(line.querySelector('.guide-on-paper')), screen: shown(line.querySelector('.guide-on-screen')),
                  text: line.querySelector('.guide-on-paper').textContent,
                  after: outside.map(a => getComputedStyle(a, '::after').content),
                  refs: refs.map(a => [a.textContent.trim(), a.getAttribute('href'), getComputedStyle(a, '::after').content]),
                  picker: null};
        """)
        assert m["paper"] and not m["screen"], m
        assert "Get help now:" in m["text"] and "United States: Call 911, Call 988, Text 988" in m["text"], m["text"]
        assert "127.0.0.1" not in m["text"] and "localhost" not in m["text"]
        assert m["after"] and all("http" in a for a in m["after"]), m["after"][:3]
        assert m["refs"] and all(text == href and after == "none" for text, href, after in m["refs"]), m["refs"][:3]
        desktop.get(served + "/help/")
        desktop.execute_script("document.body.setAttribute('data-md-color-scheme', arguments[0])", scheme)
        hidden = desktop.execute_script("return getComputedStyle(document.querySelector('.region-picker')).display")
        assert hidden == "none"  # on paper the choice of region is not a thing to tap
    finally:
        desktop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


# -- reflow (WCAG 1.4.10): nothing on a phone is wider than the phone ------------------------------

_WIDER_THAN_THE_SCREEN = """
const W = 390, wide = [];
for (const e of document.querySelectorAll('body *')) {
  const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  if (r.width && r.right > W + 0.5 && s.visibility !== 'hidden' && !e.closest('.md-sidebar, .md-search'))
    wide.push(`${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ends at ${Math.round(r.right)} px`);
}
return {innerWidth, scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 5)};
"""


def test_no_page_is_wider_than_a_phone(phone, served, project) -> None:  # type: ignore[no-untyped-def]
    """Every page at 390 px, in both schemes: no horizontal scrolling and no zooming out (a mobile
    browser widens its layout viewport to the widest box, so innerWidth grows past 390)."""
    from audit.browser import site_pages

    wider = []
    for path in site_pages(project / "site"):
        phone.get(served + path)
        m = phone.execute_script(_WIDER_THAN_THE_SCREEN)
        if m["innerWidth"] != 390 or m["scrollWidth"] > 390 or m["wide"]:
            wider.append((path, m))
    assert not wider, wider


# Where long unbroken text turns up: reference lists and their addresses, links in text, the
# footer, scenario choices, quiz options, doors, admonitions and list items.
_BLOCKS = (".md-content .reference, .md-content p, .md-content li, .md-content a, .md-content label, "
           ".md-content summary, .md-content legend, .md-content dd, .md-content blockquote, "
           ".md-content .admonition-title, .md-footer p, .md-footer li, .md-footer a")


@pytest.mark.parametrize("path", ["/", TOPIC, "/references/", "/help/", "/practice/", "/study-guide/"])
def test_long_unbroken_words_and_addresses_wrap_on_a_phone(phone, served, path: str) -> None:  # type: ignore[no-untyped-def]
    """The class behind a reference's long address: any unbroken run of letters, digits and URL
    punctuation, put into every block a reader can meet, still fits a 390 px screen."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    token = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._~%=&?:", min_size=60, max_size=400)

    @settings(max_examples=4, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(word=token, address=st.booleans())
    def fits(word: str, address: bool) -> None:
        text = ("https://example.org/" + word) if address else word
        phone.get(served + path)
        count = phone.execute_script(
            "const all = [...document.querySelectorAll(arguments[0])];"
            "for (const e of all) e.append(' ' + arguments[1]);"
            "return all.length;", _BLOCKS, text)
        assert count > 0
        m = phone.execute_script(_WIDER_THAN_THE_SCREEN)
        assert m["scrollWidth"] <= 390 and not m["wide"], (path, text, m)

    fits()
