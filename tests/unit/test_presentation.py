"""What the plugin brings to the theme: its assets in order, the footer's words, the contact link's rules."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from generator.content.model import SiteSettings
from generator.pages import presentation


def test_the_stylesheet_joins_one_file_per_concern_in_order() -> None:
    css = presentation.stylesheet()
    positions = [css.index(f"/* --- {name} --- */") for name in presentation.STYLESHEETS]
    assert positions == sorted(positions) and presentation.STYLESHEETS[0] == "tokens.css"
    assert presentation.STYLESHEETS[-1] == "print.css"  # print rules win over screen rules
    assert "--guide-focus: #ffdd00" in css


def test_the_script_and_the_standalone_files_are_packaged() -> None:
    js = presentation.script()
    for name in presentation.SCRIPTS:
        assert f"/* --- {name} --- */" in js
    for uri, path in presentation.standalone_files():
        assert path.is_file(), uri
    assert (presentation.OVERRIDES / "main.html").is_file()
    assert (presentation.OVERRIDES / "partials" / "copyright.html").is_file()


@pytest.mark.parametrize(("days", "words"), [(365, "once a year"), (366, "once a year"), (7, "once a week"), (14, "every 2 weeks"), (30, "every 30 days"), (1, "once a day")])
def test_review_period_in_words(days: int, words: str) -> None:
    assert presentation.review_period(days) == words


def test_chrome_carries_the_footer_and_links() -> None:
    from generator.content.model import Site

    settings = SiteSettings(title="T", description="D", publisher="P <b>", contact="Write to us", contact_url="mailto:a@example.org")
    site = Site(settings=settings, sections=(), topics=(), glossary=(), helplines=())
    chrome = presentation.chrome(site, "help/", None, "<p>line</p>")
    assert chrome.publisher == "P <b>"  # escaped by the template, not here
    assert chrome.contact_url == "mailto:a@example.org" and chrome.about_page is None
    assert "once a year" in chrome.review
    assert presentation.chrome(None, None, None, "").review == ""


@pytest.mark.parametrize("url", ["javascript:alert(1)", "mailto:nobody", "ftp://example.org", "https://exa mple.org"])
def test_contact_url_must_be_a_web_or_email_address(url: str) -> None:
    with pytest.raises(ValidationError) as error:
        SiteSettings(title="T", description="D", contact_url=url)
    assert "expected a web address (https://...) or mailto:name@example.org" in str(error.value)
