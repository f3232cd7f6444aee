"""Practice scenarios: each one's shape, and the cues of their best choices across the guide.

Within a scenario (`check_scenarios`): a known skill and related topics, a unique title,
unique moment ids, every choice's feedback citing at least one work, every `next` naming a
moment of the same scenario, every moment after the first reachable from the first, no
cycles, and a current `reviewed` date. (3-4 choices and exactly one best per moment are
rules of the model, reported when the file loads.)

Across all scenarios (`check_scenario_cues`), as quizzes.py does for quiz items: the best
choice may not too often be the longest, sit in one position, or be the only hedged choice
("I wonder…", "perhaps", "it sounds like…"), the cue a test-wise learner picks up first. The
limits are `practice.cues` in `content/site.yml`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..content.diagnostics import Diagnostics, did_you_mean
from ..content.model import Moment, Scenario, Site
from ..references.cite import find_citations
from .quizzes import POSITION_NAMES, SHOWN, allowed, choice_length
from .texts import today

# Words that soften what a choice says. A best choice that is the only one hedged in its
# moment can be picked by its tone alone, without knowing why it is best.
HEDGE_RE = re.compile(
    r"\b(?:i wonder|wondering|perhaps|maybe|might|i'?m curious|curious|it sounds like|sounds like|"
    r"it seems|seems|could it be|i guess|possibly|a bit|sort of|kind of)\b",
    re.IGNORECASE,
)


def is_hedged(text: str) -> bool:
    """True when a choice's words soften what it says ("I wonder…", "perhaps", "it sounds like…")."""
    return bool(HEDGE_RE.search(text.replace("\u2019", "'")))


def check_scenarios(site: Site, diags: Diagnostics, now: dt.date | None = None) -> None:
    """Every rule about one scenario at a time (see the module's docstring)."""
    now = now or today()
    topics = {t.id for t in site.topics} | set(site.topic_files)
    skills = [s.id for s in site.settings.practice.skills]
    titles: dict[str, str] = {}
    for scenario in site.scenarios:
        src = scenario.source

        def add(field: str, message: str, src: str = src) -> None:
            diags.add(src, site.line(src, field), field, message)

        key = scenario.title.casefold()
        if key in titles:
            add("title", f'"{scenario.title}" is also the title of {titles[key]}; titles must be unique')
        titles.setdefault(key, src)
        if site.settings_loaded and scenario.skill not in skills:
            listed = f"expected one of: {', '.join(skills)}" if skills else "practice.skills in content/site.yml lists none; add it there"
            add("skill", f'unknown skill "{scenario.skill}"{did_you_mean(scenario.skill, skills)}; {listed}')
        if not scenario.related:
            add("related", "expected at least one related topic (its id), for the reader who wants the background")
        for i, other in enumerate(scenario.related):
            if other not in topics:
                add(f"related[{i}]", f'unknown topic "{other}"{did_you_mean(other, topics)}')
        for other, n in Counter(scenario.related).items():
            if n > 1:
                add("related", f'"{other}" is listed more than once')
        _check_moments(scenario, add)
        if scenario.reviewed > now:
            add("reviewed", f"{scenario.reviewed} is in the future; expected today or earlier")
        elif site.settings_loaded:
            interval = site.settings.review.interval_days
            if (now - scenario.reviewed).days > interval:
                add("reviewed", f"last reviewed {scenario.reviewed}, more than {interval} days ago; review the scenario and update the date")
    _check_settings(site, diags)


def _check_moments(scenario: Scenario, add: Callable[[str, str], None]) -> None:
    """Moment ids, citations in feedback, where each `next` leads, reachability and cycles."""
    ids = Counter(m.id for m in scenario.moments)
    known = set(ids)
    for m, moment in enumerate(scenario.moments):
        if ids[moment.id] > 1:
            add(f"moments[{m}].id", f'"{moment.id}" is the id of more than one moment; each moment needs its own')
        for c, choice in enumerate(moment.choices):
            where = f"moments[{m}].choices[{c}]"
            if not find_citations(choice.feedback):
                add(f"{where}.feedback", "cites no work; say why with evidence and cite it with [@key] "
                    "(where the evidence is about the subject in general, say so)")
            if choice.next is None:
                continue
            if choice.next not in known:
                add(f"{where}.next", f'no moment "{choice.next}" in this scenario{did_you_mean(choice.next, known)}; '
                    f"expected one of: {', '.join(sorted(known))}")
    graph = {m.id: [c.next for c in m.choices if c.next in known] for m in scenario.moments}
    reached = _reachable(scenario.moments[0].id, graph)
    for m, moment in enumerate(scenario.moments[1:], start=1):
        if moment.id not in reached:
            add(f"moments[{m}].id", f'no choice leads to "{moment.id}"; add `next: {moment.id}` to a choice of an earlier moment, '
                "or remove the moment")
    cycle = _cycle(scenario.moments[0].id, graph)
    if cycle:
        at = next(i for i, mo in enumerate(scenario.moments) if mo.id == cycle[-2])
        add(f"moments[{at}]", f"the moments lead round in a circle ({' -> '.join(cycle)}); a scenario must come to an end")


def _reachable(start: str, graph: dict[str, list[str]]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for other in graph.get(todo.pop(), []):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def _cycle(start: str, graph: dict[str, list[str]]) -> list[str] | None:
    """A path that comes back to a moment already on it (e.g. [a, b, a]), or None. Iterative: no recursion limit."""
    for root in [start, *graph]:
        stack: list[tuple[str, int]] = [(root, 0)]
        on_path: list[str] = [root]
        done: set[str] = set()
        while stack:
            node, index = stack[-1]
            targets = graph.get(node, [])
            if index < len(targets):
                stack[-1] = (node, index + 1)
                nxt = targets[index]
                if nxt in on_path:
                    return [*on_path[on_path.index(nxt):], nxt]
                if nxt not in done:
                    stack.append((nxt, 0))
                    on_path.append(nxt)
            else:
                done.add(node)
                stack.pop()
                on_path.pop()
    return None


def _check_settings(site: Site, diags: Diagnostics) -> None:
    """practice: in site.yml: skill ids unique, the audience one of the audiences."""
    if not site.settings_loaded:
        return
    spath = f"{site.root}/site.yml"
    practice = site.settings.practice
    counts = Counter(s.id for s in practice.skills)
    for i, skill in enumerate(practice.skills):
        if counts[skill.id] > 1:
            field = f"practice.skills[{i}].id"
            diags.add(spath, site.line(spath, field), field, f'"{skill.id}" is listed more than once')
    audiences = [a.id for a in site.settings.audiences]
    if practice.audience is not None and practice.audience not in audiences:
        field = "practice.audience"
        diags.add(spath, site.line(spath, field), field,
                  f'unknown audience "{practice.audience}"{did_you_mean(practice.audience, audiences)}; expected one of: {", ".join(audiences)}')


# -- cues across all scenarios ----------------------------------------------------------------


@dataclass(frozen=True)
class PlacedMoment:
    """A moment with where it lives: its scenario's file and its index there."""

    source: str
    index: int
    moment: Moment

    @property
    def field(self) -> str:
        """The moment's field path, e.g. ``moments[1]``."""
        return f"moments[{self.index}]"

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.moment.choices]


def placed_moments(site: Site) -> list[PlacedMoment]:
    """Every moment of every scenario, in file order."""
    return [PlacedMoment(s.source, i, m) for s in site.scenarios for i, m in enumerate(s.moments)]


def longest_margin(p: PlacedMoment) -> int:
    """How many characters the best choice is longer than the longest other one (<= 0: no cue)."""
    lengths = [choice_length(t) for t in p.texts]
    best = p.moment.best
    return lengths[best] - max(n for i, n in enumerate(lengths) if i != best)


def hedge_cue(p: PlacedMoment) -> bool:
    """True when the best choice is the only hedged choice of its moment."""
    hedged = [is_hedged(t) for t in p.texts]
    return hedged[p.moment.best] and sum(hedged) == 1


def _percent(count: int, total: int) -> str:
    return f"{round(100 * count / total)}%"


def _listed(excess: int) -> str:
    return "all listed" if excess <= SHOWN else f"listed: the {SHOWN} worst"


def check_scenario_cues(site: Site, diags: Diagnostics) -> None:
    """The best choice is not too often the longest, in one position, or the only hedged one."""
    if not site.settings_loaded:
        return
    moments = placed_moments(site)
    limits = site.settings.practice.cues
    total = len(moments)
    if total < limits.min_moments:
        return

    def report(cued: list[PlacedMoment], limit: float, setting: str, what: str, fix: str, field: str = "") -> None:
        excess = len(cued) - allowed(limit, total)
        for p in cued[: min(max(excess, 0), SHOWN)]:
            where = f"{p.field}{field}"
            diags.add(
                p.source, site.line(p.source, where), where,
                f"{what(p)}: {len(cued)} of {total} moments ({_percent(len(cued), total)}) have this cue and "
                f"practice.cues.{setting} in site.yml allows {limit:.0%}, so {excess} must change ({_listed(excess)}). {fix}",
            )

    longest = sorted((p for p in moments if longest_margin(p) > 0), key=lambda p: (-longest_margin(p), p.source, p.index))
    report(
        longest, limits.max_longest_share, "max_longest_share",
        lambda p: f"the best choice is the longest ({choice_length(p.texts[p.moment.best])} characters; the longest other one has "
        f"{choice_length(p.texts[p.moment.best]) - longest_margin(p)})",
        "Give another choice the same length and detail, or shorten the best one",
    )
    hedged = [p for p in moments if hedge_cue(p)]
    report(
        hedged, limits.max_hedged_share, "max_hedged_share",
        lambda p: "the best choice is the only hedged one (\"I wonder\", \"perhaps\", \"it sounds like\"…)",
        "Let a weaker choice hedge too, or let the best one speak plainly",
    )
    counts = Counter(p.moment.best for p in moments)
    for position, count in sorted(counts.items()):
        at = [p for p in moments if p.moment.best == position]
        name = POSITION_NAMES[position]
        report(
            at, limits.max_position_share, "max_position_share",
            lambda p, name=name: f"the best choice is choice {name}",
            "Move the best choice to a rarer place in this moment's list", ".choices",
        )


def scenario_cue_summary(site: Site) -> str:
    """One line for `report`: the three shares beside their limits, so drift shows before `check` fails."""
    moments = placed_moments(site)
    if not moments:
        return "scenarios: none"
    limits = site.settings.practice.cues
    total = len(moments)
    longest = sum(longest_margin(p) > 0 for p in moments)
    hedged = sum(hedge_cue(p) for p in moments)
    counts = Counter(p.moment.best for p in moments)
    positions = " ".join(f"{POSITION_NAMES[k]} {_percent(counts[k], total)}" for k in sorted(counts))
    judged = "" if total >= limits.min_moments else f" (not checked below {limits.min_moments} moments)"
    n = len(site.scenarios)
    return (
        f"scenarios: {n} scenario{'s' if n != 1 else ''}, {total} moment{'s' if total != 1 else ''}{judged}; "
        f"best choice longest {_percent(longest, total)} (limit {limits.max_longest_share:.0%}), "
        f"only hedged {_percent(hedged, total)} (limit {limits.max_hedged_share:.0%}); "
        f"best positions {positions} (limit {limits.max_position_share:.0%} each)"
    )
