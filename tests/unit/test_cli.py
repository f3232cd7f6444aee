"""Command-line conventions: --version, typo hints, help with defaults, one-line errors, ports, packaging."""

from __future__ import annotations

import argparse
import socket
import tomllib
from pathlib import Path

import pytest

from generator import cli, console
from generator.cli import main, parser

ROOT = Path(__file__).resolve().parents[2]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"therapy-guide {console.version()}"
    assert console.version()[0].isdigit()


@pytest.mark.parametrize(("typed", "meant"), [("buidl", "build"), ("chek", "check"), ("serv", "serve"), ("exprot", "export")])
def test_a_mistyped_command_gets_did_you_mean(capsys: pytest.CaptureFixture[str], typed: str, meant: str) -> None:
    assert main([typed]) == 2
    err = capsys.readouterr().err
    assert f"unknown command '{typed}' (did you mean '{meant}'?)" in err
    assert err.count("\n") == 1


def test_an_unrelated_word_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["zzzz"]) == 2
    assert "the commands are: check, build, serve" in capsys.readouterr().err


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_option_has_help_and_shows_its_default() -> None:
    for name, sub in _subcommands().items():
        text = sub.format_help()
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help, f"{name} {action.dest} has no help text"
            if isinstance(action.default, str):
                # Compared without white space: argparse wraps long defaults.
                assert f"default:{action.default}" in "".join(text.split()), f"{name} {action.dest}: default not shown"


def test_serve_help_names_the_default_address() -> None:
    assert "127.0.0.1:8000" in _subcommands()["serve"].format_help()


@pytest.mark.parametrize("command", ["check", "export", "report"])
def test_a_missing_content_folder_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    assert main([command, "--content", str(tmp_path / "nonexistent")]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "does not exist" in captured.err and "error in" not in captured.err


@pytest.mark.parametrize("command", ["build", "serve", "pdf", "offline"])
def test_a_missing_config_file_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    assert main([command, "--config", str(tmp_path / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not found" in err and "Traceback" not in err


def test_new_with_an_unknown_section_is_an_error(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "gamma", "--section", "basic", "--title", "Gamma", "--content", str(mini)]) == 1
    assert 'unknown section "basic" (did you mean "basics"?)' in capsys.readouterr().err


def test_check_counts_drafts_not_published(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "gamma", "--section", "basics", "--title", "Gamma", "--content", str(mini)]) == 0
    assert main(["check", "--content", str(mini)]) == 0
    captured = capsys.readouterr()
    assert "1 draft not published (content/topics/gamma.md)" in captured.out
    assert "warning: summary: placeholder text from the scaffold" in captured.err


def _occupied() -> socket.socket:
    """A listening socket on a free port (found by binding to port 0)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


def test_a_busy_default_port_moves_to_the_next_free_one(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with _occupied() as busy:
        port = busy.getsockname()[1]
        monkeypatch.setattr(cli, "DEFAULT_ADDRESS", f"127.0.0.1:{port}")
        address = cli.serve_address(None)
    assert address is not None and address != f"127.0.0.1:{port}"
    assert int(address.rsplit(":", 1)[1]) > port
    assert capsys.readouterr().err == f"port {port} is in use; serving on {address} instead\n"


def test_a_busy_requested_port_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with _occupied() as busy:
        port = busy.getsockname()[1]
        assert cli.serve_address(f"127.0.0.1:{port}") is None
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"127.0.0.1:{port} is in use" in err


@pytest.mark.parametrize("address", ["8000", "localhost:", "host:99999", ":80"])
def test_a_malformed_address_is_one_line(capsys: pytest.CaptureFixture[str], address: str) -> None:
    assert cli.serve_address(address) is None
    assert "is not an address like 127.0.0.1:8000" in capsys.readouterr().err


def test_a_closed_pipe_ends_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    def reader_went_away(args: argparse.Namespace) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    silenced = []
    monkeypatch.setattr(console, "silence_stdout", lambda: silenced.append(True))
    monkeypatch.setattr(cli, "cmd_report", reader_went_away)
    assert main(["report"]) == 0
    assert silenced == [True]


def test_only_the_generator_is_installed_with_one_command() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["tool"]["setuptools"]["packages"]["find"]["include"] == ["generator", "generator.*"]
    assert project["project"]["scripts"] == {"therapy-guide": "generator.__main__:run"}
    assert project["project"]["license"] == "MIT" and (ROOT / "LICENSE").is_file()
    data = project["tool"]["setuptools"]["package-data"]["generator"]
    assert "pages/templates/*.j2" in data and "pages/assets/**/*" in data


def test_export_leaves_drafts_out(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["new", "gamma", "--section", "basics", "--title", "Gamma", "--content", str(mini)]) == 0
    capsys.readouterr()
    assert main(["export", "--content", str(mini)]) == 0
    topics = json.loads(capsys.readouterr().out)["topics"]
    assert [t["id"] for t in topics] == ["alpha", "beta"]
    assert all("draft" not in t for t in topics)


def test_no_command_prints_the_list_of_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "check" in err and "build" in err and "serve" in err and "--version" in err


def test_a_missing_dependency_is_one_clear_line_not_a_traceback() -> None:
    """A generator updated but not reinstalled: the command names the missing package and how to fix it."""
    import subprocess
    import sys

    for name in ("regex", "yaml", "pydantic"):
        code = f"import sys; sys.modules[{name!r}] = None; from generator.__main__ import run; sys.exit(run())"
        done = subprocess.run([sys.executable, "-c", code, "check"], capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr and f"'{name}' is not installed" in done.stderr and "make" in done.stderr
