"""`therapy-guide init DIR [--language CODE]`: a small, complete guide to start from.

The starter is packaged per language (`generator/starter/<language>/`): two sections, three
example topics (each says on its page that it is an example), a glossary, a service, a reference,
the About page, and one placeholder helpline that `check` refuses until it is replaced by a real,
checked service (its "number" is words, so no one can dial it). This module adds the MkDocs files
and a README for the new guide, and writes the date of the day where the content needs one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .strings import table_language

STARTER = Path(__file__).parent / "starter"
TODAY = "__TODAY__"

MKDOCS_YML = """\
# The site's settings for MkDocs. The guide's own settings (title, language, readers) are in
# content/site.yml; the generator plugin adds the pages, the theme's language, the search's
# language and the Markdown extensions the pages need.
site_name: {title}
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]  # set SITE_URL to the public address when deploying
docs_dir: docs
site_dir: site
strict: true

theme:
  name: material
  font: false            # no web fonts: nothing is requested from another host
  features:
    - navigation.indexes
    - navigation.sections
    - navigation.top
    - search.highlight
    - content.tooltips
    - toc.integrate

plugins:
  - search
  - generator:
      content_dir: content

nav:
  - {about}: about.md
"""

OFFLINE_YML = """\
# The offline edition: `therapy-guide offline` builds it as a zip that works from the file system.
INHERIT: mkdocs.yml
site_url: ""
plugins:
  - search
  - offline
  - generator:
      content_dir: content
extra:
  polyfills:
    - javascripts/vendor/iframe-worker-shim.js
"""

GITIGNORE = "site/\ndist/\nbuild/\n.cache/\n"


def starter_language(language: str) -> str:
    """The starter a language uses ("es-MX" -> "es"); one must be shipped for it."""
    shipped = table_language(language)
    if shipped is None or not (STARTER / shipped).is_dir():
        have = ", ".join(sorted(p.name for p in STARTER.iterdir() if p.is_dir()))
        raise ValueError(f'no starter guide for language "{language}"; choose one of: {have}')
    return shipped


def init_guide(folder: Path, language: str = "en", today: dt.date | None = None) -> list[Path]:
    """Write a new guide into `folder` (which must not exist or be empty); return the files written."""
    shipped = starter_language(language)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ValueError(f"{folder} already exists and is not empty; choose a new folder")
    day = (today or dt.date.today()).isoformat()
    source = STARTER / shipped
    readme = source / "README.md"
    written: list[Path] = []
    files = {p.relative_to(source): p.read_text(encoding="utf-8") for p in sorted(source.rglob("*")) if p.is_file()}
    site_yml = files[Path("content/site.yml")]
    if language != shipped:  # es-MX: the starter is Spanish, the guide says which Spanish
        site_yml = site_yml.replace(f"\nlanguage: {shipped}\n", f"\nlanguage: {language}\n")
        files[Path("content/site.yml")] = site_yml
    title = next(line.split(":", 1)[1].strip() for line in site_yml.split("\n") if line.startswith("title:"))
    about = next(line.split(":", 1)[1].strip() for line in files[Path("docs/about.md")].split("\n") if line.startswith("title:"))
    files[Path("mkdocs.yml")] = MKDOCS_YML.format(title=title, about=about)
    files[Path("mkdocs-offline.yml")] = OFFLINE_YML
    files[Path(".gitignore")] = GITIGNORE
    if not readme.is_file():
        raise ValueError(f"the {shipped} starter has no README.md")
    for relative, text in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text.replace(TODAY, day), encoding="utf-8")
        written.append(target)
    return written
