"""Run one command and report its wall time, CPU time and peak memory: `python -m bench.measure CMD...` (JSON on stdout).

A fresh wrapper per measurement, so the children's peak memory is that command's alone.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main() -> None:
    started = time.perf_counter()
    done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time counts the command's worker processes too (each is waited for by its parent).
    cpu = usage.ru_utime + usage.ru_stime
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": usage.ru_maxrss / 1024,
                      "returncode": done.returncode, "stderr": done.stderr[-2000:]}))


if __name__ == "__main__":
    main()
