"""The study guide PDF fetches nothing and embeds nothing (issue 14: `file:///etc/passwd` ended up inside it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import pdf
from generator.content.load import load_site
from tests.conftest import edit


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "https://tracker.example/p.gif", "http://127.0.0.1/x.png", "ftp://x/y", "data:text/plain,x",
    "file://evil.example/share/x", "FILE:///etc/hostname",
])
def test_every_url_outside_the_build_is_refused(url: str, tmp_path: Path) -> None:
    with pytest.raises(pdf.FetchRefused):
        pdf.check_fetch(url, tmp_path)
    with pytest.raises(pdf.FetchRefused):
        pdf.check_fetch(url, None)


def test_a_file_inside_the_build_may_be_read_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "a.png").write_bytes(b"x")
    assert pdf.check_fetch((tmp_path / "build" / "a.png").as_uri(), tmp_path / "build") == tmp_path / "build" / "a.png"
    with pytest.raises(pdf.FetchRefused):
        pdf.check_fetch((tmp_path / "build" / ".." / "secret").as_uri(), tmp_path / "build")


def test_the_study_guide_html_keeps_no_attachment_link(mini: Path) -> None:
    edit(mini / "topics/alpha.md", "why: Bordin named goals, tasks and bond [@bordin1979, p. 252].",
         "why: 'See [the notes](file:///etc/passwd){rel=\"attachment\"} and ![x](file:///etc/hostname) [@bordin1979].'")
    site, _ = load_site(mini)  # load only: check would refuse this, the PDF must not rely on that
    page = pdf.study_guide_html(site)
    assert "the notes" in page
    assert 'rel="attachment"' not in page and "file:" not in page


def test_the_pdf_embeds_no_local_file(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("weasyprint")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    hostile = (
        f'<html><head><link rel="attachment" href="{secret.as_uri()}"><link rel="stylesheet" href="{secret.as_uri()}">'
        f'</head><body><p>x</p><a rel="attachment" href="{secret.as_uri()}">notes</a><img src="{secret.as_uri()}">'
        '<img src="https://tracker.example/p.gif"></body></html>'
    )
    monkeypatch.setattr(pdf, "study_guide_html", lambda site: hostile)
    site, _ = load_site(mini)
    try:
        target = pdf.write_study_guide_pdf(site, tmp_path / "out.pdf")
    except OSError as exc:  # WeasyPrint without Pango
        pytest.skip(str(exc))
    data = target.read_bytes()
    assert b"TOP-SECRET-MARKER" not in data
    assert b"/EmbeddedFile" not in data
