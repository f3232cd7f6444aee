"""Quiz balance: the right answer must not give itself away by its length, its place or its words.

Test-wise readers learn three cues quickly: the right answer is the longest, most
qualified choice; it sits in a favourite position; and it is the one choice left once
every choice with a sweeping word ("always", "never", "only") is struck out. Rewriting
to remove the first easily creates its mirror image, a right answer that is always the
shortest, so that is limited too. All of these are habits of a whole guide, not of one
item, so these rules look at every quiz item at once and compare shares with the limits
in `content/site.yml` (`quiz:`; defaults 35%, 35%, 40% and 10%).

When a share is over its limit, the rule names the items to change, worst first:
exactly as many as must change to get under the limit (at most `SHOWN`), each at
its own file and line, so fixing the listed items is enough.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..content.diagnostics import Diagnostics
from ..content.model import QuizItem, Site

# The most offenders listed per rule: enough to start on, few enough to read.
SHOWN = 10
POSITION_NAMES = "ABCDEF"


@dataclass(frozen=True)
class PlacedItem:
    """A quiz item with where it lives: its topic file and its index in that topic's quiz."""

    source: str
    index: int
    item: QuizItem

    @property
    def field(self) -> str:
        """The item's field path as diagnostics print it, e.g. ``quiz[2]``."""
        return f"quiz[{self.index}]"


def choice_length(choice: str) -> int:
    """How long a choice looks: its characters, with runs of white space counted once."""
    return len(" ".join(choice.split()))


def longest_margin(item: QuizItem) -> int:
    """How many characters the right answer is longer than the longest wrong one (<= 0: no cue)."""
    right = choice_length(item.choices[item.answer])
    wrong = max(choice_length(c) for i, c in enumerate(item.choices) if i != item.answer)
    return right - wrong


def shortest_margin(item: QuizItem) -> int:
    """How many characters the right answer is shorter than the shortest wrong one (<= 0: no cue)."""
    right = choice_length(item.choices[item.answer])
    wrong = min(choice_length(c) for i, c in enumerate(item.choices) if i != item.answer)
    return wrong - right


def is_uniquely_longest(item: QuizItem) -> bool:
    """True when the right answer is longer than every other choice (a tie is not a cue)."""
    return longest_margin(item) > 0


def is_uniquely_shortest(item: QuizItem) -> bool:
    """True when the right answer is shorter than every other choice: the cue a fix for the first can create."""
    return shortest_margin(item) > 0


@dataclass(frozen=True)
class LengthCue:
    """One way the right answer's length can stand out, with the words its messages use."""

    name: str  # "longest" or "shortest", as in the setting max_<name>_share
    margin: Callable[[QuizItem], int]
    fix: str


LONGEST = LengthCue("longest", longest_margin, "Give a wrong choice the same length and detail, or shorten the right one")
SHORTEST = LengthCue("shortest", shortest_margin, "Give the right answer the same detail as the others, or shorten a wrong one")


def absolutes_pattern(words: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """A case-blind pattern for whole sweeping words; a space in a phrase ("no one") matches any run of spaces."""
    alternatives = sorted((r"\s+".join(map(re.escape, w.split())) for w in words if w.split()), key=len, reverse=True)
    return re.compile(r"(?<![\w'-])(?:" + "|".join(alternatives) + r")(?![\w'-])", re.IGNORECASE)


def sweeping_words(choice: str, pattern: re.Pattern[str]) -> list[str]:
    """The sweeping words in a choice, lower-cased, in order of appearance."""
    return [" ".join(m.group(0).lower().split()) for m in pattern.finditer(choice)]


def absolutes_left(item: QuizItem, pattern: re.Pattern[str]) -> int | None:
    """How many wrong choices survive once every choice with a sweeping word is struck out.

    None when there is no cue: the right answer has a sweeping word itself, or no wrong
    choice has one, or striking them out still leaves the right answer among two or more
    others (no better than a fair guess between three). 0 means the right answer is the
    only choice left, 1 that the reader guesses between two.
    """
    if pattern.search(item.choices[item.answer]):
        return None
    wrong = [c for i, c in enumerate(item.choices) if i != item.answer]
    struck = sum(1 for c in wrong if pattern.search(c))
    left = len(wrong) - struck
    return left if struck and left <= 1 else None


def has_absolutes_cue(item: QuizItem, pattern: re.Pattern[str]) -> bool:
    """True when striking out the choices with sweeping words leaves the right answer alone or with one other."""
    return absolutes_left(item, pattern) is not None


def quiz_items(site: Site) -> list[PlacedItem]:
    """Every quiz item in the guide, in topic order."""
    return [PlacedItem(t.source, i, item) for t in site.topics for i, item in enumerate(t.quiz)]


def allowed(limit: float, total: int) -> int:
    """The most items a share limit allows out of `total` (rounding down, so 35% of 99 is 34)."""
    return math.floor(limit * total + 1e-9)


def _percent(count: int, total: int) -> str:
    return f"{round(100 * count / total)}%"


def _listed(excess: int) -> str:
    """Say which of the items that must change are listed."""
    return "all listed" if excess <= SHOWN else f"listed: the {SHOWN} worst"


def check_length_cue(site: Site, items: list[PlacedItem], diags: Diagnostics, cue: LengthCue) -> None:
    """At most `max_<cue>_share` of items may have a right answer that is uniquely the longest (or shortest)."""
    limit = getattr(site.settings.quiz, f"max_{cue.name}_share")
    cued = [p for p in items if cue.margin(p.item) > 0]
    excess = len(cued) - allowed(limit, len(items))
    if excess <= 0:
        return
    # Worst first: the right answer that stands out most, relative to its own length.
    def stand_out(p: PlacedItem) -> float:
        return cue.margin(p.item) / max(1, choice_length(p.item.choices[p.item.answer]))

    cued.sort(key=lambda p: (-stand_out(p), p.source, p.index))
    for placed in cued[: min(excess, SHOWN)]:
        item = placed.item
        right = choice_length(item.choices[item.answer])
        other = right - cue.margin(item) if cue is LONGEST else right + cue.margin(item)
        diags.add(
            placed.source, site.line(placed.source, placed.field), placed.field,
            f"the right answer is the {cue.name} choice ({right} characters; the {cue.name} wrong one has "
            f"{other}): {len(cued)} of {len(items)} quiz items ({_percent(len(cued), len(items))}) have this "
            f"cue and quiz.max_{cue.name}_share in site.yml allows {limit:.0%}, so {excess} must change "
            f"({_listed(excess)}). {cue.fix}",
        )


def check_absolutes_cue(site: Site, items: list[PlacedItem], diags: Diagnostics) -> None:
    """At most `max_absolutes_share` of items may be answerable by striking out the choices with sweeping words."""
    settings = site.settings.quiz
    pattern = absolutes_pattern(settings.absolute_words)
    cued = [p for p in items if has_absolutes_cue(p.item, pattern)]
    limit = settings.max_absolutes_share
    excess = len(cued) - allowed(limit, len(items))
    if excess <= 0:
        return
    # Worst first: the right answer left alone, then left with one other.
    cued.sort(key=lambda p: (absolutes_left(p.item, pattern), p.source, p.index))
    for placed in cued[: min(excess, SHOWN)]:
        item = placed.item
        left = absolutes_left(item, pattern)
        found = sorted({w for i, c in enumerate(item.choices) if i != item.answer for w in sweeping_words(c, pattern)})
        struck = sum(1 for i, c in enumerate(item.choices) if i != item.answer and pattern.search(c))
        odds = "is the only choice left" if left == 0 else "is one of the two choices left"
        diags.add(
            placed.source, site.line(placed.source, placed.field), placed.field,
            f"with the {struck} choice{'s that say' if struck != 1 else ' that says'} {', '.join(repr(w) for w in found)} "
            f"struck out, the right answer {odds}: {len(cued)} of {len(items)} quiz items "
            f"({_percent(len(cued), len(items))}) have this cue and quiz.max_absolutes_share in site.yml allows "
            f"{limit:.0%}, so {excess} must change ({_listed(excess)}). Make a wrong choice wrong on substance "
            "without a sweeping word, or let the right answer carry one where the page supports it",
        )


def check_answer_positions(site: Site, items: list[PlacedItem], diags: Diagnostics) -> None:
    """No one answer position (A, B, C…) may hold more than `max_position_share` of the items."""
    limit = site.settings.quiz.max_position_share
    counts = Counter(p.item.answer for p in items)
    cap = allowed(limit, len(items))
    for position, count in sorted(counts.items()):
        excess = count - cap
        if excess <= 0:
            continue
        # List items from the topics that lean hardest on this position first: that is where
        # the habit shows, and where moving one answer does the most good.
        per_topic = Counter(p.source for p in items if p.item.answer == position)
        at = [p for p in items if p.item.answer == position]
        at.sort(key=lambda p: (-per_topic[p.source], p.source, p.index))
        name = POSITION_NAMES[position] if position < len(POSITION_NAMES) else str(position + 1)
        for placed in at[: min(excess, SHOWN)]:
            diags.add(
                placed.source, site.line(placed.source, f"{placed.field}.answer"), f"{placed.field}.answer",
                f"the right answer is choice {name} (answer: {position}): {count} of {len(items)} quiz items "
                f"({_percent(count, len(items))}) put it there and quiz.max_position_share in site.yml allows "
                f"{limit:.0%}, so {excess} must move ({_listed(excess)}). Reorder this item's choices so the "
                "right answer is in a rarer place, and update answer:",
            )


def quiz_summary(site: Site) -> str:
    """One line for `report`: the three shares beside their limits, so drift shows before `check` fails."""
    items = quiz_items(site)
    if not items:
        return "quiz: no items"
    limits = site.settings.quiz
    total = len(items)
    longest = sum(is_uniquely_longest(p.item) for p in items)
    shortest = sum(is_uniquely_shortest(p.item) for p in items)
    pattern = absolutes_pattern(limits.absolute_words)
    absolutes = sum(has_absolutes_cue(p.item, pattern) for p in items)
    counts = Counter(p.item.answer for p in items)
    positions = " ".join(
        f"{POSITION_NAMES[k] if k < len(POSITION_NAMES) else k + 1} {_percent(counts[k], total)}" for k in sorted(counts)
    )
    judged = "" if total >= limits.min_items else f" (not checked below {limits.min_items} items)"
    return (
        f"quiz: {total} item{'s' if total != 1 else ''}{judged}; right answer uniquely longest {_percent(longest, total)} "
        f"(limit {limits.max_longest_share:.0%}), uniquely shortest {_percent(shortest, total)} "
        f"(limit {limits.max_shortest_share:.0%}), left by striking out sweeping words {_percent(absolutes, total)} "
        f"(limit {limits.max_absolutes_share:.0%}); answer positions {positions} (limit {limits.max_position_share:.0%} each)"
    )


def check_quiz_balance(site: Site, diags: Diagnostics) -> None:
    """Run the quiz balance rules over the whole guide, once it has at least `min_items` items."""
    if not site.settings_loaded:
        return  # the limits live in site.yml; its own error is reported already
    items = quiz_items(site)
    if len(items) < site.settings.quiz.min_items:
        return
    check_length_cue(site, items, diags, LONGEST)
    check_length_cue(site, items, diags, SHORTEST)
    check_absolutes_cue(site, items, diags)
    check_answer_positions(site, items, diags)
