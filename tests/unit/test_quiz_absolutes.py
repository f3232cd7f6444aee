"""The sweeping-word cue: a right answer left standing once every "always/never/only" choice is struck out.

Hypothesis builds whole quizzes from choices with and without sweeping words (in any case,
spacing and position, and beside look-alike words such as "allow" or "nevertheless") and
compares what `check` and `report` measure with a plain count of the rule's definition.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checks.quizzes import (
    absolutes_left,
    absolutes_pattern,
    allowed,
    has_absolutes_cue,
    quiz_summary,
    sweeping_words,
)
from generator.checks.run import check_site
from generator.content.load import load_site
from generator.content.model import DEFAULT_ABSOLUTE_WORDS, QuizItem
from tests.conftest import edit
from tests.unit.test_quizcheck import quiz_yaml

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
PATTERN = absolutes_pattern(DEFAULT_ABSOLUTE_WORDS)

# Plain words, and words that contain a sweeping word without being one.
PLAIN = ["goals", "tasks", "the bond", "often", "usually", "can", "allow", "nevertheless", "overall",
         "wholly", "anyone", "everyday", "mustard", "proofread", "tall", "alone", "onlooker"]


def item(choices: list[str], answer: int) -> QuizItem:
    return QuizItem(question="Which?", choices=choices, answer=answer, why="Because.")


def test_whole_words_only_in_any_case_and_spacing() -> None:
    assert sweeping_words("It is ALWAYS so, and no   one says so", PATTERN) == ["always", "no one"]
    assert sweeping_words("Only the WAI", PATTERN) == ["only"]
    assert sweeping_words("\"Never\" is a strong word", PATTERN) == ["never"]
    for near in ("allow", "nevertheless", "overall", "everyday", "mustard", "onlooker", "non-only-ish", "all's"):
        assert sweeping_words(near, PATTERN) == [], near  # inside another word (or hyphenated) it is not the word


def test_cue_needs_a_right_answer_left_alone_or_with_one_other() -> None:
    assert absolutes_left(item(["Often", "Always", "Never", "Only"], 0), PATTERN) == 0
    assert absolutes_left(item(["Often", "Usually", "Never", "Only"], 0), PATTERN) == 1
    assert absolutes_left(item(["Often", "Usually", "Sometimes", "Only"], 0), PATTERN) is None  # fair odds remain
    assert absolutes_left(item(["Always often", "Never", "Only"], 0), PATTERN) is None  # the right one is struck too
    assert absolutes_left(item(["Often", "Usually"], 0), PATTERN) is None  # nothing to strike
    assert absolutes_left(item(["Often", "Never"], 0), PATTERN) == 0


def with_items(root: Path, items: list[tuple[list[str], int]], extra: str = "") -> tuple[list[str], str]:
    """A copy of the mini guide with alpha's quiz replaced; `check`'s messages and `report`'s quiz line."""
    path = root / "topics/alpha.md"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("quiz:\n"), text.index("related: [beta]")
    path.write_text(text[:start] + quiz_yaml(items) + text[end:], encoding="utf-8")
    edit(root / "site.yml", "review:\n", "quiz:\n  min_items: 4\n  max_longest_share: 1\n  max_shortest_share: 1\n"
         "  max_position_share: 1\n" + extra + "review:\n")
    site, diags = load_site(root)
    check_site(site, diags)
    return [str(d) for d in diags.sorted()], quiz_summary(site)


def test_messages_name_the_words_and_the_odds(mini: Path) -> None:
    items = [(["Often", "Usually", "Sometimes", "Rarely"], 0)] * 8
    items = list(items)
    items[2] = (["Often", "Always so", "Never so", "Only so"], 0)
    items[5] = (["Usually", "Often", "Never", "All of them"], 1)
    found, summary = with_items(mini, items)
    # 2 of 8 items are cued and 10% of 8 allows none, so both are listed: the one left alone first.
    assert found == [
        "content/topics/alpha.md:32: quiz[2]: with the 3 choices that say 'always', 'never', 'only' struck out, "
        "the right answer is the only choice left: 2 of 8 quiz items (25%) have this cue and "
        "quiz.max_absolutes_share in site.yml allows 10%, so 2 must change (all listed). Make a wrong choice "
        "wrong on substance without a sweeping word, or let the right answer carry one where the page supports it",
        "content/topics/alpha.md:56: quiz[5]: with the 2 choices that say 'all', 'never' struck out, "
        "the right answer is one of the two choices left: 2 of 8 quiz items (25%) have this cue and "
        "quiz.max_absolutes_share in site.yml allows 10%, so 2 must change (all listed). Make a wrong choice "
        "wrong on substance without a sweeping word, or let the right answer carry one where the page supports it",
    ]
    assert "left by striking out sweeping words 25% (limit 10%)" in summary


def test_limit_and_words_come_from_site_yml(mini: Path, tmp_path: Path) -> None:
    items = [(["Often", "Always so", "Never so", "Only so"], 0)] + [(["Often", "Usually", "Sometimes", "Rarely"], 0)] * 3
    found, _ = with_items(mini, items, "  max_absolutes_share: 0.25\n")
    assert found == []  # 1 of 4 is within 25%
    other = tmp_path / "second" / "content"
    shutil.copytree(FIXTURE, other)
    items = [(["Often", "Always so", "Never so", "Only so"], 0), (["Often", "Rarely"], 0)] + [(["Often", "Usually"], 0)] * 2
    found, summary = with_items(other, items, "  max_absolutes_share: 0\n  absolute_words: [rarely]\n")
    assert len(found) == 1 and "quiz[1]: with the 1 choice that says 'rarely' struck out" in found[0], found
    assert "sweeping words 25%" in summary


words = st.sampled_from(DEFAULT_ABSOLUTE_WORDS).map(
    lambda w: st.sampled_from([w, w.upper(), w.capitalize(), w.replace(" ", "  ")])
).flatmap(lambda s: s)
plain_choice = st.lists(st.sampled_from(PLAIN), min_size=1, max_size=4).map(" ".join)
sweeping_choice = st.tuples(st.lists(st.sampled_from(PLAIN), max_size=2), words, st.lists(st.sampled_from(PLAIN), max_size=2)).map(
    lambda t: " ".join([*t[0], t[1], *t[2]])
)
choice = st.one_of(plain_choice, sweeping_choice)
one_item = st.integers(2, 5).flatmap(
    lambda n: st.tuples(st.lists(choice, min_size=n, max_size=n, unique=True), st.integers(0, n - 1))
)


def by_definition(choices: list[str], answer: int) -> bool:
    """The rule, written out plainly: right answer unmarked, and at most one unmarked wrong choice beside it."""
    marked = [bool(re.search(r"(?<![\w'-])(" + "|".join(w.replace(" ", r"\s+") for w in DEFAULT_ABSOLUTE_WORDS) + r")(?![\w'-])", c, re.I)) for c in choices]
    wrong = [m for i, m in enumerate(marked) if i != answer]
    return not marked[answer] and any(wrong) and wrong.count(False) <= 1


@settings(max_examples=300, deadline=None)
@given(one_item)
def test_cue_matches_its_definition(generated: tuple[list[str], int]) -> None:
    choices, answer = generated
    assert has_absolutes_cue(item(choices, answer), PATTERN) == by_definition(choices, answer)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(one_item, min_size=4, max_size=25), st.sampled_from([0.0, 0.1, 0.25, 0.5]))
def test_check_and_report_agree_with_a_plain_count(generated: list[tuple[list[str], int]], limit: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        shutil.copytree(FIXTURE, root)
        found, summary = with_items(root, generated, f"  max_absolutes_share: {limit}\n")
    cued = sum(by_definition(c, a) for c, a in generated)
    must_change = cued - allowed(limit, len(generated))
    flagged = [m for m in found if "struck out" in m]
    assert len(flagged) == max(0, min(must_change, 10)), found
    assert all(f"{cued} of {len(generated)} quiz items" in m for m in flagged)
    assert f"left by striking out sweeping words {round(100 * cued / len(generated))}% (limit {limit:.0%})" in summary
