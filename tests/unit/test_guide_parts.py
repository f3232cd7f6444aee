"""The study guide and the whole guide in parts (issue 22: no page of half a megabyte): on generated
variants of the real guide (some sections, some topics, with or without key terms, scenarios and
flashcards), every topic is in exactly one part, the first page links to each, each part cites only
what it lists, and the parts follow one another; the PDF's one-piece study guide still has it all."""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.addresses import collisions, generated_pages, guide_part_path, study_part_path
from generator.content.parts import PART_BUDGET, STUDY_PARTS, pieces
from generator.content.load import load_site
from generator.content.model import Site
from generator.pages.links import relative
from generator.pages.render import Renderer

CONTENT = Path(__file__).resolve().parents[2] / "content"


@cache
def real_site() -> Site:
    site, diags = load_site(CONTENT)
    assert site is not None and not diags.errors
    return site


@st.composite
def variants(draw: st.DrawFn) -> tuple[frozenset[str], frozenset[str], bool, bool, bool]:
    """Which sections and topics of the real guide to keep, and whether it has key terms, scenarios
    and flashcards (ids, so that a failing example prints short)."""
    site = real_site()
    sections = frozenset(draw(st.lists(st.sampled_from([s.id for s in site.sections]), min_size=1, unique=True)))
    topics = frozenset(t.id for t in site.topics if t.section in sections and draw(st.booleans()))
    return sections, topics, draw(st.booleans()), draw(st.booleans()), draw(st.booleans())


def variant(sections: frozenset[str], topics: frozenset[str], glossary: bool, scenarios: bool, flashcards: bool) -> Site:
    """The real guide with only these sections and topics, with or without each optional part."""
    site = real_site()
    return dataclasses.replace(
        site, sections=tuple(s for s in site.sections if s.id in sections), topics=tuple(t for t in site.topics if t.id in topics),
        _index={}, _by_section={},  # made again from the topics kept
        glossary=site.glossary if glossary else (), scenarios=site.scenarios if scenarios else (),
        flashcards=site.flashcards if flashcards else (),
    )


def anchors(markdown: str) -> set[str]:
    """The ids a page's Markdown gives its headings ({ #id }) and its reference entries (id="...")."""
    return set(re.findall(r"\{ #([\w-]+) \}", markdown)) | set(re.findall(r' id="([\w-]+)"', markdown))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variants())
def test_every_topic_is_in_exactly_one_part_and_each_part_stands_alone(kept: tuple[frozenset[str], frozenset[str], bool, bool, bool]) -> None:
    site = variant(*kept)
    renderer = Renderer(site)
    pages = {p.path: p for p in renderer.pages()}
    parts = [p for p in pages.values() if p.path.startswith("study-guide/")]
    assert all(not p.in_nav for p in parts) and pages["study-guide.md"].in_nav
    hub = pages["study-guide.md"].markdown
    section_pages = {s.id: [study_part_path(s.id, n) for n in range(1, 20)] for s in site.sections}
    for topic in site.topics:
        holding = [p.path for p in parts if f"{{ #topic-{topic.id} }}" in p.markdown]
        assert len(holding) == 1 and holding[0] in section_pages[topic.section], (topic.id, holding)
        assert f"]({holding[0]}#topic-{topic.id})" in hub
        for item in renderer.topic_view(topic).quiz:  # as rendered (typography applied)
            assert sum(item.question in p.markdown for p in parts) == 1
    expected = (["key-terms"] if site.glossary else []) + [s.id for s in site.sections if site.topics_in(s.id)]
    expected += (["practice"] if site.scenarios else []) + (["flashcards"] if site.flashcards else [])
    assert [p.path for p in parts if "/" not in p.path.removeprefix("study-guide/")] == [study_part_path(x) for x in expected]
    for number, page in enumerate(parts, start=1):
        assert f"]({page.path})" in hub  # the first page leads to every part
        assert f"(part {number} of {len(parts)})" in page.markdown
        if number < len(parts):
            after = parts[number]
            assert f"Next: [{after.title.removeprefix('Study guide: ')}]({relative(after.path, page.path)})" in page.markdown
        cited = set(re.findall(r'href="#(ref-[\w-]+)"', page.markdown))
        assert cited <= anchors(page.markdown), f"{page.path} cites works it does not list"
    whole = renderer.study_guide_whole().markdown  # the PDF's source: everything, in one piece
    assert all(f"{{ #topic-{t.id} }}" in whole for t in site.topics)
    guide_parts = [p for p in pages.values() if p.path.startswith("guide/")]
    firsts = [p.path for p in guide_parts if "/" not in p.path.removeprefix("guide/")]
    assert firsts == [guide_part_path(s.id) for s in site.sections if site.topics_in(s.id)]
    for topic in site.topics:
        assert sum(f"\n## {topic.title}\n" in p.markdown for p in guide_parts) == 1
    for page in guide_parts:
        assert set(re.findall(r'href="#(ref-[\w-]+)"', page.markdown)) <= anchors(page.markdown)


def test_a_section_named_like_a_part_is_an_address_collision() -> None:
    site = real_site()
    first = site.sections[0]
    for name in STUDY_PARTS:
        topics = tuple(t.model_copy(update={"section": name}) if t.section == first.id else t for t in site.topics)
        clash = dataclasses.replace(
            site, sections=(first.model_copy(update={"id": name}), *site.sections[1:]), topics=topics, _index={}, _by_section={},
        )
        found = collisions(generated_pages(clash))
        assert any(url == f"study-guide/{name}/" for url, _, _ in found), name


def test_a_large_guide_has_no_whole_guide_parts() -> None:
    renderer = Renderer(real_site(), compact_nav=True)
    assert renderer.guide_parts() == []
    assert "](guide/" not in renderer.guide_page().markdown  # no link to a part


@given(st.lists(st.integers(1, 3 * PART_BUDGET), min_size=1, max_size=40), st.integers(1_000, 3 * PART_BUDGET))
def test_pieces_keep_the_order_and_stay_within_the_budget(sizes: list[int], budget: int) -> None:
    items = list(range(len(sizes)))
    cut = pieces(items, sizes, budget)
    assert [i for piece in cut for i in piece] == items and all(cut)
    for piece in cut:
        assert len(piece) == 1 or sum(sizes[i] for i in piece) <= budget
    assert len(cut) <= 2 * -(-sum(sizes) // budget) + sum(s > budget for s in sizes)  # never many more than needed


def test_a_long_section_comes_in_pieces_that_follow_one_another() -> None:
    renderer = Renderer(real_site())
    parts = [p for p in renderer.study_guide_parts() if p.path.startswith("study-guide/for-trainees")]
    assert [p.path for p in parts][:2] == ["study-guide/for-trainees.md", "study-guide/for-trainees/2.md"]
    assert "(1 of " in parts[0].title and "(2 of " in parts[1].title
    assert "](../for-trainees.md)" in parts[1].markdown  # Previous: from study-guide/for-trainees/2.md
    assert "](../../study-guide.md)" in parts[1].markdown  # the contents
    objectives = real_site().section("for-trainees").objectives[0]
    assert objectives in parts[0].markdown and objectives not in parts[1].markdown
