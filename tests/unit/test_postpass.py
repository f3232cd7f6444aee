"""The pass over finished pages (build/postpass.py): whatever engine built a page, what is between
the content markers is finished and sanitized, and only the theme's scripts are allowed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build.csp import inline_script_hashes
from generator.build.postpass import Finisher, UnsafePage, finish_site, markers, new_nonce
from generator.pages.tooltips import Tooltips

THEME_SCRIPT = "<script>var __md_scope = new URL('.', location)</script>"
WORKER = '<script id="__config" type="application/json">{"search": "../assets/javascripts/workers/search.a7633da7.min.js"}</script>'


def page(nonce: str, content: str) -> str:
    start, end = markers(nonce)
    return (
        f"<!doctype html><html><head><meta charset=utf-8>{THEME_SCRIPT}</head><body><article>"
        f"{start}{content}{end}</article>{WORKER}</body></html>"
    )


def policy_of(html_text: str) -> str:
    return html_text.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]


# Content that tries to get out of its region: closing tags, fake markers, scripts, handlers.
ESCAPES = st.sampled_from([
    "</article><script>alert(1)</script>",
    "<!--/guide:content:guess--><script>alert(2)</script>",
    "--><script>alert(3)</script><!--",
    "<img src=x onerror=alert(4)>",
    "<svg/onload=alert(5)>",
    '<a href="javascript:alert(6)">x</a>',
    "<p>plain text</p>",
])


@settings(max_examples=60, deadline=None)
@given(parts=st.lists(ESCAPES, min_size=1, max_size=4), text=st.text(max_size=30))
def test_nothing_in_the_content_is_hashed_or_left_unsanitized(parts: list[str], text: str) -> None:
    nonce = new_nonce()
    content = text.join(parts)
    finished = Finisher(nonce, refuse_script=False, search_worker=False).page(page(nonce, content), "x/index.html")
    body = finished.split("<body>", 1)[1]
    assert body.count("<script") == 1  # only the theme's configuration block
    assert "onerror=" not in body and "onload=" not in body and "javascript:" not in body
    allowed = policy_of(finished)
    assert inline_script_hashes(THEME_SCRIPT)[0] in allowed
    assert allowed.count("'sha256-") == 1


@given(unsafe=ESCAPES.filter(lambda s: "alert" in s))
@settings(max_examples=20, deadline=None)
def test_a_build_refuses_a_page_whose_content_carries_script(unsafe: str) -> None:
    nonce = new_nonce()
    with pytest.raises(UnsafePage, match="x/index.html: the page would contain script"):
        Finisher(nonce).page(page(nonce, unsafe), "x/index.html")


def test_a_page_without_this_builds_markers_is_refused_but_the_404_page_is_finished() -> None:
    with pytest.raises(UnsafePage, match="no content markers"):
        Finisher(new_nonce()).page(page("another-build", "<p>hi</p>"), "x/index.html")
    finished = Finisher(new_nonce()).page(f"<html><head><meta charset=utf-8>{THEME_SCRIPT}</head><body></body></html>", "404.html")
    assert inline_script_hashes(THEME_SCRIPT)[0] in policy_of(finished)


def test_tooltips_search_worker_and_markers() -> None:
    nonce = new_nonce()
    finisher = Finisher(nonce, Tooltips({"alliance": "Working together."}))
    finished = finisher.page(page(nonce, "<p>The alliance and the alliance.</p>"), "x/index.html")
    assert finished.count('<abbr title="Working together.">alliance</abbr>') == 1
    assert "Terms on this page" in finished and nonce not in finished
    assert '"search": "../javascripts/search-boot.js?worker=../assets/javascripts/workers/search.a7633da7.min.js"' in finished


def test_finish_site_rewrites_every_page_or_none(tmp_path: Path) -> None:
    nonce = new_nonce()
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(page(nonce, "<p>fine</p>"), encoding="utf-8")
    (tmp_path / "b.html").write_text(page(nonce, "<script>alert(1)</script>"), encoding="utf-8")
    before = (tmp_path / "a" / "index.html").read_text(encoding="utf-8")
    with pytest.raises(UnsafePage, match="b.html"):
        finish_site(tmp_path, Finisher(nonce))
    assert (tmp_path / "a" / "index.html").read_text(encoding="utf-8") == before
    (tmp_path / "b.html").unlink()
    assert finish_site(tmp_path, Finisher(nonce)) == ["a/index.html"]
    assert "Content-Security-Policy" in (tmp_path / "a" / "index.html").read_text(encoding="utf-8")


# Where a page may name the theme's script: relative from any depth, from the root, under a path.
PREFIXES = st.one_of(
    st.integers(0, 6).map(lambda depth: "../" * depth),
    st.sampled_from(["./", "/"]),
    st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=8), min_size=1, max_size=3)
    .map(lambda parts: "/" + "/".join(parts) + "/"),
)


def script_tags(html_text: str) -> list[dict[str, str | None]]:
    """Every <script> element's attributes, as a parser reads them."""
    from html.parser import HTMLParser

    found: list[dict[str, str | None]] = []

    class Scripts(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "script":
                found.append(dict(attrs))

    Scripts().feed(html_text)
    return found


@settings(max_examples=80, deadline=None)
@given(prefix=PREFIXES, digest=st.text("0123456789abcdef", min_size=6, max_size=12), deferred=st.booleans(),
       content=st.sampled_from(["<p>hi</p>", '<p>assets/javascripts/bundle.123.min.js</p>']))
def test_the_theme_script_is_named_by_the_loader_not_loaded_with_the_page(prefix: str, digest: str, deferred: bool, content: str) -> None:
    nonce = new_nonce()
    bundle = f"assets/javascripts/bundle.{digest}.min.js"
    theme = f'<script {"defer " if deferred else ""}src="{prefix}{bundle}"></script>'
    finished = Finisher(nonce).page(page(nonce, content).replace("</body>", theme + "</body>"), "x/index.html")
    scripts = [s for s in script_tags(finished) if "src" in s]
    assert [s["src"] for s in scripts] == [f"{prefix}javascripts/theme-lazy.js"]  # nothing loads the theme's script
    assert scripts[0]["data-theme-script"] == prefix + bundle and "defer" in scripts[0]
    assert content in finished  # the content's words are not touched
    # Without the loader (theme_on_demand off), the page keeps the theme's own tag.
    kept = Finisher(nonce, theme_on_demand=False).page(page(nonce, content).replace("</body>", theme + "</body>"), "x/index.html")
    assert [s["src"] for s in script_tags(kept) if "src" in s] == [prefix + bundle]


def test_finish_site_swaps_the_theme_script_only_where_the_loader_is(tmp_path: Path) -> None:
    nonce = new_nonce()
    theme = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(page(nonce, "<p>fine</p>").replace("</body>", theme + "</body>"), encoding="utf-8")
    finish_site(tmp_path, Finisher(nonce))
    assert theme in (tmp_path / "a" / "index.html").read_text(encoding="utf-8")  # no loader in this site: unchanged
