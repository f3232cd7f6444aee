"""Both engines build the guide, and their sites compare equal (issue 22: ProperDocs as a second engine).

The same project is built by MkDocs and by ProperDocs, each in a process of its own as a user runs
it (`therapy-guide build --engine ...`); every file must be the same, byte for byte, except the
one line where each engine names itself (`<meta name="generator">`).
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .test_build import make_project

pytest.importorskip("properdocs", reason="ProperDocs is a test dependency: pip install -e '.[test]'")

GENERATOR_META = re.compile(rb'<meta name="generator" content="[^"]*">')


def build_with(engine: str, project: Path) -> Path:
    site = project / f"site-{engine}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--engine", engine, "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return site


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def comparable(name: str, data: bytes) -> bytes:
    """The file without the engine's name (in a page, and in the page's compressed copies)."""
    if name.endswith(".html.gz"):
        data, name = gzip.decompress(data), name.removesuffix(".gz")
    elif name.endswith(".html.br"):
        from generator.build.precompress import brotli

        data, name = brotli.decompress(data), name.removesuffix(".br")
    return GENERATOR_META.sub(b"", data) if name.endswith(".html") else data


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    project = make_project(tmp_path_factory.mktemp("engines"))
    return {engine: build_with(engine, project) for engine in ("mkdocs", "properdocs")}


def test_both_engines_build_the_same_pages_at_the_same_addresses(sites: dict[str, Path]) -> None:
    mkdocs, properdocs = files_of(sites["mkdocs"]), files_of(sites["properdocs"])
    assert sorted(mkdocs) == sorted(properdocs)
    assert sum(name.endswith(".html") for name in mkdocs) > 40
    # The theme's own files are published too (a check for links out of docs/ once dropped them all).
    assert any(re.fullmatch(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css", name) for name in mkdocs)
    assert any(re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js", name) for name in mkdocs)


def test_every_file_is_the_same_but_the_engines_name(sites: dict[str, Path]) -> None:
    mkdocs, properdocs = files_of(sites["mkdocs"]), files_of(sites["properdocs"])
    different = [name for name in mkdocs if comparable(name, mkdocs[name]) != comparable(name, properdocs.get(name, b""))]
    assert different == []
    home = properdocs["index.html"].decode("utf-8")
    assert "ProperDocs" in GENERATOR_META.search(properdocs["index.html"]).group(0).decode()  # it really was ProperDocs
    assert 'http-equiv="Content-Security-Policy"' in home and "guide-help-now" in home


def test_an_unknown_or_missing_engine_is_one_clear_line(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--engine", "hugo"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "invalid choice: 'hugo'" in done.stderr and "Traceback" not in done.stderr
