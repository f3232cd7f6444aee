"""Practice scenarios ready to show: views with their citations formatted and their links resolved.

`ScenarioViews.views(path)` is the one entry point for any renderer that shows scenarios (the
practice pages here; a study guide can call it with its own page path): each scenario's
moments, choices and feedback as Markdown, the best choice marked, where each choice leads,
the page's reference list, its related topics and its skill, grouped by skill in the order of
`practice.skills`.

The interface words of the practice pages are the `practice.*` strings (generator/strings).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..content.model import PracticeSkill, Scenario, Site
from ..content.parts import scenario_prose, scenarios_by_skill
from ..references.cite import Reference
from .links import Link, relative
from .typography import keep_figures_together

PRACTICE_INDEX = "practice/index.md"
LETTERS = "ABCDEF"

def scenario_path(scenario: Scenario) -> str:
    """Where a scenario's page lives: practice/<id>.md, published at /practice/<id>/."""
    return f"practice/{scenario.id}.md"


@dataclass(frozen=True)
class ChoiceView:
    """One choice: its letter, its text and feedback (Markdown), whether it is best, where it leads."""

    letter: str
    text: str
    feedback: str
    best: bool
    next_id: str | None
    next_number: int | None


@dataclass(frozen=True)
class MomentView:
    """One moment: its number (in the file's order), its anchor, situation, question and choices."""

    number: int
    id: str
    anchor: str
    situation: str
    question: str
    choices: list[ChoiceView]

    @property
    def ends(self) -> bool:
        """True when the best choice leads nowhere: the scenario ends here."""
        return next(c for c in self.choices if c.best).next_id is None


@dataclass(frozen=True)
class ScenarioView:
    """Everything a scenario shows, with links relative to the page it is shown on."""

    scenario: Scenario
    path: str
    skill: PracticeSkill | None
    moments: list[MomentView]
    supervision: list[str]
    related: list[Link]
    references: list[Reference]


def moment_anchor(moment_id: str) -> str:
    """The anchor of a moment on its page (several scenarios on one page would add a prefix)."""
    return f"moment-{moment_id}"


@dataclass
class ScenarioViews:
    """Makes scenario views for one site; `resolve_links(markdown, page_path)` rewrites links to topics."""

    site: Site
    topic_paths: dict[str, str]
    resolve_links: Callable[[str, str], str]

    def texts(self, scenario: Scenario) -> list[str]:
        """A scenario's prose that may cite, in a fixed order (see `view`)."""
        return scenario_prose(scenario)

    def view(self, scenario: Scenario, path: str | None = None, anchor_prefix: str = "") -> ScenarioView:
        """One scenario as shown on the page at `path` (by default its own page); anchors get `anchor_prefix`."""
        path = path or scenario_path(scenario)
        texts = self.texts(scenario)
        references: list[Reference] = []
        if self.site.bibliography is not None:
            texts, references = self.site.bibliography.format_page(texts)
        texts = [keep_figures_together(self.resolve_links(t, path)) for t in texts]
        numbers = {m.id: n for n, m in enumerate(scenario.moments, start=1)}
        moments, at = [], 0
        for number, moment in enumerate(scenario.moments, start=1):
            situation, question = texts[at], texts[at + 1]
            at += 2
            choices = []
            for index, choice in enumerate(moment.choices):
                choices.append(ChoiceView(LETTERS[index], texts[at], texts[at + 1], choice.best, choice.next, numbers.get(choice.next or "")))
                at += 2
            moments.append(MomentView(number, moment.id, anchor_prefix + moment_anchor(moment.id), situation, question, choices))
        skills = {s.id: s for s in self.site.settings.practice.skills}
        related = [
            Link(self.site.topic(t).title, relative(self.topic_paths[t], path), self.site.topic(t).summary)
            for t in scenario.related if t in self.topic_paths
        ]
        return ScenarioView(scenario, path, skills.get(scenario.skill), moments, texts[at:], related, references)

    def by_skill(self, path: str | None = None) -> list[tuple[PracticeSkill, list[ScenarioView]]]:
        """Every scenario's view, grouped by skill in the order of `practice.skills` (skills without one left out).

        With `path`, every view is made for that one page (a study guide), its anchors prefixed
        with the scenario's id so that several scenarios can share it."""
        return [(skill, [self.view(s, path, f"{s.id}-" if path else "") for s in scenarios]) for skill, scenarios in self.grouped()]

    def grouped(self) -> list[tuple[PracticeSkill, list[Scenario]]]:
        """The scenarios by skill, in the order of `practice.skills`, each skill's by title (skills without one left out)."""
        return scenarios_by_skill(self.site)

    def texts_to_prepare(self) -> list[str]:
        """Every scenario's prose, so the bibliography formats all their citations in one run."""
        return [t for s in self.site.scenarios for t in self.texts(s)]
