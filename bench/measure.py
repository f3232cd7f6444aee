"""Run one command and report its wall time and peak memory: `python -m bench.measure CMD...` (JSON on stdout).

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
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "returncode": done.returncode, "stderr": done.stderr[-2000:]}))


if __name__ == "__main__":
    main()
