"""What the command line needs around its commands: version, typo hints, ports, pipes, paths.

Kept apart from `cli.py` so the commands stay readable: nothing here knows about content.
"""

from __future__ import annotations

import difflib
import errno
import os
import socket
import sys
from collections.abc import Iterable
from pathlib import Path

PROG = "therapy-guide"
DIST = "therapeutic-relationship-guide"


def runnable() -> str:
    """The command as a user can type it here: `therapy-guide` when that name on PATH is this install,
    else this install's script by its path (.venv/bin/therapy-guide), else `python -m generator`."""
    import shlex
    import shutil

    script = Path(sys.executable).parent / PROG
    on_path = shutil.which(PROG)
    if on_path and script.is_file() and Path(on_path).resolve() == script.resolve():
        return PROG
    if script.is_file():
        return shlex.quote(shown_path(script))
    return f"{shlex.quote(sys.executable)} -m generator"


def version() -> str:
    """The installed version (the package's own number when run from a checkout without installing)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    from . import __version__

    try:
        return installed(DIST)
    except PackageNotFoundError:
        return __version__


def unknown_command(argv: list[str], commands: Iterable[str]) -> str | None:
    """A one-line message when the first word is not a command (with the closest one), else None."""
    word = next((a for a in argv if not a.startswith("-")), None)
    commands = list(commands)
    if word is None or word in commands or argv[: argv.index(word)]:  # options first: argparse decides
        return None
    close = difflib.get_close_matches(word, commands, n=1, cutoff=0.5)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"{PROG}: unknown command '{word}'{hint}; the commands are: {', '.join(commands)}"


def port_is_free(host: str, port: int) -> bool:
    """Whether a server could listen on host:port now (the same check MkDocs' server makes)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port_from(host: str, port: int, tries: int = 20) -> int | None:
    """The first free port from `port` on (up to `tries` of them), or None."""
    return next((p for p in range(port, min(port + tries, 65536)) if port_is_free(host, p)), None)


def split_address(address: str) -> tuple[str, int]:
    """'127.0.0.1:8000' -> ('127.0.0.1', 8000); raise ValueError with a plain message otherwise."""
    host, sep, port = address.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"'{address}' is not an address like 127.0.0.1:8000")
    return host.strip("[]"), int(port)


def shown_path(path: Path) -> str:
    """A path as the user can paste it: relative to the current folder when inside it, else absolute."""
    path = path.resolve()
    try:
        return str(path.relative_to(Path.cwd())) or "."
    except ValueError:
        return str(path)


def silence_stdout() -> None:
    """After a closed pipe (`| head`): point stdout at /dev/null so the exit flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def is_broken_pipe(exc: BaseException) -> bool:
    """True for the error a write to a closed pipe raises."""
    return isinstance(exc, BrokenPipeError) or (isinstance(exc, OSError) and exc.errno == errno.EPIPE)
