"""What every Python peer shares: its command line and the one JSON line it prints.

A peer is the sleep workload written the way a Python programmer would write it with one
concurrency tool. It times itself around the workload only (interpreter start-up and imports
excluded), as concur-demo times its models, and reports whether every task produced its result.
"""
import json
import sys
import time


def arguments():
    """Returns (tasks, delay in seconds, workers) from `peer.py TASKS DELAY_MS [WORKERS]`."""
    if len(sys.argv) not in (3, 4):
        sys.exit(f"usage: {sys.argv[0]} TASKS DELAY_MS [WORKERS]")
    workers = int(sys.argv[3]) if len(sys.argv) == 4 else None
    return int(sys.argv[1]), float(sys.argv[2]) / 1000.0, workers


def sleep_task(index, delay):
    """One task: wait `delay` seconds and hand back its index. Like std::this_thread::sleep_for,
    a zero delay returns at once instead of making a system call."""
    if delay > 0:
        time.sleep(delay)
    return index


def report(started, results, tasks):
    """Prints the wall time since `started` and whether task i returned i for every i."""
    wall = time.perf_counter() - started
    verified = sorted(results) == list(range(tasks)) if results is not None else True
    print(json.dumps({"wall_s": wall, "tasks": tasks, "verified": verified}))
