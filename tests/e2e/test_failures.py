"""A build that fails at any stage leaves site/ as it was; template errors name template, line and page."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.load import load_site
from generator.pages.render import Renderer, RenderError
from tests.e2e.test_build import make_project, tree_digest

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture
def project_with_site(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    project = make_project(tmp_path / "p")
    assert main(["build", "--config", str(project / "mkdocs.yml")]) == 0
    return project, tree_digest(project / "site")


def build(project: Path) -> int:
    return main(["build", "--config", str(project / "mkdocs.yml")])


def test_template_syntax_error_names_template_line_and_page(tmp_path: Path) -> None:
    overrides = tmp_path / "templates"
    overrides.mkdir()
    (overrides / "topic.md.j2").write_text("# {{ page.topic.title }}\n\n{% for x in %}\n")
    site, _ = load_site(MINI)
    with pytest.raises(RenderError) as caught:
        Renderer(site, overrides).pages()
    assert str(caught.value).startswith("templates/topic.md.j2:3: while rendering basics/alpha.md: ")


def test_template_undefined_name_names_template_line_and_page(tmp_path: Path) -> None:
    overrides = tmp_path / "templates"
    overrides.mkdir()
    (overrides / "section.md.j2").write_text("# {{ page.section.title }}\n\n{{ page.no_such_thing }}\n")
    site, _ = load_site(MINI)
    with pytest.raises(RenderError) as caught:
        Renderer(site, overrides).pages()
    message = str(caught.value)
    assert message.startswith("templates/section.md.j2:3: while rendering basics/index.md: ")
    assert "no_such_thing" in message


def test_override_template_is_used(tmp_path: Path) -> None:
    overrides = tmp_path / "templates"
    overrides.mkdir()
    (overrides / "glossary.md.j2").write_text("# Our own glossary\n")
    site, _ = load_site(MINI)
    pages = {p.path: p.markdown for p in Renderer(site, overrides).pages()}
    assert pages["glossary.md"] == "# Our own glossary\n"


def test_failure_at_the_template_stage(project_with_site: tuple[Path, dict[str, str]]) -> None:
    project, before = project_with_site
    (project / "templates").mkdir()
    (project / "templates" / "topic.md.j2").write_text("{{ page.nope }}\n")
    assert build(project) == 1
    assert tree_digest(project / "site") == before


def test_failure_at_the_disk_stage(project_with_site: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    project, before = project_with_site
    import mkdocs.utils

    real = mkdocs.utils.write_file
    calls = {"n": 0}

    def full_disk(content: bytes, output_path: str) -> None:
        calls["n"] += 1
        if calls["n"] > 5:
            raise OSError(errno.ENOSPC, "No space left on device", output_path)
        real(content, output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", full_disk)
    assert build(project) == 1
    assert tree_digest(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site.")]


def test_script_in_content_never_reaches_a_page(project_with_site: tuple[Path, dict[str, str]]) -> None:
    project, before = project_with_site
    topic = project / "content" / "topics" / "openness.md"
    topic.write_text(topic.read_text().replace("## In plain words\n", "## In plain words\n\n<script>alert(1)</script>\n", 1))
    assert build(project) == 1
    assert tree_digest(project / "site") == before


def test_built_pages_carry_no_script_from_content(project_with_site: tuple[Path, dict[str, str]]) -> None:
    import re

    project, _ = project_with_site
    for page in (project / "site").rglob("*.html"):
        body = page.read_text()
        article = body.split('<article class="md-content__inner md-typeset">', 1)[-1].split("</article>", 1)[0]
        assert "<script" not in article, page
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", article, re.I), page
        assert "javascript:" not in article.lower(), page


def test_unusual_but_valid_input_builds(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    topic = project / "content" / "topics" / "openness.md"
    text = topic.read_text(encoding="utf-8").replace('title: "Openness', 'title: "Ouverture 🌱 – Openness', 1)
    assert "Ouverture" in text, "title line changed shape; update the test"
    topic.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert build(project) == 0
    page = (project / "site" / "why-it-matters" / "openness" / "index.html").read_text(encoding="utf-8")
    assert "Ouverture 🌱 – Openness" in page
