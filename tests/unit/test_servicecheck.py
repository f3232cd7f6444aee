"""Outside links: services.yml, topics' next steps and helplines' sources (generator/checks/services.py).

Each rule has a passing case (the real content, the mini fixture) and failing cases with exact messages.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.checks.run import check_site
from generator.checks.services import (
    check_services,
    normalise,
    outside_urls,
    tracking_params,
    without_tracking,
)
from generator.content.diagnostics import Diagnostics
from generator.content.load import load_site
from generator.pages.render import Renderer
from tests.conftest import edit


def problems(root: Path) -> list[str]:
    site, diags = load_site(root)
    check_site(site, diags)
    return [str(d) for d in diags.sorted()]


# -- helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "found"),
    [
        ("https://example.org/page?utm_source=news&id=3", ["utm_source"]),
        ("https://example.org/?fbclid=abc&GCLID=x", ["fbclid", "GCLID"]),
        ("https://example.org/#utm_medium=email", ["utm_medium"]),
        ("https://example.org/search?q=therapy&page=2", []),
        ("https://example.org/", []),
    ],
)
def test_tracking_params_are_named(url: str, found: list[str]) -> None:
    assert tracking_params(url) == found


def test_without_tracking_keeps_other_parameters() -> None:
    assert without_tracking("https://example.org/p?q=1&utm_source=x&mc_cid=2#top") == "https://example.org/p?q=1"


def test_normalise_ignores_case_of_host_fragment_and_trailing_slash() -> None:
    assert normalise("HTTPS://Example.ORG/Path/#part") == normalise("https://example.org/Path")


def test_outside_urls_stop_at_markdown_and_sentence_ends() -> None:
    text = "See [NHS](https://www.nhs.uk/a/). Or https://b.example.org/x, then (https://c.example.org)."
    assert [u for u, _ in outside_urls(text)] == [
        "https://www.nhs.uk/a/", "https://b.example.org/x", "https://c.example.org",
    ]


# -- the real content ------------------------------------------------------------------------


def test_every_topic_has_a_next_step_that_exists(content: Path) -> None:
    site, diags = load_site(content)
    assert not diags.errors
    ids = {s.id for s in site.services}
    assert site.topics and all(t.next_steps and set(t.next_steps) <= ids for t in site.topics)


def test_every_service_is_https_sourced_and_checked(content: Path) -> None:
    site, _ = load_site(content)
    assert len(site.services) >= 15
    for service in site.services:
        assert service.url.startswith("https://") and not tracking_params(service.url), service.id
        assert service.source and service.checked <= dt.date.today(), service.id


def test_every_helpline_has_two_sources(content: Path) -> None:
    site, _ = load_site(content)
    assert all(len(set(h.sources)) >= 2 for h in site.helplines)


# -- failing cases ---------------------------------------------------------------------------


def test_outside_link_in_a_topic_must_be_listed(content: Path) -> None:
    path = content / "topics/trust-and-rapport.md"
    text = path.read_text()
    first = next(line for line in text.split("## In plain words\n", 1)[1].split("\n") if line.strip())
    edit(path, first, first + " See [a list](https://directory.example.com/therapists).")
    found = problems(content)
    message = next(m for m in found if "directory.example.com" in m)
    line = int(message.split(":")[1])
    assert "https://directory.example.com/therapists" in text.replace(first, first + " See [a list](https://directory.example.com/therapists).").split("\n")[line - 1]
    assert message.endswith(
        'body: outside link "https://directory.example.com/therapists" is not in content/services.yml; '
        "add the service there with its source and checked date (or cite the page as a reference)"
    )


def test_a_listed_service_a_helpline_and_a_reference_url_are_all_allowed(mini: Path) -> None:
    edit(
        mini / "topics/beta.md", "You and your therapist work as a team.",
        "You and your therapist work as a team. See [988](https://988lifeline.org), "
        "[Mind](https://www.mind.org.uk/information-support/drugs-and-treatments/talking-therapy-and-counselling/).",
    )
    assert problems(mini) == []


def test_tracking_parameters_in_a_topic_link_are_reported_once(mini: Path) -> None:
    edit(mini / "topics/beta.md", "You and your therapist work as a team.", "We work as a team. [988](https://988lifeline.org/?utm_source=x)")
    assert problems(mini) == [
        'content/topics/beta.md:14: body: outside link "https://988lifeline.org/?utm_source=x" carries tracking '
        'parameters (utm_source); remove them (the address without them, "https://988lifeline.org/", is listed)'
    ]


def test_service_dates_follow_the_review_interval(mini: Path) -> None:
    site, _ = load_site(mini)
    diags = Diagnostics()
    check_services(site, diags, now=dt.date(2040, 1, 1))
    assert [str(d) for d in diags.sorted()] == [
        "content/services.yml:8: [0].checked: checked 2026-11-01, more than 3650 days ago; check the page again and update the date",
        "content/services.yml:15: [1].checked: checked 2026-11-01, more than 3650 days ago; check the page again and update the date",
    ]
    diags = Diagnostics()
    check_services(site, diags, now=dt.date(2026, 11, 1))
    assert not diags


def test_a_service_url_must_be_safe_to_put_in_a_link(mini: Path) -> None:
    edit(mini / "services.yml", "url: https://988lifeline.org/", 'url: "https://988lifeline.org/a)b"')
    assert problems(mini) == [
        'content/services.yml:5: [0].url: expected an https address like https://www.example.org/page, got "https://988lifeline.org/a)b"'
    ]


def test_missing_services_file_reports_the_unknown_next_steps(mini: Path) -> None:
    (mini / "services.yml").unlink()
    found = problems(mini)
    assert 'content/topics/beta.md:9: next_steps[0]: unknown service "lifeline-988"; expected an id from content/services.yml' in found


def test_a_service_that_fails_to_load_does_not_make_next_steps_unknown(mini: Path) -> None:
    edit(mini / "services.yml", "  what: A charity's guide to talking therapy.\n", "")
    assert problems(mini) == [
        "content/services.yml:9: [1].what: required field is missing (for example `what: One plain line on what the service is for.`)"
    ]


# -- rendering -------------------------------------------------------------------------------


def test_next_steps_close_the_plain_layer_as_links_without_referrer(mini: Path) -> None:
    site, _ = load_site(mini)
    page = Renderer(site, today=dt.date(2026, 11, 26)).topic_page(site.topic("alpha")).markdown
    plain, rest = page.split("## In plain words", 1)[1].split("## Questions people ask", 1)
    assert "### What you can do next" in plain
    assert (
        "- [Mind: talking therapy](https://www.mind.org.uk/information-support/drugs-and-treatments/"
        'talking-therapy-and-counselling/){rel="noopener noreferrer"} (England and Wales): A charity\'s guide to talking therapy.'
    ) in plain
    # In the order the topic lists them.
    assert plain.index("Mind: talking therapy") < plain.index("988 Suicide & Crisis Lifeline")
    assert "prefetch" not in page and "What you can do next" not in rest


def test_next_steps_render_as_html_links_with_rel(mini: Path) -> None:
    import markdown

    site, _ = load_site(mini)
    page = Renderer(site, today=dt.date(2026, 11, 26)).topic_page(site.topic("beta")).markdown
    block = page.split("### What you can do next", 1)[1].split("##", 1)[0]
    html = markdown.markdown(block, extensions=["attr_list"])
    assert re.search(r'<a href="https://988lifeline.org/" rel="noopener noreferrer">988 Suicide &amp; Crisis Lifeline</a>', html), html


def test_a_new_topic_skeleton_asks_for_next_steps(mini: Path) -> None:
    from generator.new import new_topic

    new_topic(mini, "gamma", "basics", "Gamma topic")
    found = problems(mini)
    assert any(m.startswith("content/topics/gamma.md:") and "next_steps: required" in m for m in found), found


@pytest.mark.parametrize("content", ["", "[]\n", None])
def test_an_empty_get_help_now_is_refused(tmp_path, content) -> None:  # type: ignore[no-untyped-def]
    """Whether helplines.yml is missing, empty or an empty list, the guide is refused, at that file."""
    import shutil

    from generator.checks.run import check_site
    from generator.content.load import load_site

    root = tmp_path / "content"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "mini", root)
    if content is None:
        (root / "helplines.yml").unlink()
    else:
        (root / "helplines.yml").write_text(content, encoding="utf-8")
    site, diags = load_site(root)
    check_site(site, diags)
    assert any(d.path == "content/helplines.yml" and "Get help now would be empty" in d.message for d in diags.errors) or (
        content == "" and any(d.path == "content/helplines.yml" for d in diags.errors)
    )
