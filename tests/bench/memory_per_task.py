#!/usr/bin/env python3
"""Memory per waiting task: what a coroutine frame, a fiber stack, an OS thread and a process
cost while they wait, at 1k, 10k and 100k tasks (threads and processes where the machine
allows). Prints a Markdown table.

    python3 tests/bench/memory_per_task.py             # after cmake --build --preset release
    python3 tests/bench/memory_per_task.py --no-sample # only the ru_maxrss column (fast)

Columns:
- user RSS/task: (peak RSS of the measured process − peak RSS of `--model sequential` with the
  same task count and no delay) / tasks, from `concur-demo sleep --format json`; the baseline
  removes concur-demo's own per-task storage. Peak RSS is wait4's ru_maxrss, which for the
  fork model is the largest single process, not the tree: that cell says so.
- tree PSS/task: the whole process tree (runner, measured process, every child) sampled from
  /proc/PID/smaps_rollup while the tasks wait, maximum over the samples, minus the same for one
  task, / (tasks − 1). Counts what forked children really own, shared pages split fairly.
- kernel/task: growth of KernelStack + PageTables in /proc/meminfo over the same samples, minus
  the one-task run, / (tasks − 1): the kernel stack and page tables each thread or process needs,
  invisible in RSS. System-wide, so other activity on the machine adds noise to small values.

Only `user_rss_per_task` asks concur-demo for memory; when `concur-demo sweep --metric
rss-per-task` exists, that function is the one to replace.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Task counts per model; threads and processes stop where a default machine refuses
# (pid_max is 32,768) or where 100,000 processes would need tens of GiB.
PLAN = {"async": [1_000, 10_000, 100_000], "fiber": [1_000, 10_000, 100_000],
        "thread": [1_000, 10_000], "fork": [1_000, 10_000]}
NOT_RUN = {"thread": "100,000 threads exceed the default pid_max (32,768)",
           "fork": "100,000 processes exceed the default pid_max (32,768)"}
# Roughly how long the model takes to start one task here, so the sampled run's delay outlasts
# the start of the last task (every task must be waiting when the sample is taken).
START_COST_S = {"async": 2e-6, "fiber": 1e-5, "thread": 1e-4, "fork": 5e-4}


def concur(binary, *args):
    out = subprocess.run([binary, "sleep", *args, "--warmup", "0", "--format", "json"], capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)["results"][0]


def user_rss_per_task(binary, model, tasks, repeat):
    """(peak RSS − sequential baseline) / tasks, in KiB; None for fork (ru_maxrss is per process)."""
    row = concur(binary, "--model", model, "--tasks", str(tasks), "--repeat", str(repeat))
    if not row["verified"]:
        raise RuntimeError(f"{model} at {tasks} tasks failed: {row.get('failure')}")
    base = concur(binary, "--model", "sequential", "--tasks", str(tasks), "--delay", "0ms", "--repeat", str(repeat))
    if model == "fork":
        return None, row["peak_rss_kib"]
    return (row["peak_rss_kib"] - base["peak_rss_kib"]) / tasks, row["peak_rss_kib"]


def children_of(pid):
    """Every descendant of `pid`, found through /proc/*/stat."""
    parent = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            parent[int(entry)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, pp in parent.items() if pp in frontier} - tree
        tree |= frontier
    return tree


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def kernel_kib():
    values = {}
    with open("/proc/meminfo") as f:
        for line in f:
            key, rest = line.split(":", 1)
            values[key] = int(rest.split()[0])
    return values["KernelStack"] + values["PageTables"]


def sampled_peak(binary, model, tasks, delay_s):
    """Largest (tree PSS, kernel growth) in KiB seen while a run of `tasks` waits `delay_s`."""
    idle_kernel = kernel_kib()
    process = subprocess.Popen([binary, "sleep", "--model", model, "--tasks", str(tasks), "--delay",
                                f"{int(delay_s * 1000)}ms", "--repeat", "1", "--warmup", "0", "--format", "json"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    best_pss = best_kernel = 0
    while process.poll() is None:
        tree = {process.pid} | children_of(process.pid)
        best_pss = max(best_pss, sum(pss_kib(p) for p in tree))
        best_kernel = max(best_kernel, kernel_kib() - idle_kernel)
        time.sleep(0.05)
    return best_pss, best_kernel


def sampled_per_task(binary, model, tasks, repeat):
    delay_s = 1.0 + START_COST_S[model] * tasks * 2
    pss, kernel = [], []
    for _ in range(repeat):
        one_pss, one_kernel = sampled_peak(binary, model, 1, delay_s)
        many_pss, many_kernel = sampled_peak(binary, model, tasks, delay_s)
        pss.append((many_pss - one_pss) / (tasks - 1))
        kernel.append((many_kernel - one_kernel) / (tasks - 1))
    return statistics.median(pss), statistics.median(kernel)


def fmt_kib(value):
    if value is None:
        return "n/a"
    return f"{value:.2f} KiB" if abs(value) < 10 else f"{value:.1f} KiB"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "build", "release", "concur-demo"))
    parser.add_argument("--repeat", type=int, default=3, help="runs per cell; medians are reported")
    parser.add_argument("--no-sample", action="store_true", help="skip the sampled tree-PSS and kernel columns")
    parser.add_argument("--models", default=",".join(PLAN), help="comma-separated subset of " + ",".join(PLAN))
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"no concur-demo at {args.binary}: build it first or pass --binary")
    models = args.models.split(",")
    for m in models:
        if m not in PLAN:
            sys.exit(f"unknown model '{m}' (choose from {', '.join(PLAN)})")

    print(f"Command: `python3 tests/bench/memory_per_task.py {' '.join(sys.argv[1:])}`".rstrip() + "  ")
    print(f"Sleep scenario, 100 ms delay for the RSS column; median of {args.repeat} runs per cell.\n")
    print("| model | tasks | peak RSS | user RSS/task | tree PSS/task | kernel/task |")
    print("|---|---:|---:|---:|---:|---:|")
    for model in models:
        for tasks in PLAN[model]:
            per_task, peak = user_rss_per_task(args.binary, model, tasks, args.repeat)
            pss = kernel = None
            if not args.no_sample:
                pss, kernel = sampled_per_task(args.binary, model, tasks, args.repeat)
            user = fmt_kib(per_task) if per_task is not None else "n/a (per process)"
            print(f"| {model} | {tasks:,} | {peak / 1024:.1f} MiB | {user} | {fmt_kib(pss)} | {fmt_kib(kernel)} |",
                  flush=True)
    notes = [f"{m}: {why}" for m, why in NOT_RUN.items() if m in models]
    if notes:
        print("\nNot run: " + "; ".join(notes) + ".")


if __name__ == "__main__":
    main()
