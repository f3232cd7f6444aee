"""The MkDocs plugin: the only module (with the CLI) that knows MkDocs exists.

It loads and checks `content/`, adds the rendered pages to the build in
memory (`File.generated`, nothing is written into `docs/`), puts them in the
navigation ahead of any hand-written pages, and watches `content/` when
previewing. Diagnostics go through the `mkdocs.plugins.generator` logger, so
`strict` counts the warnings.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .checks import check_site
from .load import load_site
from .render import Page, Renderer, RenderError, glossary_abbreviations

log = logging.getLogger("mkdocs.plugins.generator")


class GeneratorConfig(Config):
    """Options for the `generator` plugin in mkdocs.yml."""

    content_dir = c.Type(str, default="content")
    """The content folder, relative to mkdocs.yml."""
    templates_dir = c.Type(str, default="templates")
    """A folder of templates that override the packaged ones, relative to mkdocs.yml."""


class GeneratorPlugin(BasePlugin[GeneratorConfig]):
    """Generate the guide's pages from `content/` during an MkDocs build."""

    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.content_path: Path | None = None
        self.abbreviations = ""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load, check and render the content; fail with every diagnostic at once."""
        base = Path(config.config_file_path or ".").resolve().parent
        self.content_path = base / self.config.content_dir
        site, diags = load_site(self.content_path)
        if site is not None:
            check_site(site, diags)
        for warning in diags.warnings:
            log.warning(str(warning))
        if diags.errors:
            lines = [str(d) for d in diags.sorted() if d.severity == "error"]
            raise PluginError("content has errors:\n" + "\n".join(lines) + "\n" + diags.summary())
        renderer = Renderer(site, base / self.config.templates_dir)
        try:
            self.pages = renderer.pages()
        except RenderError as exc:
            raise PluginError(str(exc)) from exc
        config.nav = renderer.nav() + list(config.nav or [])
        self.abbreviations = glossary_abbreviations(site)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add the generated pages to the build, in memory."""
        for page in self.pages:
            if files.get_file_from_path(page.path) is not None:
                log.warning(f"docs/{page.path} is replaced by the generated page of the same name")
                files.remove(files.get_file_from_path(page.path))
            files.append(File.generated(config, page.path, content=page.markdown))
        return files

    def on_page_markdown(self, markdown: str, /, *, page, config: MkDocsConfig, files: Files) -> str:  # type: ignore[no-untyped-def]
        """Append the glossary's abbreviations, so its terms show a tooltip on every page."""
        return f"{markdown}\n\n{self.abbreviations}\n" if self.abbreviations else markdown

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        """Rebuild the preview when anything in content/ changes."""
        if self.content_path is not None:
            server.watch(str(self.content_path))
        return server
