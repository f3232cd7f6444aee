"""site.yml's values in the study guide PDF (issue 20): escaped whatever they hold, and the PDF's work
bounded in time and memory. The escaping is tested without `check`'s validation (model_construct):
it must hold on its own."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import pdf
from generator.content.load import load_site
from generator.content.model import SiteSettings

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
SITE, _ = load_site(MINI)


class _Document(HTMLParser):
    """The elements of the PDF's HTML head, the <html lang> and the <title> text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.lang: str | None = None
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


payload = st.one_of(
    st.text(max_size=40),
    st.sampled_from(['en"><style>*{columns:1000000}</style><x y="', "</title><link rel=stylesheet href=//evil.example/a.css>",
                     "'onload='x", "<script>alert(1)</script>", "&lt;b&gt;"]),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=payload, language=payload)
def test_every_site_value_is_escaped(title: str, language: str) -> None:
    settings_ = SiteSettings.model_construct(**{**SITE.settings.__dict__, "title": title, "language": language})
    document = _Document()
    document.feed(pdf.study_guide_html(replace(SITE, settings=settings_)))
    document.close()
    assert document.tags.count("style") == 1 and document.tags.count("title") == 1
    assert "script" not in document.tags and "link" not in document.tags
    assert document.lang == language
    assert title in document.title


def _hostile(monkeypatch: pytest.MonkeyPatch, html: str) -> None:
    monkeypatch.setattr(pdf, "study_guide_html", lambda site: html)


def _render_or_skip(tmp_path: Path, **bounds: float) -> Path:
    pytest.importorskip("weasyprint")
    try:
        return pdf.write_study_guide_pdf(SITE, tmp_path / "guide.pdf", **bounds)  # type: ignore[arg-type]
    except OSError as exc:  # WeasyPrint without Pango
        pytest.skip(str(exc))


def test_a_pdf_that_takes_too_long_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Material for minutes of layout (the issue's CSS): stopped at the time bound; nothing left behind."""
    css = "p{columns:1000000;column-gap:0} *{border:1px solid}"
    _hostile(monkeypatch, f"<html><head><style>{css}</style></head><body>{'<p>x y z</p>' * 3000}</body></html>")
    (tmp_path / "guide.pdf").write_bytes(b"the previous PDF")
    with pytest.raises(pdf.PdfTooCostly, match="took longer than 2 s"):
        _render_or_skip(tmp_path, seconds=2)
    assert (tmp_path / "guide.pdf").read_bytes() == b"the previous PDF"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["guide.pdf"]


def test_a_pdf_that_needs_too_much_memory_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _hostile(monkeypatch, "<html><body><p>x</p></body></html>")
    with pytest.raises(pdf.PdfTooCostly, match="more than 64 MB of memory"):
        _render_or_skip(tmp_path, memory=64 * 2**20)


def test_html_past_the_size_bound_is_not_rendered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _hostile(monkeypatch, "x" * (pdf.MAX_HTML_CHARS + 1))
    with pytest.raises(pdf.PdfTooCostly, match="characters"):
        pdf.write_study_guide_pdf(SITE, tmp_path / "guide.pdf")

