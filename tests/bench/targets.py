#!/usr/bin/env python3
"""The scale and speed targets of docs/performance.md, measured in one go, each beside the
floor this machine charges for the same primitive (tests/bench/floor_bench.cpp) so that a
noisy moment shows up in both columns. Prints a Markdown table.

    cmake --build --preset release && python3 tests/bench/targets.py [--repeat 5]

Walls are the median concur-demo reports over --repeat measured runs (timed around the
workload, in the measured child); peak RSS is that child's ru_maxrss.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, "build", "release")


def concur(binary, *args):
    out = subprocess.run([binary, *args, "--format", "json"], capture_output=True, text=True, check=True).stdout
    return {row["model"]: row for row in json.loads(out)["results"]}


def floor(build, *args):
    out = subprocess.run([os.path.join(build, "floor_bench"), *map(str, args)], capture_output=True, text=True,
                         check=True).stdout
    return float(re.search(r"([\d.]+) us per", out).group(1)), out.strip()


def spread(row):
    walls = [r["wall_s"] for r in row["runs"]]
    return f"{row['wall_s']['median'] * 1e3:.0f} ms ({min(walls) * 1e3:.0f}–{max(walls) * 1e3:.0f})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default=BUILD, help="release build directory (default: build/release)")
    parser.add_argument("--repeat", type=int, default=5, help="measured runs per row (median reported)")
    args = parser.parse_args()
    binary = os.path.join(args.build, "concur-demo")
    if not os.access(binary, os.X_OK):
        sys.exit(f"no concur-demo in {args.build}: run cmake --preset release && cmake --build --preset release")
    r = str(args.repeat)
    rows = []

    def add(run, target, measured, met, floor_text=""):
        rows.append((run, target, measured, "met" if met else "NOT met", floor_text))
        print(f"{run}: {measured} [{rows[-1][3]}]", file=sys.stderr)

    base100k = concur(binary, "sleep", "--model", "sequential", "--tasks", "100000", "--delay", "0ms", "-r", r)
    base_rss = base100k["sequential"]["peak_rss_kib"]

    a = concur(binary, "sleep", "--model", "async", "--tasks", "100000", "-r", r)["async"]
    rss = a["peak_rss_kib"] / 1024
    add("async, 100,000 sleeps", "wall ≤ 130 ms, peak RSS ≤ 64 MiB", f"{spread(a)}, {rss:.1f} MiB",
        a["verified"] and a["wall_s"]["median"] <= 0.130 and rss <= 64)

    f = concur(binary, "sleep", "--model", "fiber", "--tasks", "100000", "-r", r)["fiber"]
    per_fiber = (f["peak_rss_kib"] - base_rss) / 100_000
    fault_us, _ = floor(args.build, "faults", 400)
    add("fiber, 100,000 sleeps", "wall ≤ 400 ms, ≤ 10 KiB RSS per fiber",
        f"{spread(f)}, {per_fiber:.1f} KiB per fiber ({f['peak_rss_kib'] / 1024:.0f} MiB)",
        f["verified"] and f["wall_s"]["median"] <= 0.400 and per_fiber <= 10,
        f"first touch of a 4 KiB page: {fault_us:.2f} µs")

    t = concur(binary, "sleep", "--model", "thread", "--tasks", "10000", "-r", r)["thread"]
    floor_us, _ = floor(args.build, "threads", 10000, 100)
    add("thread, 10,000 sleeps", "overhead ≤ 30 µs per task",
        f"{t['overhead_per_task_us']:.1f} µs per task ({spread(t)})",
        t["verified"] and t["overhead_per_task_us"] <= 30, f"bare std::thread per task: {floor_us:.1f} µs")

    k = concur(binary, "sleep", "--model", "fork", "--tasks", "1000", "-r", r)["fork"]
    floor_us, _ = floor(args.build, "forks", 1000, 100)
    add("fork, 1,000 sleeps", "overhead ≤ 200 µs per task", f"{k['overhead_per_task_us']:.1f} µs per task ({spread(k)})",
        k["verified"] and k["overhead_per_task_us"] <= 200, f"bare fork per task: {floor_us:.1f} µs")

    models = ["sequential", "thread", "pool", "fork", "fiber"]
    c = concur(binary, "factorial", "--model", ",".join(models), "-r", r)
    speedups = {m: c[m].get("speedup") or 0 for m in models[1:]}
    add("factorial, 8 × 40,000!", "thread, pool, fork, fiber speedup ≥ 1.9×",
        ", ".join(f"{m} {s:.2f}×" for m, s in speedups.items()),
        all(c[m]["verified"] for m in models) and min(speedups.values()) >= 1.9,
        f"sequential {c['sequential']['wall_s']['median']:.2f} s")

    times = []
    for _ in range(30):
        start = time.perf_counter()
        subprocess.run([binary, "list"], stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    add("`concur-demo list`", "≤ 10 ms", f"{statistics.median(times) * 1e3:.1f} ms (median of 30, process start included)",
        statistics.median(times) <= 0.010)

    out = subprocess.run([os.path.join(args.build, "bookkeeping_bench")], capture_output=True, text=True,
                         check=True).stdout
    per_100k_ms = float(re.search(r"= ([\d.]+) ms per 100,000", out).group(1))
    p = concur(binary, "sleep", "--model", "pool", "--tasks", "100000", "--delay", "0ms", "-r", r)["pool"]
    shares = {"async": a["wall_s"]["median"], "fiber": f["wall_s"]["median"], "pool --delay 0ms": p["wall_s"]["median"]}
    add("per-task bookkeeping at 100k", "≤ 1 % of wall",
        f"{per_100k_ms:.1f} ms per 100,000 tasks = " +
        ", ".join(f"{per_100k_ms / 1e3 / wall * 100:.1f} % of {m} ({wall * 1e3:.0f} ms)" for m, wall in shares.items()),
        per_100k_ms / 1e3 <= 0.01 * min(shares.values()))

    k2 = concur(binary, "sleep", "--model", "fork", "--tasks", "2000", "-r", r)["fork"]
    scale = (f"fork 2,000 sleeps: {spread(k2)}, verified {str(k2['verified']).lower()}; "
             f"pool 100,000 × 0 ms: {spread(p)}, verified {str(p['verified']).lower()}")

    print(f"Command: `python3 tests/bench/targets.py {' '.join(sys.argv[1:])}`".rstrip() + "  ")
    print(f"Each concur-demo row: median of {args.repeat} measured runs (min–max).\n")
    print("| run | target | measured | verdict | floor, same session |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nAlso run and verified: {scale}.")


if __name__ == "__main__":
    main()
