from generator.checks.readability import markdown_to_text, measure


def test_markdown_is_reduced_to_text() -> None:
    md = "## Title\n\nYou work *together* [@bordin1979]. See [this](x.md).\n\n- one item\n- two items"
    assert markdown_to_text(md) == "Title.\nYou work together. See this.\none item.\ntwo items."


def test_measures() -> None:
    r = measure("You can trust your therapist. It takes time.\n\nMany people find it helps to talk about how therapy is going for them.")
    assert (r.words, r.sentences, r.longest_sentence) == (22, 3, 14)
    assert r.grade < 6


def test_empty_text() -> None:
    assert measure("").words == 0
