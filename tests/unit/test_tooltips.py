"""Glossary tooltips applied to a page's HTML in one pass."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.pages.tooltips import Tooltips, word_pattern

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
        "<p><code>alliance</code> <pre><code>ROM\nalliance</code></pre>"
        '<abbr title="Own">ROM</abbr> <span title="alliance">x</span></p>'
        "<!-- alliance -->"
    )
    out = TIPS.apply(page)
    assert out == page  # nothing in code, in an abbr, in an attribute or in a comment


def test_never_in_headings_links_buttons_labels_or_quizzes() -> None:
    page = (
        '<h1 id="t">The alliance</h1><h3>ROM</h3><a href="x.html">ROM and the alliance</a>'
        "<button>alliance</button><label>ROM</label><summary>The alliance</summary>"
        '<section class="quiz" data-search-exclude="true"><ol class="quiz-choices"><li>ROM</li></ol></section>'
    )
    assert TIPS.apply(page) == page
    out = TIPS.apply(page + "<p>The alliance and ROM.</p>")
    assert out.endswith(f"<p>The {abbr('alliance', 'The working partnership.')} and {abbr('ROM', 'Routine outcome monitoring.')}.</p>")


def test_each_term_is_marked_once_a_page_at_its_first_use() -> None:
    tips = Tooltips({"trust": "Feeling safe.", "Trust": "Feeling safe.", "alliance": "The partnership."},
                    {"trust": "trust", "Trust": "trust", "alliance": "alliance"})
    out, marked = tips.apply_once("<p>Trust grows.</p><p>trust and the alliance; trust again, alliance again.</p>")
    assert out.count("<abbr") == 2
    assert out.startswith(f"<p>{abbr('Trust', 'Feeling safe.')} grows.</p><p>trust and the {abbr('alliance', 'The partnership.')};")
    assert marked == [("trust", "Feeling safe."), ("alliance", "The partnership.")]


def test_terms_list_for_print_lists_each_marked_term() -> None:
    listing = Tooltips.terms_list([("trust", "Feeling safe."), ("Q&A", "Questions &amp; answers.")])
    assert listing.startswith('<section class="terms-on-page" data-search-exclude="true"')
    assert "<dt>trust</dt><dd>Feeling safe.</dd>" in listing and "<dt>Q&amp;A</dt>" in listing
    assert Tooltips.terms_list([]) == ""


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


_CHOICE_WORDS = st.lists(st.sampled_from(["alliance", "ROM", "alliance rupture", "Q&amp;A", "the", "stay", "why"]), min_size=1, max_size=6)


@settings(max_examples=60, deadline=None)
@given(choices=st.lists(_CHOICE_WORDS, min_size=1, max_size=4), letters=st.text(alphabet="ABCD", min_size=1, max_size=1))
def test_never_in_a_scenario_choice(choices: list[list[str]], letters: str) -> None:
    """A scenario's choices become radio labels in the browser (scenario.js) and a term in one
    could hint at the answer: like quiz options, they keep no tooltip, and the term's first use
    after them (in the feedback or the text) is the one marked."""
    items = "".join(f'<li data-letter="{letters}">"{" ".join(words)}."</li>' for words in choices)
    block = f'<ol class="scenario-choices" type="A">{items}</ol>'
    out = TIPS.apply(block + "<p>The alliance and ROM.</p>")
    assert out.startswith(block)
    assert out.endswith(f"<p>The {abbr('alliance', 'The working partnership.')} and {abbr('ROM', 'Routine outcome monitoring.')}.</p>")
