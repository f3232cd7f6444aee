"""The theme's stylesheets cut to what the site uses (build/purge.py), on generated stylesheets:
what any page or script could use is never cut, what nothing uses is, and a cut is stable."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build.purge import Cut, Used, purge_stylesheet, purged_name, theme_cuts

CLASSES = ["md-a", "md-b", "md-c__d", "note", "md-e--f", "x"]
class_names = st.sampled_from(CLASSES)
simple = st.builds(lambda tag, cls: f"{tag}.{cls}", st.sampled_from(["", "a", "div"]), class_names)
grouped = st.builds(lambda a, b: f".{a}:is(.{b},p)", class_names, class_names)
negated = st.builds(lambda a, b: f".{a}:not(.{b})", class_names, class_names)
descendant = st.builds(lambda a, b: f".{a} .{b}", class_names, class_names)
direction = st.builds(lambda d, a: f"[dir={d}] .{a}", st.sampled_from(["ltr", "rtl"]), class_names)
selectors = st.one_of(simple, grouped, negated, descendant, direction, st.just("body"), st.just("[data-x=y] p"))
rules = st.builds(lambda sels, n: ",".join(sels) + "{color:red;--p" + str(n) + ":1px;margin:var(--q" + str(n) + ")}",
                  st.lists(selectors, min_size=1, max_size=3), st.integers(0, 3))
sheets = st.builds(lambda rs, media: "".join(rs) + (f"@media (max-width:10em){{{media}}}" if media else ""),
                   st.lists(rules, max_size=6), st.one_of(st.just(""), rules))
used_sets = st.builds(
    lambda classes, dirs: (set(classes), {("dir", d) for d in dirs}),
    st.sets(class_names), st.sets(st.sampled_from(["ltr", "rtl"])),
)


def required(selector: str) -> list[str]:
    """The classes a selector needs, outside functional pseudo-classes."""
    outside = re.sub(r":(?:is|not|where|has)\([^)]*\)", "", selector)
    return re.findall(r"\.([\w-]+)", outside)


def used_from(pair: tuple[set[str], set[tuple[str, str]]]) -> Used:
    used = Used()
    used.classes, used.values = set(pair[0]), set(pair[1])
    return used


def top_level_split(selector_list: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in selector_list:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [*parts, current]


def selectors_of(css: str) -> list[str]:
    return [s for block in re.findall(r"(?:^|[}{])([^{}@]+)\{", css) for s in top_level_split(block)]


@settings(max_examples=300, deadline=None)
@given(sheet=sheets, pair=used_sets)
def test_a_selector_is_kept_exactly_when_every_class_and_direction_it_needs_is_used(sheet: str, pair) -> None:  # type: ignore[no-untyped-def]
    used = used_from(pair)
    cut = purge_stylesheet(sheet, used, properties=False)
    kept = set(selectors_of(cut))
    for selector in selectors_of(sheet):
        directions = re.findall(r"\[dir=(\w+)\]", selector)
        needed = all(c in used.classes for c in required(selector)) and all(("dir", d) in used.values for d in directions)
        assert (selector in kept) == needed, (selector, cut)
    assert purge_stylesheet(cut, used, properties=False) == cut  # cutting again changes nothing


@settings(max_examples=200, deadline=None)
@given(sheet=sheets, pair=used_sets, elsewhere=st.sampled_from(["", "a{top:var(--p1)}", "b{left:var(--p2)}"]),
       script=st.sampled_from(["", "el.style.setProperty('--p3', 1)"]))
def test_a_custom_property_stays_exactly_when_something_left_reads_it(sheet: str, pair, elsewhere: str, script: str) -> None:  # type: ignore[no-untyped-def]
    used = used_from(pair)
    used.add_script(script)
    cut = purge_stylesheet(sheet, used, elsewhere)
    declared = set(re.findall(r"(--p\d)\s*:", cut))
    readers = set(re.findall(r"var\((--p\d)\)", cut + elsewhere)) | set(re.findall(r"--p\d", script))
    assert declared <= readers
    without_properties = purge_stylesheet(sheet, used, properties=False)
    for name in set(re.findall(r"(--p\d)\s*:", without_properties)) & readers:
        assert name in declared
    assert "color:red" in cut or "color:red" not in without_properties  # only custom properties go


def test_scripts_count_for_hyphenated_names_only_and_classes_inside_groups_never_cut() -> None:
    used = Used()
    used.add_script("el.classList.add('md-search-result__item'); var note = 1;")
    css = ".md-search-result__item{a:b}.note{c:d}.md-x:not(.md-y){e:f}.md-z{g:h}"
    used.add_html('<p class="md-x">')
    assert purge_stylesheet(css, used) == ".md-search-result__item{a:b}.md-x:not(.md-y){e:f}"


def test_palette_values_only_from_pages() -> None:
    used = Used()
    used.add_html('<body dir="ltr" data-md-color-primary="custom" data-md-color-scheme="default">')
    css = "[data-md-color-primary=red]{a:b}[data-md-color-primary=custom]{c:d}[data-md-color-scheme=slate]{e:f}[lang=en]{g:h}"
    assert purge_stylesheet(css, used, properties=False) == "[data-md-color-primary=custom]{c:d}[lang=en]{g:h}"


def test_a_new_cut_gets_a_new_name_and_keeps_the_folder_and_kind() -> None:
    assert re.fullmatch(r"main\.[0-9a-f]{8}\.min\.css", purged_name("main.57a0d79d.min.css", "a{b:c}"))
    assert purged_name("main.57a0d79d.min.css", "a{b:c}") != purged_name("main.57a0d79d.min.css", "a{b:d}")
    cuts = theme_cuts({"assets/stylesheets/main.1234abcd.min.css": ".md-a{x:y}.md-b{x:z}",
                       "assets/stylesheets/palette.5678abcd.min.css": "[data-md-color-primary=red]{--c:1}"}, "")
    used = Used()
    used.add_html('<div class="md-a">')
    for cut in cuts:
        cut.decide(used)
    assert [c.new_name.rpartition("/")[0] for c in cuts] == ["assets/stylesheets"] * 2
    assert cuts[0].css == ".md-a{x:y}" and cuts[1].css == ""


def test_the_cut_gives_way_to_the_whole_stylesheet_when_a_finished_page_needs_more() -> None:
    cut = Cut("main.1234abcd.min.css", ".md-a{x:y}.md-b{x:z}")
    used = Used()
    used.add_html('<div class="md-a">')
    cut.decide(used)
    used.add_html('<div class="md-other">')  # a page has a class no rule names: the cut holds
    assert cut.final(used) == ".md-a{x:y}"
    used.add_html('<nav class="md-b">')  # a page has a class the cut removed: the whole file
    assert cut.final(used) == ".md-a{x:y}.md-b{x:z}"
