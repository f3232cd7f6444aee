"""Shared fixtures: copies of the real content and of the small golden fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of the real content, safe to break."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A private copy of the small fixture content."""
    target = tmp_path / "content"
    shutil.copytree(MINI, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a file once, failing loudly if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- the browser, shared by tests/browser and tests/gates: one Chromium for the whole run ----------

def _require_or_skip(missing: str | None) -> None:
    import os

    if missing:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests are required here (REQUIRE_BROWSER=1) but {missing}")
        pytest.skip(missing)


@pytest.fixture(scope="session")
def driver():  # type: ignore[no-untyped-def]
    """One headless Chromium for all browser tests (skipped without it unless REQUIRE_BROWSER=1)."""
    from audit.browser import browser_missing, start_chromium

    _require_or_skip(browser_missing())
    browser = start_chromium()
    yield browser
    browser.quit()


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once for the browser tests and gates."""
    from generator.cli import main
    from tests.e2e.test_build import make_project

    where = make_project(tmp_path_factory.mktemp("browser-project"))
    assert main(["build", "--config", str(where / "mkdocs.yml")]) == 0
    return where


@pytest.fixture(scope="session")
def served(project: Path):  # type: ignore[no-untyped-def]
    """The built site on http://127.0.0.1:<port>."""
    from audit.browser import serve

    with serve(project / "site") as base:
        yield base


@pytest.fixture(scope="session")
def node_tools() -> None:
    """axe-core and the Nu checker, installed into .cache/node (needs npm)."""
    import shutil
    import subprocess

    from audit.gates import ensure_node_tools

    _require_or_skip(None if shutil.which("npm") else "npm not found (install Node.js)")
    try:
        ensure_node_tools()
    except subprocess.CalledProcessError as exc:
        _require_or_skip(f"could not install the Node tools: {exc}")
