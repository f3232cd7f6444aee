"""A process forked to work beside the build, joined to it by one pipe (parallel.py, precompress.py).

Only where `os.fork` exists; the callers fall back to doing the work in the main process.
"""

from __future__ import annotations

import os
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
