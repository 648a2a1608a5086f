"""Run one command and print its cost as JSON: wall time, CPU time of the
whole process tree (worker processes included) and the peak resident memory
of the largest process in it. Used by bench.py so every figure comes from a
fresh process."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main() -> int:
    command = sys.argv[1:]
    started = time.perf_counter()
    completed = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    json.dump({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
               "peak_mb": usage.ru_maxrss / 1024, "status": completed.returncode,
               "stderr": completed.stderr[-2000:]}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
