"""The study guide and the whole guide in parts, a long part in pieces: what each page holds.

In one piece each was half a megabyte of HTML, slow on a phone and below a Lighthouse score of 95
without server compression (issue 22). The study guide comes as key terms, one part per section,
the practice scenarios and the flashcards; the whole guide as one part per section. A part longer
than `PART_BUDGET` is cut into pieces between topics (or terms, scenarios, cards). This is decided
from the content alone, so that the address list (addresses.py) knows every page before rendering.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .model import GlossaryEntry, PracticeSkill, Scenario, Site, Topic

# About how many characters of content, as written, one part holds (rendered, with its citations and
# reference list, about half as long again). With the theme around it (about 45 KB of HTML on every
# page) a part stays under about 95 KB of HTML, which Lighthouse's slow mobile connection brings fast
# enough for a score of 95 without compression: parts of 157 and 175 KB scored 92 and 90, the largest
# pieces at this budget (96 KB) 95.
PART_BUDGET = 24_000

# The study guide's parts besides one per section; a section may not take these names (addresses.py).
STUDY_PARTS = ("key-terms", "practice", "flashcards")


@dataclass(frozen=True)
class Piece:
    """One page of a guide in parts: which part (a section's id or one of STUDY_PARTS), what kind of
    part ("key-terms", "section", "practice", "flashcards"), its number among the part's pieces, and
    what it holds (glossary entries, topics, scenarios or flashcards), in order."""

    part: str
    kind: str
    number: int
    count: int
    items: tuple[Any, ...]


def pieces(items: list[Any], sizes: list[int], budget: int = PART_BUDGET) -> list[list[Any]]:
    """`items` in order, in consecutive pieces of about equal size (the sum of their `sizes`), none
    over `budget` unless it is one item larger than that."""
    total = sum(sizes)
    count = max(1, math.ceil(total / budget))
    target = total / count
    out: list[list[Any]] = [[]]
    used = 0
    for item, size in zip(items, sizes):
        # A new piece starts at the item whose middle would pass the target, or that would pass the budget.
        if out[-1] and (used + size / 2 > target or used + size > budget):
            out.append([])
            used = 0
        out[-1].append(item)
        used += size
    return out


def scenarios_by_skill(site: Site) -> list[tuple[PracticeSkill, list[Scenario]]]:
    """The scenarios by skill, in the order of `practice.skills`, each skill's by title (skills without one left out)."""
    groups = []
    for skill in site.settings.practice.skills:
        scenarios = sorted((s for s in site.scenarios if s.skill == skill.id), key=lambda s: s.title.casefold())
        if scenarios:
            groups.append((skill, scenarios))
    return groups


def scenario_prose(scenario: Scenario) -> list[str]:
    """A scenario's prose that may cite, in a fixed order: each moment's situation, question and
    choices with their feedback, then the supervision lines."""
    out = []
    for moment in scenario.moments:
        out += [moment.situation, moment.question]
        for choice in moment.choices:
            out += [choice.text, choice.feedback]
    return out + list(scenario.supervision)


def _study_size(topic: Topic, research: bool) -> int:
    quiz = sum(len(x) for item in topic.quiz for x in (item.question, *item.choices, item.why))
    return len(topic.deeper) * research + sum(len(p) for p in topic.key_points) + quiz


def _term_size(entry: GlossaryEntry) -> int:
    return len(entry.term) + len(entry.technical)


def _split(part: str, kind: str, items: list[Any], sizes: list[int]) -> list[Piece]:
    cut = pieces(items, sizes) if items else []
    return [Piece(part, kind, n, len(cut), tuple(piece)) for n, piece in enumerate(cut, start=1)]


def study_pieces(site: Site, research: bool = True) -> list[Piece]:
    """The study guide's pages after its first, in reading order. `research=False` (a large guide)
    leaves the research layers out, as the study guide does then."""
    terms = sorted(site.glossary, key=lambda e: e.term.casefold())
    out = _split("key-terms", "key-terms", terms, [_term_size(e) for e in terms])
    for section in site.sections:
        topics = site.topics_in(section.id)
        out += _split(section.id, "section", topics, [_study_size(t, research) for t in topics])
    scenarios = [s for _, group in scenarios_by_skill(site) for s in group]
    out += _split("practice", "practice", scenarios, [sum(map(len, scenario_prose(s))) for s in scenarios])
    cards = list(site.flashcards)
    return out + _split("flashcards", "flashcards", cards, [len(c.front) + len(c.back) for c in cards])


def guide_pieces(site: Site) -> list[Piece]:
    """The whole guide's pages after its first: each section's topics in full, a long one in pieces."""
    out = []
    for section in site.sections:
        topics = site.topics_in(section.id)
        out += _split(section.id, "section", topics, [len(t.plain) + len(t.deeper) for t in topics])
    return out
