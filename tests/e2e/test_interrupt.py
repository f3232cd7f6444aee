"""Interrupted, concurrent and impossible builds leave site/ as it was and nothing beside it (issue 14)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import build_reporting
from tests.e2e.test_build import make_project, tree_digest


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.cli import main

    project = make_project(tmp_path_factory.mktemp("interrupt") / "p")
    assert main(["build", "--config", str(project / "mkdocs.yml")]) == 0
    return project


def debris(project: Path, tmp: Path) -> list[str]:
    """Temporary folders a build may make: beside site/, and the page workers' folder in TMPDIR."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith((".site.new-", ".site.old-"))) + sorted(
        p.name for p in tmp.iterdir()
    )


def start_build(project: Path, tmp: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp)}
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build"], cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_build_changes_nothing(built: Path, tmp_path: Path, signum: int) -> None:
    before = tree_digest(built / "site")
    proc = start_build(built, tmp_path)
    deadline = time.monotonic() + 60
    # Wait until the build is under way (its new folder exists), then interrupt it.
    while not any(p.name.startswith(".site.new-") for p in built.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0, err
    assert "Traceback" not in err
    assert "build interrupted" in err and "was not changed" in err
    assert tree_digest(built / "site") == before
    assert debris(built, tmp_path) == []


def test_concurrent_builds_take_turns(built: Path, tmp_path: Path) -> None:
    procs = [start_build(built, tmp_path) for _ in range(4)]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [err[-500:] for _, err in results]
    assert any("waiting for another build" in err for _, err in results)
    assert (built / "site" / "index.html").is_file()
    assert debris(built, tmp_path) == []


def test_a_read_only_site_is_a_clear_error(built: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """As root every folder is writable, so the test makes os.access say what it says for a normal user."""
    from generator.build import swap

    before = tree_digest(built / "site")
    real = os.access
    locked = built / "site" / "basics"
    monkeypatch.setattr(swap.os, "access", lambda path, mode: False if Path(path) == locked else real(path, mode))
    assert build_reporting(built / "mkdocs.yml", built / "site") is False
    err = capsys.readouterr().err
    assert f"{locked} is read-only" in err and "chmod -R u+w" in err
    assert tree_digest(built / "site") == before
    assert [p.name for p in built.iterdir() if p.name.startswith(".site.")] == []


def test_a_build_killed_with_sigkill_is_cleaned_up_by_the_next(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """SIGKILL runs no clean-up: its .site.new-<pid>-… stays until the next build, which removes it
    (its process is gone) and builds as usual (issue 20)."""
    from generator.cli import main

    proc = start_build(built, tmp_path)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".site.new-") for p in built.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.kill()
    proc.communicate(timeout=60)
    left = [p.name for p in built.iterdir() if p.name.startswith(".site.new-")]
    assert left and all(name.startswith(f".site.new-{proc.pid}-") for name in left)
    assert main(["build", "--config", str(built / "mkdocs.yml")]) == 0
    assert f"removed {left[0]}, left by a build that was killed" in capsys.readouterr().err
    assert [p.name for p in built.iterdir() if p.name.startswith(".site.")] == []
