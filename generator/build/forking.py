"""A process forked to work beside the build, joined to it by one pipe (parallel.py, precompress.py,
and `Beside` for the content checks, which run while the pages are rendered).

Only where `os.fork` exists; the callers fall back to doing the work in the main process.
"""

from __future__ import annotations

import os
import pickle
import traceback
from collections.abc import Callable


def keep_only(fd: int) -> None:
    """In a forked process: close every inherited file descriptor but the standard ones and `fd`, so
    that no pipe or lock of the parent's is held open by this process (a pipe held open here would
    never tell its writer that the reader has gone)."""
    most = os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 65536
    os.closerange(3, fd)
    os.closerange(fd + 1, most)


def fork_with_pipe(work: Callable[[int], None], child_writes: bool) -> tuple[int, int] | None:
    """Fork a process running `work(fd)` on its end of a new pipe (the writing end if `child_writes`);
    `work` must end the process (os._exit). Returns (pid, the parent's end), or None if no process
    could be forked."""
    if not hasattr(os, "fork"):
        return None
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    mine, theirs = (read_end, write_end) if child_writes else (write_end, read_end)
    if pid == 0:
        keep_only(theirs)
        work(theirs)
        os._exit(1)  # `work` should not return
    os.close(theirs)
    return pid, mine


class Beside:
    """A function run in a forked process while the main process goes on; `result()` waits for it.

    The result comes back pickled through a pipe. Anything that goes wrong there (the function
    raised, the process died, the result would not pickle) makes `result()` raise `BesideFailed`,
    and the caller does the work itself."""

    def __init__(self, pid: int, read_end: int):
        self.pid = pid
        self.read_end = read_end

    @classmethod
    def start(cls, work: Callable[[], object]) -> Beside | None:
        """Fork a process computing `work()`; None if none could be forked."""
        forked = fork_with_pipe(lambda write_end: _run_beside(work, write_end), child_writes=True)
        return cls(*forked) if forked is not None else None

    def result(self) -> object:
        """The function's result (waits for the process)."""
        try:
            with os.fdopen(self.read_end, "rb") as stream:
                payload = stream.read()  # read all first: a large result fills the pipe before the process can end
        finally:
            os.waitpid(self.pid, 0)
        try:
            ok, value = pickle.loads(payload)
        except Exception as exc:  # an empty or cut-off result: the process died
            raise BesideFailed("the process ended without a result") from exc
        if not ok:
            raise BesideFailed(value)
        return value


class BesideFailed(RuntimeError):
    """The work done beside the main process did not finish; the main process does it again."""


def _run_beside(work: Callable[[], object], write_end: int) -> None:
    try:
        try:
            payload = pickle.dumps((True, work()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # reported to the main process, which does the work itself
            payload = pickle.dumps((False, traceback.format_exc(limit=5)))
        with os.fdopen(write_end, "wb") as out:
            out.write(payload)
    finally:
        os._exit(0)
