"""The checks and page helpers made fast for large guides give exactly what the plain versions they
replaced gave.

Each fast version is compared with a plain reference (the code it replaced) on generated inputs made
of what matters to it: brackets, backslashes and newlines; relation signs; folders of page paths.
"""

from __future__ import annotations

import bisect
import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.checks.markup import MAX_UNCLOSED, _check_brackets
from generator.checks.texts import LineIndex
from generator.pages.links import relative
from generator.pages.typography import FIGURE_RE, NBSP, keep_figures_together


def brackets_reference(text: str) -> list[tuple[int, str]]:
    """The character-by-character scan the bracket check used to be."""
    found: list[tuple[int, str]] = []
    for opening, closing in (("[", "]"), ("(", ")")):
        unclosed: list[int] = []
        escaped = False
        for offset, ch in enumerate(text):
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == opening:
                unclosed.append(offset)
            elif ch == closing and unclosed:
                unclosed.pop()
        if len(unclosed) > MAX_UNCLOSED:
            found.append((unclosed[0], f"{len(unclosed)} '{opening}'"))
    return found


def brackets_fast(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    _check_brackets(text, lambda offset, message: found.append((offset, message.split(" without")[0])))
    return found


# Texts near the limit: many openings, some closed, some escaped, across lines.
bracket_texts = st.lists(
    st.sampled_from(["[", "]", "(", ")", "\\", "\\\\", "\\[", "\\(", "\n", "a", " ", "é"]),
    min_size=0,
    max_size=120,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(bracket_texts, st.integers(min_value=0, max_value=30))
def test_bracket_check_finds_what_the_plain_scan_found(tail: str, extra: int) -> None:
    text = "[" * extra + tail + "(" * (extra // 2)
    assert brackets_fast(text) == brackets_reference(text)


def test_bracket_check_reports_one_over_the_limit_and_not_the_limit() -> None:
    assert brackets_fast("[" * MAX_UNCLOSED) == []
    assert brackets_fast("[" * (MAX_UNCLOSED + 1)) == [(0, f"{MAX_UNCLOSED + 1} '['")]
    assert brackets_fast("\\[" * (MAX_UNCLOSED + 5)) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["\n", "a", "bc", "\r\n", " "]), max_size=60).map("".join),
       st.integers(min_value=0, max_value=40), st.integers(min_value=1, max_value=500))
def test_line_index_gives_the_line_a_newline_count_gives(text: str, offset_seed: int, start: int) -> None:
    offset = offset_seed % (len(text) + 1)
    breaks = [i for i, ch in enumerate(text) if ch == "\n"]
    assert LineIndex(text, start).line(offset) == start + bisect.bisect_left(breaks, offset)
    assert LineIndex(text, 0).line(offset) == 0


segments = st.sampled_from(["basics", "a", "b", "when-it-is-not-working", "index.md", "x.md", ".", ".."])
page_paths = st.lists(segments, min_size=1, max_size=5).map("/".join)


@settings(max_examples=500, deadline=None)
@given(page_paths, page_paths)
def test_relative_link_is_what_relpath_gives(target: str, source: str) -> None:
    relative.cache_clear()
    assert relative(target, source) == posixpath.relpath(target, posixpath.dirname(source) or ".")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["r", " ", "=", "<", "≤", ".28", "p", "95% CI", "-", "word", NBSP, "\n"]),
                max_size=30).map("".join))
def test_figures_are_joined_as_the_full_scan_joins_them(text: str) -> None:
    assert keep_figures_together(text) == FIGURE_RE.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}{NBSP}", text)
