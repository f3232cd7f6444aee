"""The plugin's last guard: no script reaches a page's content HTML."""

from __future__ import annotations

import pytest

from generator.build.sanitize import find_unsafe_html


@pytest.mark.parametrize("page", [
    "<p>Hi</p><script>alert(1)</script>",
    '<p>Hi</p><SCRIPT src="x.js"></SCRIPT>',
    '<img src="x.png" onerror = "alert(1)">',
    '<p>ok</p><div\nONCLICK="x()">',
    '<a href="javascript:alert(1)">x</a>',
    "<a href='JavaScript:alert(1)'>x</a>",
    "<a href=vbscript:msgbox>x</a>",
    '<form action="data:text/html,hi"></form>',
    '<iframe src = " data:text/html,hi"></iframe>',
])
def test_unsafe_html_is_found(page: str) -> None:
    assert find_unsafe_html(page) is not None


@pytest.mark.parametrize("page", [
    "<p>Once = twice, and the onset =  slow.</p>",
    "<p>The data: many studies. A description of javascript: a language.</p>",
    '<a href="https://example.org/data:1">link</a><p class="online">x</p>',
    '<abbr title="on = off">x</abbr>',
    "<p>a > b, and online=true in prose</p>",
])
def test_safe_html_passes(page: str) -> None:
    assert find_unsafe_html(page) is None


@pytest.mark.parametrize("page", [
    "<p>x</p><svg/onload=alert(1)>",
    '<a href="https://example.org/"/autofocus/onfocus="alert(1)">x</a>',
    '<a href="jav&#x61;script:alert(1)">x</a>',
    '<a href=" java\tscript:alert(1)">x</a>',
])
def test_unsafe_html_without_white_space_or_disguised_is_found(page: str) -> None:
    assert find_unsafe_html(page) is not None


def test_handler_text_inside_an_attribute_value_is_not_a_handler() -> None:
    assert find_unsafe_html('<a href="https://example.org" title="t&quot; onmouseover=&quot;alert(1)">x</a>') is None
