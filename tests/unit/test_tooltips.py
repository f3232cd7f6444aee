"""Glossary tooltips applied to a page's HTML in one pass."""

from __future__ import annotations

import re

from generator.tooltips import Tooltips, word_pattern

TIPS = Tooltips({
    "alliance": "The working partnership.",
    "alliance rupture": "A strain in the partnership.",
    "ROM": "Routine outcome monitoring.",
    "Q&A": 'Questions and "answers".',
})


def abbr(word: str, title: str) -> str:
    return f'<abbr title="{title}">{word}</abbr>'


def test_whole_words_only_and_case_sensitive() -> None:
    out = TIPS.apply("<p>alliances, Alliance, ROMs and ROM.</p>")
    assert out == f"<p>alliances, Alliance, ROMs and {abbr('ROM', 'Routine outcome monitoring.')}.</p>"


def test_longest_word_wins() -> None:
    out = TIPS.apply("<p>An alliance rupture is not the end of the alliance.</p>")
    assert abbr("alliance rupture", "A strain in the partnership.") in out
    assert out.endswith(f"the end of the {abbr('alliance', 'The working partnership.')}.</p>")


def test_text_only_never_attributes_code_or_existing_abbr() -> None:
    page = (
        '<h2 id="alliance" title="alliance">The alliance</h2>'
        "<p><code>alliance</code> <pre><code>ROM\nalliance</code></pre>"
        '<abbr title="Own">ROM</abbr> <a href="alliance.html">ROM</a></p>'
        "<!-- alliance -->"
    )
    out = TIPS.apply(page)
    assert out.count("<abbr") == 3  # the heading's text, the link's text, and the one already there
    assert '<h2 id="alliance" title="alliance">The <abbr' in out
    assert "<code>alliance</code>" in out and "<pre><code>ROM\nalliance</code></pre>" in out
    assert "<!-- alliance -->" in out
    assert f'<a href="alliance.html">{abbr("ROM", "Routine outcome monitoring.")}</a>' in out


def test_reference_entries_keep_their_titles() -> None:
    page = '<p class="reference" id="ref-b">Bordin (1979). The alliance.</p><p>The alliance.</p>'
    out = TIPS.apply(page)
    assert out.startswith('<p class="reference" id="ref-b">Bordin (1979). The alliance.</p>')
    assert out.count("<abbr") == 1


def test_titles_are_escaped_and_words_match_as_html_text() -> None:
    out = TIPS.apply("<p>Q&amp;A</p>")
    assert out == '<p><abbr title="Questions and &quot;answers&quot;.">Q&amp;A</abbr></p>'


def test_no_words_leaves_the_page_alone() -> None:
    assert Tooltips({}).apply("<p>alliance</p>") == "<p>alliance</p>"


def test_trie_pattern_matches_exactly_the_words() -> None:
    words = ["a", "ab", "abc", "b", "working alliance", "work"]
    pattern = re.compile(rf"\b{word_pattern(words)}\b")
    for word in words:
        assert pattern.fullmatch(word), word
    for other in ["ac", "abcd", "working", "working alliances", "c"]:
        assert not pattern.fullmatch(other), other
