"""The hostile-content corpus (cases.yml): every edit is refused with a located message, or builds
into pages where nothing outside the allow-list survives. Pages are checked by parsing them."""

from __future__ import annotations

import base64
import hashlib
import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from generator.build import sanitize
from generator.checks.run import check_site
from generator.content.load import load_site
from tests.corpus.test_corpus import apply as corpus_apply
from tests.e2e.test_build import ROOT

HERE = Path(__file__).resolve().parent
MINI = HERE.parent / "fixtures" / "mini"
CASES = yaml.safe_load((HERE / "cases.yml").read_text(encoding="utf-8"))
ERRORS = [c for c in CASES if c["expect"] == "error"]
SAFE = [c for c in CASES if c["expect"] == "safe"]

LINK_SCHEMES = {"http", "https", "mailto", "tel", "sms"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href", "background", "cite", "ping"}
FETCHING = {"src", "srcset", "poster", "data", "background"}  # attributes whose URL the browser fetches
FETCHING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
HOSTILE_SERVICES = "".join(
    f"- {{id: hostile-{n}, name: A test host, region: Nowhere, url: '{url}', what: A payload's address.,"
    f" source: bordin1979, checked: 2026-11-01}}\n"
    for n, url in enumerate(["https://evil.example/", "https://example.org/"])
)
ARTICLE = '<article class="md-content__inner md-typeset">'


def apply(case: dict, root: Path) -> None:
    """Make the case's edit in a copy of the mini content (the operations of the bad-input corpus)."""
    corpus_apply(case, root, root.parent / "outside.md")


def errors_of(root: Path) -> list[str]:
    site, diags = load_site(root)
    if site is not None:
        check_site(site, diags)
    return [str(d) for d in diags.sorted() if d.severity == "error"]


def test_the_corpus_covers_the_issue() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))
    assert len(ERRORS) >= 40 and len(SAFE) >= 12


@pytest.mark.parametrize("case", ERRORS, ids=[c["name"] for c in ERRORS])
def test_refused_with_a_located_message(case: dict, tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    apply(case, root)
    found = errors_of(root)
    located = re.compile(re.escape(case["where"]) + r":[1-9]\d*: ")
    assert any(located.match(m) and case["says"] in m for m in found), "\n".join(found)


# -- the safe cases: built together once ---------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini guide with every safe case's edit in it, checked (no errors) and built."""
    from generator.cli import main

    project = tmp_path_factory.mktemp("hostile")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(MINI, project / "content")
    for case in SAFE:
        apply(case, project / "content")
    # A link to an unlisted outside address is refused by check (servicecheck.py), a wall of its own;
    # listing the payloads' hosts lets them reach the escaping and the sanitizer, which are tested here.
    with (project / "content" / "services.yml").open("a", encoding="utf-8") as services:
        services.write(HOSTILE_SERVICES)
    assert errors_of(project / "content") == []
    assert main(["build", "--config", str(project / "mkdocs.yml")]) == 0
    return project / "site"


class _Audit(HTMLParser):
    """Everything on a page that the allow-list or the policy forbids, as readable lines."""

    def __init__(self, in_article: bool, policy: str):
        super().__init__(convert_charrefs=True)
        self.in_article = in_article
        self.policy = policy
        self.found: list[str] = []
        self.text: list[str] = []
        self.script: tuple[dict[str, str | None], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self.in_article:
            if tag not in sanitize.TAGS:
                self.found.append(f"element <{tag}> in the content")
            allowed = sanitize.ATTRIBUTES["*"] | sanitize.ATTRIBUTES.get(tag, set())
            for name, _ in attrs:
                if name not in allowed and not name.startswith(tuple(sanitize.PREFIXES)):
                    self.found.append(f"attribute {name} on <{tag}> in the content")
        for name, value in attrs:
            self.text.append(value or "")
            if name.startswith("on"):
                self.found.append(f"event handler {name} on <{tag}>")
            if name == "style":
                self.found.append(f"style attribute on <{tag}>")
            if name in URL_ATTRIBUTES and value is not None:
                for url in value.split(",") if name == "srcset" else [value]:
                    self._check_url(tag, name, url.strip().split(" ")[0])
        if tag in {"base", "iframe", "object", "embed", "frame", "frameset", "applet"}:
            self.found.append(f"element <{tag}>")
        if tag == "meta" and values.get("http-equiv") and values["http-equiv"].lower() != "content-security-policy":
            self.found.append(f"<meta http-equiv={values['http-equiv']!r}>")
        rel = set((values.get("rel") or "").lower().split())
        if tag == "link" and rel & FETCHING_RELS and urlsplit(values.get("href") or "").netloc:
            self.found.append(f"<link rel={values['rel']}> to another host: {values['href']}")
        if tag == "script":
            self.script = (values, [])

    def _check_url(self, tag: str, name: str, url: str) -> None:
        cleaned = "".join(ch for ch in html.unescape(url) if ch > " ")
        parts = urlsplit(cleaned)
        if parts.scheme and parts.scheme.lower() not in LINK_SCHEMES:
            self.found.append(f"{name}={url!r} on <{tag}>: scheme {parts.scheme}")
        if (name in FETCHING or tag in {"img", "script"}) and (parts.scheme or parts.netloc):
            self.found.append(f"{name}={url!r} on <{tag}>: fetched from another host")

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script[1].append(data)
        else:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            attrs, code = self.script
            self.script = None
            inline = "src" not in attrs and "json" not in (attrs.get("type") or "")
            if inline:
                digest = base64.b64encode(hashlib.sha256("".join(code).encode()).digest()).decode()
                if self.in_article or f"'sha256-{digest}'" not in self.policy:
                    self.found.append(f"inline script not allowed by the policy: {''.join(code)[:60]!r}")


def audit(page: str) -> tuple[list[str], str]:
    """(what is forbidden on the page, its decoded text and attribute values)."""
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    found = [] if policy else ["no Content-Security-Policy"]
    theme, _, rest = page.partition(ARTICLE)
    article, end, after = rest.partition("</article>")
    texts = []
    for part, inside in ((theme, False), (article, True), (end + after, False)):
        parser = _Audit(inside, html.unescape(policy.group(1)) if policy else "")
        parser.feed(part)
        parser.close()
        found += parser.found
        texts += parser.text
    return found, "".join(texts)


def test_every_page_is_clean(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= 10
    problems = {str(p.relative_to(hostile_site)): found for p in pages if (found := audit(p.read_text(encoding="utf-8"))[0])}
    assert problems == {}


@pytest.mark.parametrize("case", SAFE, ids=[c["name"] for c in SAFE])
def test_the_payload_arrived_as_text(case: dict, hostile_site: Path) -> None:
    """The payload is in the site, decoded, as text or an attribute value: it was shown, not dropped or run."""
    shown = case["shows"]
    assert any(shown in audit(p.read_text(encoding="utf-8"))[1] for p in hostile_site.rglob("*.html")), shown
    if "csv_starts" in case:
        rows = (hostile_site / "flashcards.csv").read_text(encoding="utf-8").splitlines()
        cells = [cell for row in rows for cell in row.split(",")]
        assert not any(cell.lstrip('"').startswith(("=", "+", "-", "@")) for cell in cells)
        assert any(case["csv_starts"] in row for row in rows)


def test_the_audit_finds_what_it_must() -> None:
    """The page audit itself: each forbidden thing is reported (the tests above would pass on nothing otherwise)."""
    policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self'\">"
    bad = [
        "<p onclick=x>t</p>", '<img src="https://t.example/p.gif">', '<a href="jav&#x61;script:1">x</a>',
        "<script>alert(1)</script>", '<p style="color:red">x</p>', "<svg></svg>", '<meta http-equiv="refresh" content="0;url=x">',
        '<a href="x" formaction="data:x">y</a>', '<img srcset="//t.example/a.png 1x">',
    ]
    for snippet in bad:
        found, _ = audit(f"<html><head>{policy}</head><body>{ARTICLE}{snippet}</article></body></html>")
        assert found, snippet
    ok, text = audit(f"<html><head>{policy}</head><body>{ARTICLE}<p class=x>a &amp; b</p></article></body></html>")
    assert ok == [] and "a & b" in text


def test_titles_reach_the_theme_once_escaped(hostile_site: Path) -> None:
    """<title> shows the front matter's title as text: escaped once, not twice, and not the navigation's "Home"."""
    def title(path: str) -> str:
        page = (hostile_site / path).read_text(encoding="utf-8")
        return html.unescape(re.search(r"<title>([^<]*)</title>", page).group(1))

    site_title = yaml.safe_load((MINI / "site.yml").read_text(encoding="utf-8"))["title"]
    assert title("index.html").startswith(site_title + " - ")
    assert title("basics/alpha/index.html").startswith("Alpha &lt;/title&gt;&lt;img src=x onerror=alert(1)&gt; topic - ")
