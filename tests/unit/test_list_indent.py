"""A list item indented one to three spaces too far is joined to the item above by Python-Markdown
("…several sessions. - It is okay…"): `check` reports it at its line."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.checks.markup import _check_list_indent


def found(text: str) -> list[int]:
    lines: list[int] = []
    _check_list_indent(text, lambda offset, message: lines.append(text[:offset].count("\n") + 1))
    return lines


@given(st.integers(min_value=1, max_value=3), st.sampled_from(["-", "*", "+", "1."]), st.integers(min_value=0, max_value=2))
def test_an_item_a_few_spaces_too_far_is_reported(extra: int, marker: str, items_before: int) -> None:
    before = "".join(f"{marker} item {i}.\n" for i in range(items_before))
    text = f"Intro.\n\n{before}{marker} It can take several sessions.\n{' ' * extra}{marker} It is okay.\n"
    assert found(text) == [3 + items_before + 1]


def test_aligned_nested_and_separate_items_are_not_reported() -> None:
    assert found("- one\n- two\n    - nested\n- three\n") == []
    assert found("- one\n\n - after a blank line\n") == []
    assert found("Text with a dash\n - not under an item\n") == []


@given(st.integers(min_value=1, max_value=8), st.from_regex(r"[a-z]{2,10}", fullmatch=True), st.booleans())
def test_a_field_indented_under_a_field_with_a_value_is_called_an_indentation_error(extra: int, name: str, in_list: bool) -> None:
    import pytest

    from generator.content.yamlsource import YamlSyntaxError, parse_yaml

    lead = "- " if in_list else ""
    pad = "  " if in_list else ""
    text = f"{lead}id: one\n{pad}region: United States\n{pad}{' ' * extra}{name}: wrong\n"
    with pytest.raises(YamlSyntaxError) as error:
        parse_yaml(text)
    assert "indented more than the field above it" in error.value.message and "quotes" not in error.value.message
