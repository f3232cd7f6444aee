"""The study guide as a PDF, made with WeasyPrint (needs Debian's Pango: libpango-1.0-0, libpangoft2-1.0-0).

The PDF is rendered from the study guide's own Markdown with a small print
stylesheet, not from the theme's HTML: a screen layout (sticky sidebars,
flex boxes) does not paginate, and the PDF should not depend on the theme.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown

from .model import Site
from .render import Renderer

EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details"]

CSS = """
@page { size: A4; margin: 18mm 16mm 20mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #444; } }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #111; }
h1 { font-size: 20pt; margin: 0 0 8pt; }
h2 { font-size: 15pt; margin: 18pt 0 6pt; border-bottom: 1px solid #999; break-after: avoid; }
h3 { font-size: 12pt; margin: 12pt 0 4pt; break-after: avoid; }
p, li { orphans: 3; widows: 3; }
a { color: #111; text-decoration: none; }
abbr { text-decoration: none; }
.reference { padding-left: 2em; text-indent: -2em; margin: 3pt 0; }
.pdf-note { font-size: 9pt; color: #333; }
"""


def _unlink(html: str) -> str:
    """Keep the text of site-internal links (they lead nowhere in a PDF); keep web links."""
    return re.sub(r'<a href="(?!https?:)[^"]*">(.*?)</a>', r"\1", html, flags=re.S)


def study_guide_html(site: Site) -> str:
    """The study guide as a standalone HTML document for printing."""
    page = Renderer(site).study_guide_page()
    body = re.sub(r"\A---\n.*?\n---\n", "", page.markdown, flags=re.S)
    # The download links are for the website, not the PDF itself.
    body = re.sub(r"^- \[(?:Flashcards|This study guide as a PDF)[^\n]*\n", "", body, flags=re.M)
    html = _unlink(markdown.markdown(body, extensions=EXTENSIONS))
    title = f"Study guide: {site.settings.title}"
    return (
        f'<!doctype html><html lang="{site.settings.language}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{CSS}</style></head><body>"
        f'<p class="pdf-note">{site.settings.title}: study guide. This is education, not therapy or emergency care.</p>'
        f"{html}</body></html>"
    )


def write_study_guide_pdf(site: Site, target: Path) -> Path:
    """Render the study guide to a PDF file."""
    import logging

    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    target.parent.mkdir(parents=True, exist_ok=True)
    weasyprint.HTML(string=study_guide_html(site)).write_pdf(str(target))
    return target
