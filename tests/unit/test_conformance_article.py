"""The conformance report's article comparison (audit/conformance.py): two engines may spell the same
link two ways, relative to the page or up to the root and down again; a link to another page, or any
other change, is still a difference."""

from __future__ import annotations

import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.conformance import article

SEGMENT = st.text("abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=8)
FOLDER = st.lists(SEGMENT, min_size=0, max_size=3)


def page(href: str) -> str:
    return f'<html><body><article class="md-content__inner md-typeset"><p><a href="{href}">x</a></p></article></body></html>'


def relative(folder: list[str], target: list[str]) -> str:
    """The shortest relative spelling of the folder `target` from the folder `folder`."""
    way = posixpath.relpath("/" + "/".join(target), "/" + "/".join(folder))
    return "./" if way == "." else way + "/"


def via_root(folder: list[str], target: list[str]) -> str:
    """The same folder reached by going up to the root and down again."""
    return "../" * len(folder) + "".join(part + "/" for part in target) or "./"


@settings(max_examples=200, deadline=None)
@given(folder=FOLDER, target=FOLDER, other=SEGMENT, fragment=st.sampled_from(["", "#references", "#a-b"]))
def test_one_link_spelled_two_ways_is_the_same_article_and_another_link_is_not(
    folder: list[str], target: list[str], other: str, fragment: str
) -> None:
    name = "/".join([*folder, "index.html"])
    one = page(relative(folder, target) + fragment)
    two = page(via_root(folder, target) + fragment)
    assert article(one, name) == article(two, name)
    elsewhere = page(via_root(folder, [*target, other]) + fragment)
    assert article(one, name) != article(elsewhere, name)


def test_absolute_and_outside_links_are_compared_as_written() -> None:
    for href in ("https://example.org/a/", "/help/", "#top", "mailto:someone@example.org"):
        assert article(page(href), "a/b/index.html") != article(page(href + "x"), "a/b/index.html")
        assert f'href="{href}"' in article(page(href), "a/b/index.html")
