"""What the project's folders may publish or leave behind (issue 20): a link in docs/ that leads out of
it is refused with its name and publishes nothing (site/, the preview, the offline zip); site/ gets
the mode any folder gets; folders left by a killed build are removed, and only those."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build.plugin import docs_links_outside
from generator.build.swap import new_build_folder, remove_stale_folders
from generator.cli import main
from tests.e2e.test_build import ROOT

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
SECRET = "SECRET-MARKER-6d1f"


def mini_project(where: Path) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "mkdocs-offline.yml"):
        shutil.copy(ROOT / name, where / name)
    shutil.copytree(ROOT / "docs", where / "docs")
    shutil.copytree(MINI, where / "content")
    return where


def everything_in(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())


# -- links in docs/ --------------------------------------------------------------------------------


@pytest.fixture()
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    (folder / "private").mkdir(parents=True)
    (folder / "passwd").write_text(f"root:x:0:0:{SECRET}\n", encoding="utf-8")
    (folder / "private" / "notes.md").write_text(f"# Notes\n\n{SECRET}\n", encoding="utf-8")
    return folder


def test_a_link_out_of_docs_fails_the_build_and_publishes_nothing(tmp_path: Path, outside: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = mini_project(tmp_path / "p")
    (project / "docs" / "passwd.txt").symlink_to(outside / "passwd")
    (project / "docs" / "private").symlink_to(outside / "private", target_is_directory=True)
    (project / "docs" / "about-too.md").symlink_to(project / "docs" / "about.md")  # inside docs/: harmless
    assert main(["build", "--config", str(project / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err
    assert f"docs/passwd.txt: links to {outside / 'passwd'}, outside docs/" in err
    assert f"docs/private: links to {outside / 'private'}, outside docs/" in err
    assert "about-too" not in err and "Traceback" not in err and "bug in the generator" not in err
    assert not (project / "site").exists()
    out = tmp_path / "guide.zip"
    assert main(["offline", "--config", str(project / "mkdocs-offline.yml"), "--out", str(out)]) == 1
    assert not out.exists()


def test_the_preview_never_serves_a_file_from_outside(tmp_path: Path, outside: Path) -> None:
    """`serve` shows the error in its banner and goes on: what it builds holds nothing from outside."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = mini_project(tmp_path / "p")
    (project / "docs" / "passwd.txt").symlink_to(outside / "passwd")
    (project / "docs" / "private").symlink_to(outside / "private", target_is_directory=True)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "preview"), strict=False)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    assert (tmp_path / "preview" / "index.html").is_file()
    assert SECRET not in everything_in(tmp_path / "preview")
    assert "docs/passwd.txt: links to" in (tmp_path / "preview" / "index.html").read_text(encoding="utf-8")


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_.", min_size=1, max_size=10).filter(lambda n: n not in {".", ".."})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(depth=st.lists(names, max_size=3), name=names, relative=st.booleans(), kind=st.sampled_from(["file", "folder", "dangling"]))
def test_every_link_leading_out_of_docs_is_named(tmp_path_factory: pytest.TempPathFactory, depth: list[str], name: str, relative: bool, kind: str) -> None:
    base = tmp_path_factory.mktemp("links")
    docs = base / "docs"
    folder = docs.joinpath(*depth)
    folder.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    target = {"file": base / "secret.txt", "folder": base / "secrets", "dangling": base / "missing"}[kind]
    if kind == "file":
        target.write_text(SECRET, encoding="utf-8")
    elif kind == "folder":
        target.mkdir()
    link = folder / name
    if link.exists():
        return
    link.symlink_to(os.path.relpath(target, folder) if relative else target)
    shown = f"docs/{link.relative_to(docs).as_posix()}: links to"
    assert [p for p in docs_links_outside(docs) if p.startswith(shown)], docs_links_outside(docs)
    # A link that stays inside docs/ is not a problem.
    link.unlink()
    link.symlink_to(docs / "index.md")
    assert docs_links_outside(docs) == []


# -- the folders a build makes -----------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_a_build_folder_gets_the_mode_any_folder_gets(tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        folder = new_build_folder(tmp_path / "site")
        plain = tmp_path / "plain"
        plain.mkdir()
    finally:
        os.umask(previous)
    assert folder.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777 == 0o777 & ~umask


def test_the_built_site_is_readable_by_a_web_server(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        project = mini_project(tmp_path / "p")
        assert main(["build", "--config", str(project / "mkdocs.yml")]) == 0
    finally:
        os.umask(previous)
    assert (project / "site").stat().st_mode & 0o777 == 0o755
    assert all(p.stat().st_mode & 0o004 for p in (project / "site").rglob("*"))
    zip_out = tmp_path / "guide.zip"
    assert main(["offline", "--config", str(project / "mkdocs-offline.yml"), "--out", str(zip_out)]) == 0
    with zipfile.ZipFile(zip_out) as archive:
        assert all((info.external_attr >> 16) & 0o004 for info in archive.infolist())


def a_dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    owner=st.sampled_from(["dead", "alive", "self"]),
    kind=st.sampled_from(["new", "old"]),
    suffix=st.sampled_from(["", "-0a1b2c3d", "-zz", "x"]),
    site=st.sampled_from(["site", "other"]),
    as_link=st.booleans(),
)
def test_only_folders_of_builds_that_are_gone_are_removed(
    tmp_path_factory: pytest.TempPathFactory, owner: str, kind: str, suffix: str, site: str, as_link: bool
) -> None:
    base = tmp_path_factory.mktemp("stale")
    (base / "site").mkdir()
    pid = {"dead": a_dead_pid(), "alive": os.getppid(), "self": os.getpid()}[owner]
    folder = base / f".{site}.{kind}-{pid}{suffix}"
    if as_link:
        (base / "elsewhere").mkdir()
        folder.symlink_to(base / "elsewhere")
    else:
        folder.mkdir()
        (folder / "index.html").write_text("x", encoding="utf-8")
    ours = site == "site" and suffix in {"", "-0a1b2c3d"} and not as_link and owner == "dead"
    removed = remove_stale_folders(base / "site")
    assert (removed == [folder]) is ours
    assert folder.exists() is not ours or folder.is_symlink()
    assert (base / "site").is_dir() and (base / "elsewhere").exists() is as_link


def test_a_site_moved_aside_by_a_killed_swap_is_put_back(tmp_path: Path) -> None:
    old = tmp_path / f".site.old-{a_dead_pid()}"
    old.mkdir()
    (old / "index.html").write_text("previous", encoding="utf-8")
    assert remove_stale_folders(tmp_path / "site") == []
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "previous"
