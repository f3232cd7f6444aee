"""Did-you-mean prefers the id that holds every word of the mistake over a shorter lookalike."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.content.diagnostics import closest

IDS = ["checking-a-therapist", "changing-therapist-or-raising-a-concern", "first-sessions", "giving-feedback"]


def test_the_reported_case() -> None:
    assert closest("changing-therapist", IDS) == "changing-therapist-or-raising-a-concern"
    assert closest("chekcing-a-therapist", IDS) == "checking-a-therapist"
    assert closest("sumary", ["summary", "section"]) == "summary"
    assert closest("zzz", IDS) is None


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=9)


@given(WORD, WORD, WORD, WORD)
def test_a_shortened_id_finds_its_long_id_not_a_lookalike(a: str, b: str, c: str, d: str) -> None:
    # A palindrome's look-alike would be the query itself, which rightly matches exactly.
    if len({a, b, c, d}) < 4 or a == a[::-1]:
        return
    long_id, lookalike = f"{a}-{b}-{c}-{d}", f"{a[::-1]}-{b}"
    assert closest(f"{a}-{b}", [lookalike, long_id]) == long_id
