"""What every family of rules shares: the prose of a topic with its lines, and today's date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterator

from ..content.model import Scenario, Site, Topic


class LineIndex:
    """The line of an offset in a text, in O(log n) (counting newlines each time is quadratic)."""

    def __init__(self, text: str, start_line: int):
        self.start = start_line
        self.text = text

    @functools.cached_property
    def breaks(self) -> list[int]:
        """The offsets of the text's newlines, found when a first line is asked for (most texts have
        no problem, so most never are)."""
        return [m.start() for m in re.finditer("\n", self.text)]

    def line(self, offset: int) -> int:
        """The file line of `offset`, or 0 when the text's own line is unknown."""
        return self.start + bisect.bisect_left(self.breaks, offset) if self.start else 0


@functools.lru_cache(maxsize=4096)
def _latin_look_alike(ch: str) -> str:
    """The Latin letter a character is confusable with (Unicode's confusables), or itself."""
    from confusable_homoglyphs import confusables

    found = confusables.is_confusable(ch, greedy=False, preferred_aliases=["latin"])
    return found[0]["homoglyphs"][0]["c"] if found else ch


def look_alike_key(text: str) -> str:
    """What a text looks like, so that two that look the same compare equal: compatibility forms
    folded (NFKC: full-width letters, ligatures), case folded, letters of other scripts replaced by
    the Latin ones they can be taken for (Cyrillic а for a), runs of white space made one space."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    skeleton = "".join(ch if ch.isascii() else _latin_look_alike(ch) for ch in folded)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", skeleton).casefold()).strip()


def today() -> dt.date:
    """Today's date (a function, so tests can fix it)."""
    return dt.date.today()


def topic_texts(topic: Topic) -> Iterator[tuple[str, str, int]]:
    """(field, text, line) for every piece of prose in a topic; lines are approximate for front matter."""
    yield "title", topic.title, 0
    yield "summary", topic.summary, 0
    for i, point in enumerate(topic.key_points):
        yield f"key_points[{i}]", point, 0
    for i, qa in enumerate(topic.questions):
        yield f"questions[{i}].q", qa.q, 0
        yield f"questions[{i}].a", qa.a, 0
    for i, prompt in enumerate(topic.reflect):
        yield f"reflect[{i}]", prompt, 0
    for i, item in enumerate(topic.quiz):
        yield f"quiz[{i}].question", item.question, 0
        for j, choice in enumerate(item.choices):
            yield f"quiz[{i}].choices[{j}]", choice, 0
        yield f"quiz[{i}].why", item.why, 0
    yield "body", topic.plain, topic.plain_line
    yield "body", topic.deeper, topic.deeper_line


def scenario_texts(scenario: Scenario) -> Iterator[tuple[str, str, int]]:
    """(field, text, line) for every piece of prose in a scenario; the line is the field's (0 here)."""
    yield "title", scenario.title, 0
    yield "summary", scenario.summary, 0
    for m, moment in enumerate(scenario.moments):
        yield f"moments[{m}].situation", moment.situation, 0
        yield f"moments[{m}].question", moment.question, 0
        for c, choice in enumerate(moment.choices):
            yield f"moments[{m}].choices[{c}].text", choice.text, 0
            yield f"moments[{m}].choices[{c}].feedback", choice.feedback, 0
    for i, item in enumerate(scenario.supervision):
        yield f"supervision[{i}]", item, 0


def prose(site: Site) -> Iterator[tuple[str, str, str, int]]:
    """(file, field, text, line) for every topic's and every scenario's prose."""
    for topic in site.topics:
        for field, text, start in topic_texts(topic):
            yield topic.source, field, text, start
    for scenario in site.scenarios:
        for field, text, start in scenario_texts(scenario):
            yield scenario.source, field, text, start


def line_in_text(site: Site, path: str, field: str, text: str, start: int, offset: int) -> int:
    """The line of `offset` in a text that starts at line `start` of its file (a topic body), or,
    for a front-matter field (start 0), that field's line."""
    return start + text.count("\n", 0, offset) if start else site.line(path, field)

