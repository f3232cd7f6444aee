"""The gates: each returns a GateResult (passed, a one-line summary, and every problem found)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / ".cache" / "node" / "node_modules"
AXE_JS = NODE / "axe-core" / "axe.min.js"
VNU_JAR = NODE / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
# Both colour schemes: the site follows the system setting (prefers-color-scheme).
SCHEMES = ("light", "dark")
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@dataclass
class GateResult:
    """The outcome of one gate."""

    name: str
    passed: bool
    summary: str
    problems: list[str] = field(default_factory=list)


def ensure_node_tools(lighthouse: bool = False) -> None:
    """Install the pinned Node tools into .cache/node (no lockfile; see audit/node-tools.sh)."""
    args = ["bash", str(ROOT / "audit" / "node-tools.sh")] + (["--lighthouse"] if lighthouse else [])
    subprocess.run(args, check=True)


# -- accessibility and privacy (one pass over every page) ---------------------------------------

_OPEN_EVERYTHING = """
document.querySelectorAll('details').forEach(d => { d.open = true; });
return document.querySelectorAll('.tabbed-set').length;
"""

_RUN_AXE = """
const done = arguments[arguments.length - 1];
const context = arguments[0] ? {include: [arguments[0]]} : document;
axe.run(context, {runOnly: {type: 'tag', values: arguments[1]}, resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\\n').slice(1).join(' '))}))),
        e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
"""

_HINTS = """
return [...document.querySelectorAll('link[rel~=preconnect],link[rel~=dns-prefetch],link[rel~=prefetch],link[rel~=preload],link[rel~=prerender],link[rel~=modulepreload]')]
  .map(l => l.rel + ' ' + l.href);
"""


def _external(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname not in LOCAL_HOSTS


def _requests(driver: Any) -> list[str]:
    """Every request the browser logged since the last call."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message.get("method") == "Network.webSocketCreated":
            urls.append(message["params"]["url"])
    return urls


def _activate_tab(driver: Any, set_index: int, tab_index: int) -> bool:
    return bool(driver.execute_script(
        """const set = document.querySelectorAll('.tabbed-set')[arguments[0]];
           const inputs = set ? set.querySelectorAll(':scope > input') : [];
           if (!inputs[arguments[1]]) return false;
           inputs[arguments[1]].click(); return true;""",
        set_index, tab_index,
    ))


def emulate(driver: Any, viewport: str, scheme: str = "light") -> None:
    """Show pages as a phone (390x844, mobile, touch) or a desktop (1280x800), in a colour scheme."""
    width, height = VIEWPORTS[viewport]
    phone = viewport == "phone"
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 2 if phone else 1, "mobile": phone,
    })
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": phone, "maxTouchPoints": 5 if phone else 1})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}],
    })


def stop_emulating(driver: Any) -> None:
    """Back to the plain desktop window the other checks expect."""
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})


def check_pages(driver: Any, base: str, pages: list[str], schemes: tuple[str, ...] = SCHEMES) -> tuple[GateResult, GateResult]:
    """axe-core (WCAG 2.0/2.1/2.2 A and AA) on every page in each viewport (a phone emulated as one)
    and each colour scheme, with collapsibles opened and each content tab shown; and every
    request or connection hint to another host."""
    axe_source = AXE_JS.read_text(encoding="utf-8")
    violations: list[str] = []
    external: list[str] = []
    checks = 0
    try:
        for viewport in VIEWPORTS:
            for scheme in schemes:
                emulate(driver, viewport, scheme)
                for page in pages:
                    driver.get(base + page)
                    time.sleep(0.2)  # let deferred scripts (quiz, search worker) start their requests
                    for url in _requests(driver):
                        if _external(url):
                            external.append(f"{page}: request to {url}")
                    for hint in driver.execute_script(_HINTS):
                        if _external(hint.split(" ", 1)[1]):
                            external.append(f"{page}: resource hint {hint}")
                    tab_sets = driver.execute_script(_OPEN_EVERYTHING)
                    driver.execute_script(axe_source)
                    found = driver.execute_async_script(_RUN_AXE, None, AXE_TAGS)
                    checks += 1
                    for set_index in range(tab_sets):
                        tab = 1
                        while _activate_tab(driver, set_index, tab):
                            found += driver.execute_async_script(_RUN_AXE, f".tabbed-set:nth-of-type({set_index + 1})", AXE_TAGS)
                            tab += 1
                    for v in found:
                        for node in v["nodes"] or [""]:
                            violations.append(f"{page} [{viewport}, {scheme}] {v['id']} ({v['impact']}): {v['help']}: {node}")
    finally:
        stop_emulating(driver)
    axe = GateResult(
        "accessibility (axe-core)", not violations,
        f"{len(violations)} violations on {len(pages)} pages x {len(VIEWPORTS)} viewports x {len(schemes)} schemes ({checks} runs)", violations,
    )
    external = sorted(set(external))
    privacy = GateResult(
        "privacy (requests in Chromium)", not external,
        f"{len(external)} requests or hints to other hosts from {len(pages)} pages", external,
    )
    return axe, privacy


# -- privacy: static scan -----------------------------------------------------------------------

_LOADING_ATTR = re.compile(
    r"<(?:script|img|iframe|source|video|audio|embed|object|track|input)\b[^>]*\b(?:src|srcset|data|poster)\s*=\s*[\"']?\s*((?:https?:)?//[^\"'\s>]+)",
    re.I,
)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
_CSS_URL = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"'])\s*((?:https?:)?//[^\"')\s]+)", re.I)
_JS_URL = re.compile(r"[\"'`]((?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\"'`\s]*)", re.I)


def static_scan(site_dir: Path, own_js: list[Path] | None = None) -> GateResult:
    """Third-party URLs that would load something: in HTML tags, in CSS, and in our own scripts.

    Links (<a href>) are fine: reading a reference does not load it. Material's bundle is covered
    by the in-browser check; our own JavaScript is scanned here.
    """
    problems = []
    for html in sorted(site_dir.rglob("*.html")):
        text = html.read_text(encoding="utf-8", errors="replace")
        rel = html.relative_to(site_dir).as_posix()
        for url in _LOADING_ATTR.findall(text):
            if _external(url if "://" in url else "https:" + url):
                problems.append(f"{rel}: loads {url}")
        for tag in _LINK_TAG.findall(text):
            href = re.search(r"\bhref\s*=\s*[\"']?([^\"'\s>]+)", tag)
            rel_attr = re.search(r"\brel\s*=\s*[\"']?([^\"'>]+)", tag)
            if not href or not rel_attr or "canonical" in rel_attr.group(1) or "alternate" in rel_attr.group(1):
                continue
            url = href.group(1)
            if url.startswith("//") or "://" in url:
                if _external(url if "://" in url else "https:" + url):
                    problems.append(f"{rel}: <link rel=\"{rel_attr.group(1)}\"> to {url}")
    for css in sorted(site_dir.rglob("*.css")):
        for url in _CSS_URL.findall(css.read_text(encoding="utf-8", errors="replace")):
            if _external(url if "://" in url else "https:" + url):
                problems.append(f"{css.relative_to(site_dir).as_posix()}: loads {url}")
    for js in own_js or []:
        for url in _JS_URL.findall(js.read_text(encoding="utf-8", errors="replace")):
            if _external(url if "://" in url else "https:" + url):
                problems.append(f"{js.name}: refers to {url}")
    return GateResult("privacy (static scan)", not problems, f"{len(problems)} third-party loads in HTML, CSS and our scripts", problems)


# -- search quality ------------------------------------------------------------------------------

_META = ".md-search-result__meta"


def search_top(driver: Any, query: str, k: int = 3) -> list[str]:
    """Type a query into Material's search box and return the paths of the top k result pages.

    One search at a time, each answered before the next, so the results read are the answer to
    this query (not a late answer to an earlier one, as when it is typed a letter at a time): the
    box is emptied and the empty search answered (the panel says the placeholder), then the whole
    query is put in the box with one key event, the only search in flight; the first count that
    replaces the placeholder answers it, and Material shows the first results with the count."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def meta(d: Any) -> str:
        return str(d.execute_script(f"return document.querySelector('{_META}').textContent")).strip()

    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    placeholder = driver.execute_script(
        "return JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']"
    ).strip()
    put = "arguments[0].focus(); arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new KeyboardEvent('keyup'))"
    driver.execute_script(put, box, "")
    WebDriverWait(driver, 20).until(lambda d: meta(d) == placeholder)
    driver.execute_script(put, box, query)
    WebDriverWait(driver, 20).until(lambda d: meta(d) != placeholder)
    links = driver.execute_script(
        "return [...document.querySelectorAll('.md-search-result__list > .md-search-result__item')]"
        ".map(li => li.querySelector('a.md-search-result__link')).filter(a => a).map(a => a.href)"
    )
    pages: list[str] = []
    for href in links:
        path = urlsplit(href).path
        if path not in pages:
            pages.append(path)
    return pages[:k]


def search_quality(driver: Any, base: str, queries: list[dict[str, Any]], threshold: float = 0.9) -> GateResult:
    """Each query typed into the real search box; the expected page must be in the top 3."""
    driver.set_window_size(1280, 800)
    driver.get(base + "/")
    misses = []
    for case in queries:
        expected = case["expect"] if isinstance(case["expect"], list) else [case["expect"]]
        top = search_top(driver, case["query"])
        if not any(any(p.rstrip("/").endswith(e.rstrip("/")) for p in top) for e in expected):
            misses.append(f'"{case["query"]}": expected {" or ".join(expected)}, got {", ".join(top) or "no results"}')
    rate = 1 - len(misses) / len(queries) if queries else 0.0
    return GateResult(
        "search quality", rate >= threshold,
        f"{len(queries) - len(misses)}/{len(queries)} queries find their page in the top 3 ({rate:.0%}; need {threshold:.0%})",
        misses,
    )


def load_queries(path: Path) -> list[dict[str, Any]]:
    """The search test file: a list of {query, expect}."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# -- links ---------------------------------------------------------------------------------------

LINKCHECKER_RC = """[checking]
threads=4
timeout=10
maxrequestspersecond=200
[filtering]
checkextern=0
ignore=
  ^tel:
  ^sms:
  ^mailto:
[AnchorCheck]
[output]
log=text
verbose=0
warnings=1
"""


LINKCHECKER_SECONDS = 600


def link_check(base: str, anchors: bool = False, start: str = "/") -> GateResult:
    """LinkChecker over the served site: no broken internal link (and, with anchors, no broken #anchor).

    LinkChecker fetches and parses a page again for every #anchor link (about 1,360 here, 7–8 minutes
    on these machines, and past 600 s on a busy one), so `make test` and `make audit` run it without
    anchor checks and check anchors with `anchor_check` (every page parsed once, under a second).
    Past LINKCHECKER_SECONDS it is stopped and reported as a failed gate, not a traceback.
    """
    exe = shutil.which("linkchecker", path=str(Path(sys.executable).parent)) or shutil.which("linkchecker")
    if not exe:
        return GateResult("links (LinkChecker)", False, "linkchecker is not installed", ["pip install linkchecker"])
    with tempfile.NamedTemporaryFile("w", suffix=".rc", delete=False) as rc:
        rc.write(LINKCHECKER_RC if anchors else LINKCHECKER_RC.replace("[AnchorCheck]\n", ""))
    name = "links (LinkChecker" + (", with anchors)" if anchors else ")")
    try:
        out = subprocess.run([exe, "--config", rc.name, "--no-status", base + start], capture_output=True, text=True, timeout=LINKCHECKER_SECONDS)
    except subprocess.TimeoutExpired:
        return GateResult(name, False, f"stopped after {LINKCHECKER_SECONDS} s without an answer", [])
    finally:
        Path(rc.name).unlink()
    problems = []
    block: list[str] = []
    for line in out.stdout.splitlines() + [""]:
        if line.strip():
            block.append(line)
            continue
        text = "\n".join(block)
        if block and ("Result     Error" in text or "Warning" in text):
            url = next((b.split(None, 1)[1] for b in block if b.startswith("URL")), "?")
            parent = next((b.split(None, 1)[1] for b in block if b.startswith("Parent URL")), "")
            why = next((b.split(None, 1)[1] for b in block if b.startswith(("Result", "Warning"))), "")
            problems.append(f"{url} (on {parent}): {why}")
        block = []
    checked = re.search(r"(\d+) links? in (\d+) URLs? checked", out.stdout)
    summary = f"{len(problems)} broken links or anchors" + (f" ({checked.group(2)} URLs checked)" if checked else "")
    passed = out.returncode == 0 and not problems
    if out.returncode not in (0, 1):
        problems.append(out.stderr.strip()[-500:])
    return GateResult(name, passed, summary, problems)


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"] or "")
        for key in ("href", "src"):
            if values.get(key) and not (tag == "link" and key == "href" and "canonical" in (values.get("rel") or "")):
                self.links.append((self.getpos()[0], values[key] or ""))


def anchor_check(site_dir: Path) -> GateResult:
    """Every internal link and #anchor in the built HTML (including theme and raw-HTML links) resolves."""
    from urllib.parse import unquote, urljoin

    pages: dict[str, _LinkParser] = {}
    for html_file in sorted(site_dir.rglob("*.html")):
        parser = _LinkParser()
        parser.feed(html_file.read_text(encoding="utf-8", errors="replace"))
        pages[html_file.relative_to(site_dir).as_posix()] = parser
    problems, checked = [], 0
    for rel, parser in pages.items():
        base = "http://site/" + rel
        for line, link in parser.links:
            if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", link, re.I) and not link.startswith("http://site/"):
                continue  # another scheme or host: not ours to resolve here
            target = urlsplit(urljoin(base, link))
            path = unquote(target.path.lstrip("/"))
            if path == "" or path.endswith("/"):
                path += "index.html"
            checked += 1
            exists = (site_dir / path).is_file() or (site_dir / path / "index.html").is_file()
            if not exists:
                problems.append(f"{rel}:{line}: {link}: no such file")
                continue
            if target.fragment and path.endswith(".html"):
                ids = pages[path].ids if path in pages else set()
                if unquote(target.fragment) not in ids:
                    problems.append(f"{rel}:{line}: {link}: no element with id \"{target.fragment}\"")
    return GateResult("links (anchors in the built HTML)", not problems, f"{len(problems)} broken of {checked} internal links and anchors", problems)


# -- HTML ----------------------------------------------------------------------------------------


def html_check(site_dir: Path, allowlist: Path) -> GateResult:
    """The Nu HTML checker on every page; errors listed in the allowlist (with reasons) are the theme's."""
    java = shutil.which("java")
    if not java:
        return GateResult("HTML (Nu checker)", False, "java not found", ["apt-get install default-jre-headless"])
    allowed = [re.compile(entry["message"]) for entry in yaml.safe_load(allowlist.read_text(encoding="utf-8"))]
    out = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--skip-non-html", "--errors-only", "--format", "json", str(site_dir)],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(out.stderr or '{"messages": []}')["messages"]
    problems, ignored = [], 0
    for m in messages:
        if m.get("type") != "error":
            continue
        if any(p.search(m.get("message", "")) for p in allowed):
            ignored += 1
            continue
        where = m.get("url", "").replace(site_dir.resolve().as_uri(), "")
        problems.append(f"{where}:{m.get('lastLine', '?')}: {m.get('message')}")
    pages = len(list(site_dir.rglob("*.html")))
    return GateResult(
        "HTML (Nu checker)", not problems,
        f"{len(problems)} errors on {pages} pages ({ignored} known theme errors allowed)", problems,
    )
