"""Replacing site/ whole, or not at all: the lock, the interruptions and the swap of a build.

A build writes into a new folder beside site/ and swaps it in only when everything worked.
Three things could still leave site/ half-changed or debris beside it, and are handled here:
SIGTERM (which by default ends Python without any clean-up), a second build running at the
same time (each would rename the other's folders), and a site/ that cannot be removed.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import FrameType


class Interrupted(BaseException):
    """The build was stopped by SIGINT or SIGTERM (a BaseException, like KeyboardInterrupt)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signum)


@contextmanager
def _handling(handler: Callable[[int, FrameType | None], None]) -> Iterator[None]:
    """SIGINT and SIGTERM go to `handler` inside the block (unchanged off the main thread, where they cannot)."""
    try:
        previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        for s, old in previous.items():
            signal.signal(s, old)


def interrupts_raise() -> AbstractContextManager[None]:
    """Inside the block, SIGINT and SIGTERM raise Interrupted, so every `finally` and `except` runs."""
    return _handling(_raise)


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Inside the block a signal is remembered, not acted on; it is raised when the block ends.

    For the few steps that must not stop halfway: the two renames of the swap, and the clean-up."""
    received: list[int] = []
    with _handling(lambda signum, frame: received.append(signum)):
        yield
    if received:
        raise Interrupted(received[0])


@contextmanager
def build_lock(folder: Path) -> Iterator[None]:
    """One build at a time into `folder` (the folder that holds site/): later ones wait their turn.

    The lock is on the folder itself (flock on its descriptor), so no lock file is left behind."""
    try:
        import fcntl
    except ImportError:  # not a POSIX system: no lock
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another build in {folder} to finish…", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def check_replaceable(site_dir: Path) -> None:
    """Raise OSError, naming the folder, if the build could not replace `site_dir` and remove the old one."""
    parent = site_dir.parent
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OSError(f"{parent} is not writable, so {site_dir.name}/ cannot be replaced; build elsewhere with --site-dir")
    if not site_dir.exists():
        return
    for folder, _, _ in os.walk(site_dir):
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OSError(
                f"{folder} is read-only, so the previous site could not be removed; "
                f"make it writable (chmod -R u+w {site_dir}) or build elsewhere with --site-dir"
            )


def new_build_folder(site_dir: Path) -> Path:
    """A new, empty folder beside `site_dir` for a build to write into, named for this process.

    It is made with os.mkdir, so the umask decides its mode like any folder's (0755 with the usual
    umask 022): a web server running as another user can read the site. tempfile.mkdtemp made it
    0700, and the swap turned that into site/ itself (issue 20: 403 on every page)."""
    while True:
        folder = site_dir.parent / f".{site_dir.name}.new-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            folder.mkdir(mode=0o777)
            return folder
        except FileExistsError:
            continue


# The folders a build leaves beside site/ while it runs: .site.new-<pid>-<random>, .site.old-<pid>.
_BUILD_FOLDER = re.compile(r"^\.(?P<site>.+)\.(?:new|old)-(?P<pid>[1-9][0-9]*)(?:-[0-9a-f]+)?$")


def _process_is_gone(pid: int) -> bool:
    """True when no process has this id (a process of another user still counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def remove_stale_folders(site_dir: Path) -> list[Path]:
    """Remove the build folders beside `site_dir` that a build killed with SIGKILL (or a power cut)
    left behind, and return them. Only folders named for a process that no longer exists are
    touched: never one of a build still running, nor anything not named like ours. A previous
    site/ moved aside by a swap that was killed halfway is put back, not removed."""
    removed = []
    for folder in site_dir.parent.iterdir():
        match = _BUILD_FOLDER.match(folder.name)
        if (
            match is None or match["site"] != site_dir.name or folder.is_symlink() or not folder.is_dir()
            or int(match["pid"]) == os.getpid() or not _process_is_gone(int(match["pid"]))
        ):
            continue
        if ".old-" in folder.name and not site_dir.exists():
            # Killed between the swap's two renames: this is the previous site; put it back.
            folder.rename(site_dir)
            continue
        remove_quietly(folder)
        removed.append(folder)
    return removed


def swap_in(new: Path, site_dir: Path, old: Path) -> None:
    """Put `new` in place of `site_dir` (keeping the previous one at `old` until this returns)."""
    with interrupts_deferred():
        if site_dir.exists():
            site_dir.rename(old)
        try:
            new.rename(site_dir)
        except BaseException:
            if old.exists() and not site_dir.exists():
                old.rename(site_dir)
            raise


def remove_quietly(folder: Path) -> None:
    """Remove a folder of ours; say so if some of it stays (it is named, never left without a word)."""
    failures: list[str] = []
    with interrupts_deferred():
        if sys.version_info >= (3, 12):
            shutil.rmtree(folder, onexc=lambda func, path, exc: failures.append(path))
        else:
            shutil.rmtree(folder, onerror=lambda func, path, exc: failures.append(path))
    if failures and folder.exists():
        print(f"warning: could not remove {folder} ({len(failures)} item(s)); delete it by hand", file=sys.stderr)
