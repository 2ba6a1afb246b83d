#!/usr/bin/env python3
"""Memory per waiting task, one table: concur-demo's coroutine, fiber, thread and process (its
own sweep with --metric rss-per-task) beside Python asyncio and Node.js at the same task counts.

    python3 tests/bench/rss_per_task.py                    # after cmake --build --preset release
    python3 tests/bench/rss_per_task.py --tasks 1000,10000 --delay-ms 1000

concur-demo's cells are `concur-demo sweep sleep --vary tasks=... --metric rss-per-task`: the
measured process's memory growth over its run divided by the tasks in flight at once (thread
and fork only where the limit check lets them run; the sweep says which it left out). A peer's
cell is (its peak RSS with N tasks − its peak RSS with one task) / N, both from wait4's
ru_maxrss, so the interpreter's own memory cancels as concur-demo's process baseline does.
Peak RSS is per process: for fork it is the largest child's, which is why concur-demo's fork
figure is memory growth per task of the parent's tree as the tool measures it, not the kernel's.
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402  (run_peer, measure_peer, the peers' command lines)

KIB = 1024


def concur_sweep(binary, models, counts, delay_ms):
    """{(model, tasks): KiB per task} from one concur-demo sweep; the notes it printed."""
    command = [binary, "sweep", "sleep", "--model", ",".join(models), "--vary", "tasks=" + ",".join(map(str, counts)),
               "--delay", f"{delay_ms}ms", "--metric", "rss-per-task", "--repeat", "1", "--warmup", "0", "--format",
               "json"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"concur-demo sweep failed ({done.returncode}): {done.stderr.strip()}")
    cells = {}
    for row in json.loads(done.stdout)["results"]:
        cells[(row["model"], row["tasks"])] = row["rss_per_task_kib"] if row["verified"] else None
    return cells, [line for line in done.stderr.splitlines() if "left out" in line]


def peer_per_task(command_for, tasks, delay_ms):
    """(peak RSS with `tasks` − with one) / tasks, in KiB; None if either run failed."""
    one = peers.measure_peer(command_for(1, delay_ms, 0, None))
    many = peers.measure_peer(command_for(tasks, delay_ms, 0, None))
    if "error" in one or "error" in many:
        return None
    return (many["rss_kib"] - one["rss_kib"]) / tasks


def cell(value):
    if value is None:
        return "—"
    return f"{value * KIB:.0f} B" if value < 1 else f"{value:.2f} KiB"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(peers.ROOT, "build", "release", "concur-demo"))
    parser.add_argument("--tasks", default="1000,10000,100000,1000000", help="comma-separated task counts")
    parser.add_argument("--delay-ms", type=int, default=1000, help="each task's wait (default 1000)")
    args = parser.parse_args()
    counts = [int(n) for n in args.tasks.split(",")]
    models = ["async", "fiber", "thread", "fork"]
    cells, notes = concur_sweep(args.binary, models, counts, args.delay_ms)
    programs = [(f"concur-demo {m}", lambda n, m=m: cells.get((m, n))) for m in models]
    programs.append(("Python asyncio.gather", lambda n: peer_per_task(peers.python_peer("sleep_asyncio.py"), n,
                                                                       args.delay_ms)))
    if peers.runtime_version("node") is not None:
        programs.append(("Node.js Promise.all", lambda n: peer_per_task(peers.node_peer("sleep_promises.js"), n,
                                                                         args.delay_ms)))
    print(f"Command: `python3 tests/bench/rss_per_task.py {' '.join(sys.argv[1:])}`".rstrip() + "  ")
    print(f"Each task waits {args.delay_ms} ms; memory per task in flight (— : not run or refused).\n")
    print("| program | " + " | ".join(f"{n:,} tasks" for n in counts) + " |")
    print("|---|" + "---:|" * len(counts))
    for name, per_task in programs:
        print(f"| {name} | " + " | ".join(cell(per_task(n)) for n in counts) + " |")
    for note in notes:
        print(f"\n{note}")


if __name__ == "__main__":
    main()
