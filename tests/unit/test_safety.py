"""The safety pieces one at a time: sanitizer, escaping filters, policy, bounded patterns and YAML (issue 14)."""

from __future__ import annotations

import base64
import hashlib
import time
from pathlib import Path

import pytest

from generator.build.csp import add_policy, inline_script_hashes
from generator.build.sanitize import sanitize
from generator.checks.run import check_site
from generator.content.load import load_site
from generator.pages.render import csv_cell, html_attr, md_text, md_url, theme_text
from tests.conftest import edit

# -- the sanitizer ----------------------------------------------------------------------------------

def test_what_our_templates_write_survives() -> None:
    """Other templates may add common elements with class, id, role, aria-* and data-*: all kept."""
    html = (
        '<aside class="helpbox" aria-labelledby="t" data-search-exclude="true" role="note"><p id="t">Help</p>'
        '<nav aria-label="x"><ol type="A" start="2"><li data-letter="A">a</li></ol></nav>'
        '<details class="quiz-answer" open=""><summary>S</summary><abbr title="w">w</abbr><kbd>K</kbd></details>'
        '<table><thead><tr><th align="right" colspan="2">h</th></tr></thead><tbody><tr><td rowspan="1">1</td></tr></tbody></table>'
        '<section hidden="" lang="fr" dir="rtl"><figure><img src="../a.png" alt="a"><figcaption>c</figcaption></figure></section>'
        '<a href="tel:988">c</a> <a href="sms:741741?&amp;body=HOME">t</a> <a href="mailto:a@b.org">m</a> '
        '<a href="https://e.org/">w</a> <a href="../x/#y">r</a><pre><code class="language-py">x</code></pre></aside>'
    )
    assert sanitize(html) == html


@pytest.mark.parametrize("dirty, clean", [
    ('<p onclick="x" style="color:red" class="a">t</p>', '<p class="a">t</p>'),
    ("<svg/onload=alert(1)>x", ""),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="jav&#x61;script:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="data:text/html,x">x</a>', "<a>x</a>"),
    ('<img src="https://tracker.example/p.gif" alt="x">', '<img alt="x">'),
    ('<img src="//tracker.example/p.gif">', "<img>"),
    ("<script>alert(1)</script><style>p{}</style>ok", "ok"),
    ('<iframe src="x"></iframe><form action="https://e.org"><input name="q"></form>t', "t"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">t', "t"),
    ("<!-- a comment -->t", "t"),
])
def test_what_is_not_allowed_goes(dirty: str, clean: str) -> None:
    assert sanitize(dirty) == clean


# -- escaping, one filter per context ----------------------------------------------------------------

def test_text_stays_one_line_and_never_starts_a_tag() -> None:
    assert md_text("a\n# b\r\n\n<img src=x> 3 < 4 <3") == "a # b &lt;img src=x> 3 < 4 <3"


def test_a_link_target_cannot_end_its_link() -> None:
    assert md_url('https://e.org/"/x y(z)<>') == "https://e.org/%22/x%20y%28z%29%3C%3E"
    assert md_url("../basics/x.md#a") == "../basics/x.md#a"


def test_attribute_and_theme_values_are_escaped_once() -> None:
    assert html_attr('a"b<c>&') == "a&quot;b&lt;c&gt;&amp;"
    escaped = theme_text('T "x" <img>')
    assert str(escaped) == "T &quot;x&quot; &lt;img&gt;"
    assert theme_text(escaped) is escaped  # not escaped twice


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_flashcard_cells_never_start_a_formula(cell: str) -> None:
    assert csv_cell(cell) == "'" + cell
    assert csv_cell("Trust - the basics") == "Trust - the basics"


# -- the Content-Security-Policy ------------------------------------------------------------------------

def test_the_policy_hashes_the_theme_scripts_and_never_the_content() -> None:
    theme_script = "var a=1"
    content = "<p>x</p><script>alert(1)</script>"
    page = (
        f'<html><head><meta charset="utf-8"><script>{theme_script}</script>'
        '<script id="__config" type="application/json">{"a": 1}</script><script src="b.js"></script></head>'
        f"<body><article>{content}</article></body></html>"
    )
    out = add_policy(page, content)
    digest = base64.b64encode(hashlib.sha256(theme_script.encode()).digest()).decode()
    head = out.split("<script", 1)[0]
    assert f"'sha256-{digest}'" in head and "object-src 'none'" in head and "default-src 'self'" in head
    assert inline_script_hashes(page.replace(content, "")) == [f"'sha256-{digest}'"]
    content_digest = base64.b64encode(hashlib.sha256(b"alert(1)").digest()).decode()
    assert content_digest not in out


# -- bounded work ---------------------------------------------------------------------------------------

HOSTILE_LINES = [
    "[@jo" + "@aaa" * 20_000,             # the citation pattern once backtracked exponentially
    "[" * 100_000,                        # every link pattern starting at every bracket
    "<a" * 50_000,                        # raw-HTML starts
    "](" * 50_000 + "x",                  # inline link targets
    "![" * 50_000,                        # images
    "{" + "a=b " * 30_000,                # an unclosed attribute list
    "[x]: " + "<" * 50_000,               # a reference definition
    "<" + "x" * 100_000,                  # one long tag name
]


def test_check_is_fast_on_long_hostile_lines(mini: Path) -> None:
    """A generous limit to catch a hang, not a benchmark: each line is about 100 kB."""
    for line in HOSTILE_LINES:
        edit(mini / "topics/beta.md", "## Going deeper\n", f"## Going deeper\n\n{line}\n")
        started = time.monotonic()
        site, diags = load_site(mini)
        check_site(site, diags)
        assert time.monotonic() - started < 10, line[:20]
        edit(mini / "topics/beta.md", f"## Going deeper\n\n{line}\n", "## Going deeper\n")


def test_a_folder_that_cannot_be_read_is_reported(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root every folder is readable, so the test makes listing the topics fail as it would for a user."""
    real = Path.iterdir

    def iterdir(self: Path):  # type: ignore[no-untyped-def]
        if self.name == "topics":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    _, diags = load_site(mini)
    assert "content/topics: folder could not be read: Permission denied" in [str(d) for d in diags.items]


# -- the plugin never refuses a page in the preview ------------------------------------------------------

class _File:
    src_uri = "basics/x.md"


class _Page:
    file = _File()
    url = "basics/x/"
    title = "X"
    meta: dict[str, str] = {}


class _Files:
    def get_file_from_path(self, path: str) -> None:
        return None


def test_a_page_with_script_fails_the_build_and_shows_in_the_preview() -> None:
    from mkdocs.exceptions import PluginError

    from generator.build.plugin import GeneratorPlugin

    plugin = GeneratorPlugin()
    unsafe = '<h1>X</h1><p><img src="x.png" onerror="alert(1)"></p>'
    plugin.command = "build"
    with pytest.raises(PluginError, match="basics/x.md: the page would contain script"):
        plugin.on_page_content(unsafe, page=_Page(), config=None, files=_Files())  # type: ignore[arg-type]
    plugin.command = "serve"
    shown = plugin.on_page_content(unsafe, page=_Page(), config=None, files=_Files())  # type: ignore[arg-type]
    assert "generator-problems" in shown and "the page would contain script" in shown
    # The pass over finished pages sanitizes it (postpass.py); in the preview it does not refuse.
    from generator.build.postpass import Finisher, markers

    finisher = Finisher("n0nce", refuse_script=False)
    start, end = markers("n0nce")
    page = finisher.page(f"<html><head><meta charset=utf-8></head><body>{start}{shown}{end}</body></html>", "basics/x/index.html")
    assert "onerror=\"" not in page and "the page would contain script" in page


def test_a_link_whose_text_is_its_target_gets_the_new_target() -> None:
    """The rewrite of `[working-alliance](working-alliance)` changed the text and left the broken href."""
    from generator.pages.render import resolve_links

    out = resolve_links("[working-alliance](working-alliance)", "basics/x.md", {"working-alliance": "basics/working-alliance.md"})
    assert out == "[working-alliance](working-alliance.md)"


def test_links_keep_only_relations_that_withhold_and_pages_send_no_referrer() -> None:
    cleaned = sanitize(
        '<a href="https://example.org/" rel="noopener noreferrer">kept</a>'
        '<a href="https://example.org/" rel="prefetch pingback">dropped</a>'
    )
    assert '<a href="https://example.org/" rel="noopener noreferrer">kept</a>' in cleaned
    assert '<a href="https://example.org/">dropped</a>' in cleaned
    page = add_policy("<html><head><meta charset=utf-8><title>t</title></head><body></body></html>", "")
    assert '<meta name="referrer" content="no-referrer">' in page.split("<title>")[0]


def test_the_address_list_names_every_page_the_renderer_makes() -> None:
    """addresses.generated_pages mirrors Renderer.pages (it must work before rendering, to find
    collisions); this keeps the two lists from drifting apart on the real content."""
    from generator.content.addresses import generated_pages
    from generator.pages.render import Renderer

    root = Path(__file__).resolve().parents[2] / "content"
    site, diags = load_site(root)
    assert site is not None, [str(d) for d in diags.items]
    assert {path for path, _ in generated_pages(site)} == {page.path for page in Renderer(site).pages()}
