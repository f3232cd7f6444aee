"""Quiz balance rules: the right answer may not be the longest choice, or in one place, too often."""

from __future__ import annotations

from pathlib import Path

from generator.checks.quizzes import (
    allowed,
    is_uniquely_longest,
    is_uniquely_shortest,
    longest_margin,
    quiz_items,
    quiz_summary,
    shortest_margin,
)
from generator.checks.run import check_site
from generator.content.load import load_site
from generator.content.model import QuizItem
from tests.conftest import edit


def item(choices: list[str], answer: int) -> QuizItem:
    return QuizItem(question="Which?", choices=choices, answer=answer, why="Because.")


def quiz_yaml(items: list[tuple[list[str], int]]) -> str:
    """Quiz items as front-matter YAML."""
    out = ["quiz:"]
    for choices, answer in items:
        out.append("  - question: Which one?")
        out.append("    choices:")
        out.extend(f"      - {c}" for c in choices)
        out.append(f"    answer: {answer}")
        out.append("    why: The page says so.")
    return "\n".join(out) + "\n"


def with_quiz(mini: Path, items: list[tuple[list[str], int]], settings: str = "quiz:\n  min_items: 4\n") -> list[str]:
    """The mini guide with alpha's quiz replaced by `items`; the error messages `check` prints."""
    path = mini / "topics/alpha.md"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("quiz:\n"), text.index("related: [beta]")
    path.write_text(text[:start] + quiz_yaml(items) + text[end:], encoding="utf-8")
    edit(mini / "site.yml", "review:\n", settings + "review:\n")
    site, diags = load_site(mini)
    check_site(site, diags)
    return [str(d) for d in diags.sorted()]


EVEN = ["Goals", "Tasks", "Bonds", "Rules"]


def test_uniquely_longest_ignores_ties_and_spacing() -> None:
    assert is_uniquely_longest(item(["A longer answer", "Short"], 0))
    assert not is_uniquely_longest(item(["Same size", "Same  size"], 0))  # a double space is not length
    assert not is_uniquely_longest(item(["Short", "A longer answer"], 0))
    assert longest_margin(item(["abcdef", "abc", "ab"], 0)) == 3


def test_uniquely_shortest_mirrors_longest() -> None:
    assert is_uniquely_shortest(item(["Tasks", "Goals and tasks", "The bond"], 0))
    assert not is_uniquely_shortest(item(["Tasks", "Goals", "The bond"], 0))  # a tie is not a cue
    assert shortest_margin(item(["ab", "abcd", "abcdef"], 0)) == 2


def test_allowed_rounds_down() -> None:
    assert allowed(0.35, 99) == 34
    assert allowed(0.40, 10) == 4
    assert allowed(0.0, 10) == 0


def test_balanced_quizzes_pass(mini: Path) -> None:
    items = [(EVEN, i % 4) for i in range(8)]
    items[0] = (["A much longer right answer", "Short", "Brief"], 0)  # 1 of 8 cued: under 35%
    assert with_quiz(mini, items) == []


def test_too_many_longest_answers_names_the_worst_items(mini: Path) -> None:
    # 4 of 8 items are cued; 35% of 8 allows 2, so the 2 most lopsided are named.
    items = [(EVEN, i % 4) for i in range(8)]
    items[1] = (["Goals", "Goals, tasks and the bond between them", "Tasks"], 1)
    items[2] = (["Goals", "Tasks", "Goals and tasks"], 2)
    items[5] = (["Goals", "Goals, tasks and bond", "Tasks"], 1)
    items[6] = (["Goals, tasks", "Tasks", "Bonds"], 0)
    found = with_quiz(mini, items)
    assert len(found) == 2, found
    assert found[0].startswith("content/topics/alpha.md:24: quiz[1]: the right answer is the longest choice (38 characters; the longest wrong one has 5): 4 of 8 quiz items (50%) have this cue and quiz.max_longest_share in site.yml allows 35%, so 2 must change (all listed)")
    assert found[0].endswith("Give a wrong choice the same length and detail, or shorten the right one")
    assert found[1].startswith("content/topics/alpha.md:54: quiz[5]: the right answer is the longest choice (21 characters")


def test_too_many_shortest_answers_is_the_mirror_cue(mini: Path) -> None:
    # Fixing the longest-answer cue by trimming right answers creates this one: 4 of 8 cued, 2 allowed.
    items = [(EVEN, i % 4) for i in range(8)]
    items[0] = (["Bond", "Goals and tasks", "Tasks and goals"], 0)
    items[3] = (["Goals and tasks", "Tasks and goals", "Goals, tasks", "Bond"], 3)
    items[4] = (["Goals", "Tasks", "Bonds", "Rules", "Aim"], 4)
    items[7] = (["Goals", "Task", "Bonds", "Rules"], 1)
    found = with_quiz(mini, items)
    assert len(found) == 2, found
    assert found[0].startswith(
        "content/topics/alpha.md:16: quiz[0]: the right answer is the shortest choice (4 characters; the shortest "
        "wrong one has 15): 4 of 8 quiz items (50%) have this cue and quiz.max_shortest_share in site.yml allows 35%"
    )
    assert found[0].endswith("Give the right answer the same detail as the others, or shorten a wrong one")
    assert "quiz[3]:" in found[1]
    assert with_quiz_settings_pass(mini)


def with_quiz_settings_pass(mini: Path) -> bool:
    """The same guide passes once the shortest-answer limit is raised (the limit is read from site.yml)."""
    edit(mini / "site.yml", "  min_items: 4\n", "  min_items: 4\n  max_shortest_share: 0.5\n")
    site, diags = load_site(mini)
    check_site(site, diags)
    return [str(d) for d in diags.sorted()] == []


def test_one_position_too_often(mini: Path) -> None:
    # 5 of 8 answers are A; 40% of 8 allows 3, so 2 must move.
    items = [(EVEN, a) for a in (0, 0, 1, 0, 2, 0, 3, 0)]
    found = with_quiz(mini, items)
    assert len(found) == 2, found
    assert found[0] == (
        "content/topics/alpha.md:22: quiz[0].answer: the right answer is choice A (answer: 0): 5 of 8 quiz items "
        "(62%) put it there and quiz.max_position_share in site.yml allows 40%, so 2 must move (all listed). "
        "Reorder this item's choices so the right answer is in a rarer place, and update answer:"
    )
    assert found[1].startswith("content/topics/alpha.md:30: quiz[1].answer: the right answer is choice A")


def test_limits_come_from_site_settings(mini: Path) -> None:
    items = [(EVEN, a) for a in (0, 0, 1, 0, 2, 0, 3, 0)]
    assert with_quiz(mini, items, "quiz:\n  min_items: 4\n  max_position_share: 0.65\n") == []


def test_small_quizzes_are_not_judged(mini: Path) -> None:
    # Fewer items than min_items (20 by default): a lopsided share is chance, so no rule applies.
    items = [(["A much longer right answer", "Short"], 0)] * 5
    assert with_quiz(mini, items, "") == []


def test_the_list_of_offenders_is_capped(mini: Path) -> None:
    items = [(["The right answer, spelt out at length", "Short", "Brief"], 0) for _ in range(30)]
    found = with_quiz(mini, items, "quiz:\n  min_items: 4\n  max_position_share: 1\n")
    assert len(found) == 10
    assert "30 of 30 quiz items (100%)" in found[0] and "so 20 must change (listed: the 10 worst)" in found[0]


def test_out_of_range_limit_is_a_located_error(mini: Path) -> None:
    edit(mini / "site.yml", "review:\n", "quiz:\n  max_longest_share: 1.5\n  min_items: 0\nreview:\n")
    site, diags = load_site(mini)
    found = [str(d) for d in diags.sorted()]
    assert "content/site.yml:25: quiz.max_longest_share: expected a number of at most 1, got 1.5 (a share is a fraction: 0.4 means 40%)" in found
    assert "content/site.yml:26: quiz.min_items: expected a number of at least 1, got 0" in found


def test_quiz_items_carry_their_place(mini: Path) -> None:
    site, _ = load_site(mini)
    placed = quiz_items(site)
    assert [(p.source, p.field) for p in placed] == [("content/topics/alpha.md", "quiz[0]")]


def test_quiz_summary_shows_shares_and_limits(mini: Path) -> None:
    site, _ = load_site(mini)
    assert quiz_summary(site) == (
        "quiz: 1 item (not checked below 20 items); right answer uniquely longest 100% (limit 35%), "
        "uniquely shortest 0% (limit 35%), left by striking out sweeping words 0% (limit 10%); "
        "answer positions A 100% (limit 40% each)"
    )

