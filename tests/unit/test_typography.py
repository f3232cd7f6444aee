"""A statistic never breaks across lines: the spaces inside it become non-breaking."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.pages.typography import NBSP, keep_figures_together

SYMBOLS = st.sampled_from(["r", "d", "g", "k", "N", "n", "p", "OR", "SMD", "95% CI", "β", "M", "SD"])
RELATIONS = st.sampled_from(["=", "<", ">", "≈", "≤", "≥"])
NUMBERS = st.from_regex(r"\A[−-]?(\d{1,3}(,\d{3})?|\d?\.\d{1,3})\Z")
SPACES = st.sampled_from([" ", "  ", NBSP])
WORDS = st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu")), min_size=1, max_size=8)


@given(SYMBOLS, RELATIONS, NUMBERS, SPACES, SPACES, WORDS, WORDS)
def test_a_statistic_in_a_sentence_has_no_breaking_space(symbol, relation, number, s1, s2, before, after) -> None:
    text = f"{before} ({symbol}{s1}{relation}{s2}{number}) {after}"
    out = keep_figures_together(text)
    assert f"{symbol}{NBSP}{relation}{NBSP}{number}" in out
    # Nothing else changes: the words around it keep their ordinary spaces.
    assert out.startswith(f"{before} (") and out.endswith(f") {after}")


@given(WORDS, RELATIONS, WORDS)
def test_words_and_signs_without_a_number_are_left_alone(left, relation, right) -> None:
    text = f"{left} {relation} {right}"
    assert keep_figures_together(text) == text


def test_a_long_word_before_a_sign_is_not_a_statistic() -> None:
    assert keep_figures_together("the total = 40") == "the total = 40"
    assert keep_figures_together("x=3 and r = .29") == f"x=3 and r{NBSP}={NBSP}.29"


def test_a_line_break_inside_is_left_as_written() -> None:
    assert keep_figures_together("r =\n.29") == "r =\n.29"
