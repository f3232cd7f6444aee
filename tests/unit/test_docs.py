"""The README and the manual stand alone: short README, no link out of the repository."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def _links(page: Path) -> list[str]:
    return LINK.findall(page.read_text(encoding="utf-8"))


def test_the_readme_is_short_and_links_only_into_the_repository() -> None:
    readme = ROOT / "README.md"
    assert readme.stat().st_size < 6 * 1024
    links = _links(readme)
    assert "manual/README.md" in links and "LICENSE" in links
    for name in ("phone-home", "phone-topic", "desktop-home", "desktop-topic"):
        assert f"manual/screenshots/{name}.png" in links
    for target in links:
        assert not re.match(r"^[a-z]+:", target), f"README links outside the repository: {target}"


def test_manual_links_stay_inside_the_repository() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "manual").glob("*.md"))]
    for page in pages:
        for target in _links(page):
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            resolved = (page.parent / target.split("#")[0]).resolve()
            assert ROOT in resolved.parents, f"{page.name} links outside the repository: {target}"
            assert "shared" not in resolved.relative_to(ROOT).parts, f"{page.name} links to shared material: {target}"


def test_the_manual_index_lists_every_page_of_the_manual() -> None:
    index = set(_links(ROOT / "manual" / "README.md"))
    for page in (ROOT / "manual").glob("*.md"):
        if page.name != "README.md":
            assert page.name in index, f"manual/README.md does not link {page.name}"


def test_the_readme_new_topic_example_works(content: Path) -> None:
    import shlex

    from generator.cli import main

    line = next(l for l in (ROOT / "README.md").read_text(encoding="utf-8").splitlines() if "therapy-guide new " in l)
    args = shlex.split(line.split("therapy-guide ", 1)[1])
    assert main([*args, "--content", str(content)]) == 0
