"""The command line as a user meets it: pipes, a busy port, build summaries, content errors."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.new import new_topic
from tests.conftest import edit
from tests.e2e.test_build import make_project

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# `make` as typed in a shell: under `make test` these are set, and a nested make prints "Entering directory".
SHELL_ENV = {k: v for k, v in ENV.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES"}}


def test_export_into_head_ends_cleanly(content: Path) -> None:
    """The export is larger than a pipe holds, so `head` closes the pipe while we still write."""
    done = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {sys.executable} -m generator export --content content | head -n 1"],
        cwd=content.parent, capture_output=True, text=True, timeout=120, env=ENV,
    )
    assert done.stderr == ""
    assert done.stdout == "{\n"
    assert done.returncode == 0


needs_make = pytest.mark.skipif(
    shutil.which("make") is None or not (ROOT / ".venv" / ".installed").exists(), reason="needs make and the project's .venv"
)


@needs_make
def test_make_export_writes_pure_json() -> None:
    done = subprocess.run(["make", "export"], cwd=ROOT, capture_output=True, text=True, timeout=120, env=SHELL_ENV)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["topics"]


@needs_make
def test_make_export_into_head_ends_cleanly() -> None:
    done = subprocess.run(
        ["bash", "-c", "set -o pipefail; make export | head -n 1"], cwd=ROOT, capture_output=True, text=True, timeout=120, env=SHELL_ENV
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "{\n", "")


def test_a_busy_port_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))  # a free port, then occupied
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, capture_output=True, text=True, timeout=60, env=ENV,
        )
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0, done.stderr
    assert f"127.0.0.1:{port} is in use" in done.stderr and "Traceback" not in done.stderr


def test_a_content_error_ends_with_our_count_not_mkdocs_abort(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "p")
    edit(project / "content" / "topics" / "working-alliance.md", "order:", "ordr:")
    assert main(["build", "--config", str(project / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err
    assert "Aborted with a BuildError" not in err
    assert err.count("ordr: unknown field") == 1
    lines = err.strip().splitlines()
    assert lines[-2] == "1 error in 1 file"
    assert lines[-1].startswith("build stopped:") and lines[-1].endswith("site/ was not changed")


def test_build_from_another_folder_reports_where_and_leaves_drafts_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "p")
    new_topic(project / "content", "trust-basics", "basics", "Trust: the basics")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["build", "--config", "../p/mkdocs.yml"]) == 0
    captured = capsys.readouterr()
    summary = captured.out.strip().splitlines()[-1]
    assert summary.startswith("built ") and " pages in " in summary
    where = Path(summary.rsplit(" into ", 1)[1])
    assert where.is_dir() and where.resolve() == (project / "site").resolve()
    pages = int(summary.split()[1])
    assert pages == sum(1 for _ in where.rglob("*.html")) > 28
    assert not (where / "basics" / "trust-basics").exists()
    assert "Trust: the basics" not in (where / "basics" / "index.html").read_text(encoding="utf-8")
    assert "1 draft not published (content/topics/trust-basics.md)" in captured.err
