#!/usr/bin/env python3
"""The targets of docs/performance.md, measured in one interleaved session: concur-demo's rows
beside the floors they are held to (the same primitive in a bare program, tests/bench/), Node.js
and Python, each program timing its own workload. Prints the target table with its ratios.

    cmake --build --preset release && python3 tests/bench/targets.py [--repeat 9]

Every round runs every program once, the programs a target compares one right after another,
so a busy moment of a shared machine hits both sides of a ratio alike, and the two take turns
to go first. The rows held to a few per cent of a floor (own cost, fiber, fork, thread) run three
times a round. Walls and peak RSS are medians over a program's runs. concur-demo's wall is its
measured run (the model's run() in the measuring process); its peak RSS is that process's
ru_maxrss, task records and outcomes included.
A floor or peer times its own workload and its peak RSS is its ru_maxrss (wait4).
"""
import argparse
import datetime
import json
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402  (run_peer, runtime_version, the peers' command lines)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KIB = 1024


def concur(binary, model, tasks, delay_ms):
    """concur-demo's row: one measured run after one warm-up; wall, peak RSS, verified."""
    command = [binary, "sleep", "--model", model, "--tasks", str(tasks), "--delay", f"{delay_ms}ms", "--repeat", "1",
               "--warmup", "1", "--format", "json"]

    def run():
        stdout, code, _ = peers.run_peer(command)
        if code not in (0, 1):
            return {"error": f"concur-demo exited with {code}"}
        document = json.loads(stdout)
        row = document["results"][0]
        if not row["verified"]:
            return {"error": row.get("failure") or "not verified"}
        return {"wall_s": row["wall_s"]["median"], "rss_kib": row["peak_rss_kib"], "machine": document["machine"],
                "version": document["version"]}
    return run


def floor_bench(build, what, tasks, delay_ms):
    """A bare std::thread or fork loop (floor_bench): its own wall; peak RSS of the program."""
    command = [os.path.join(build, "floor_bench"), what, str(tasks), str(delay_ms)]

    def run():
        stdout, code, rss = peers.run_peer(command)
        match = re.search(r"wall ([\d.]+) ms", stdout)
        if code != 0 or not match:
            return {"error": f"floor_bench exited with {code}"}
        return {"wall_s": float(match.group(1)) / 1e3, "rss_kib": rss}
    return run


def json_line(command):
    """A program that prints one JSON result line (bare_async, bare_fiber, the peers)."""
    return lambda: peers.measure_peer(command)


# The pairs whose ratio is held to a few per cent (the tool's own cost, fiber against its floor,
# fork, thread) cost a second or two a run and vary from one run to the next by more than that
# (a bare thread loop: 712-1152 ms within one session), so they run this many times a round,
# interleaved with the rest.
PAIR_RUNS_PER_ROUND = 3


def programs(args):
    """Groups of programs run one right after another: (runs per round, [(name, run), ...])."""
    b, build = args.binary, args.build
    node = peers.node_peer("sleep_promises.js")
    asyncio = peers.python_peer("sleep_asyncio.py")
    bare = lambda name, *rest: json_line([os.path.join(build, name), *map(str, rest)])  # noqa: E731
    groups = [
        (PAIR_RUNS_PER_ROUND, [("async 100k", concur(b, "async", 100_000, 100)),
                               ("bare async 100k", bare("bare_async", 100_000, 100))]),
        (1, [("Node.js 100k", json_line(node(100_000, 100, 0, None))),
             ("Python asyncio 100k", json_line(asyncio(100_000, 100, 0, None)))]),
        (PAIR_RUNS_PER_ROUND, [("fiber 100k", concur(b, "fiber", 100_000, 100)),
                               ("bare fiber 100k", bare("bare_fiber", 100_000, 100, 2)),
                               ("sequential 100k x 0 ms", concur(b, "sequential", 100_000, 0))]),
        (PAIR_RUNS_PER_ROUND, [("fork 1k", concur(b, "fork", 1_000, 100)),
                               ("bare fork 1k", floor_bench(build, "forks", 1_000, 100))]),
        (PAIR_RUNS_PER_ROUND, [("thread 10k", concur(b, "thread", 10_000, 100)),
                               ("bare thread 10k", floor_bench(build, "threads", 10_000, 100))]),
    ]
    if not args.quick:
        groups.insert(2, (1, [("async 1M", concur(b, "async", 1_000_000, 1000)),
                              ("bare async 1M", bare("bare_async", 1_000_000, 1000)),
                              ("Node.js 1M", json_line(node(1_000_000, 1000, 0, None)))]))
    return groups


def session(groups, rounds):
    """The runs in order: every group once a round, the pairs PAIR_RUNS_PER_ROUND times spread
    over it, and each group's programs in turn first, so that neither side of a ratio always
    runs right after the heavier rows."""
    order, turns = [], [0] * len(groups)
    for round_index in range(rounds):
        for sweep in range(PAIR_RUNS_PER_ROUND):
            for g, (runs, programs_) in enumerate(groups):
                if sweep < runs:
                    order.append((round_index, programs_ if turns[g] % 2 == 0 else programs_[::-1]))
                    turns[g] += 1
    return order


def summarize(samples):
    errors = [s["error"] for s in samples if "error" in s]
    if errors:
        return {"error": errors[0]}
    walls = [s["wall_s"] for s in samples]
    return {"wall_s": statistics.median(walls), "min": min(walls), "max": max(walls),
            "rss_kib": statistics.median(s["rss_kib"] for s in samples)}


def ms(seconds):
    return f"{seconds * 1e3:.0f} ms" if seconds >= 0.01 else f"{seconds * 1e3:.1f} ms"


def spread(s):
    return f"{ms(s['wall_s'])} ({s['min'] * 1e3:.0f}–{s['max'] * 1e3:.0f})"


def verdict(met, explained=False):
    return "met" if met else ("explained" if explained else "**not met**")


def target_rows(r):
    """One row per target of issue 13: run, target, concur-demo, reference, ratio, verdict."""
    rows = []
    get = lambda name: r.get(name, {"error": "not run"})  # noqa: E731
    failed = lambda *names: next((f"{n}: {get(n)['error']}" for n in names if "error" in get(n)), None)  # noqa: E731

    def add(run, target, names, body):
        why = failed(*names)
        rows.append((run, target, f"failed ({why})", "", "", "**not met**") if why else (run, target, *body()))

    def async_100k():
        a, node = r["async 100k"], r["Node.js 100k"]
        speed = node["wall_s"] / a["wall_s"]
        mib = a["rss_kib"] / KIB
        return (f"{spread(a)}, {mib:.1f} MiB", f"Node.js {spread(node)}, {node['rss_kib'] / KIB:.0f} MiB",
                f"{speed:.2f}× faster", verdict(speed >= 1.3 and mib <= 48))
    add("async, 100,000 × 100 ms", "≥ 1.3× faster than Node.js; peak RSS ≤ 48 MiB", ["async 100k", "Node.js 100k"],
        async_100k)

    if "async 1M" in r:
        def async_1m():
            a, node = r["async 1M"], r["Node.js 1M"]
            mib = a["rss_kib"] / KIB
            ratio = a["wall_s"] / node["wall_s"]
            return (f"{spread(a)}, {mib:.0f} MiB, verified", f"Node.js {spread(node)}, {node['rss_kib'] / KIB:.0f} MiB",
                    f"{ratio:.2f}× Node.js's wall", verdict(mib <= 256 and ratio <= 1.0))
        add("async, 1,000,000 × 1 s", "verified; peak RSS ≤ 256 MiB; wall ≤ Node.js's", ["async 1M", "Node.js 1M"],
            async_1m)

    def fiber():
        f, a, bare, base = r["fiber 100k"], r["async 100k"], r["bare fiber 100k"], r["sequential 100k x 0 ms"]
        per_fiber = (f["rss_kib"] - base["rss_kib"]) / 100_000
        ratio = f["wall_s"] / a["wall_s"]
        floor_ratio = bare["wall_s"] / a["wall_s"]
        # The floor's own ratio above 1.5: the row must then stay within 1.05x of the floor.
        explained = floor_ratio > 1.5 and f["wall_s"] <= 1.05 * bare["wall_s"] and per_fiber <= 5
        return (f"{spread(f)}, {per_fiber:.2f} KiB per fiber",
                f"async {ms(a['wall_s'])}; bare fibers {spread(bare)} ({floor_ratio:.2f}× async)",
                f"{ratio:.2f}× async, {f['wall_s'] / bare['wall_s']:.2f}× bare", verdict(ratio <= 1.5 and per_fiber <= 5,
                                                                                     explained))
    add("fiber, 100,000 × 100 ms", "wall ≤ 1.5× async's; ≤ 5 KiB RSS per fiber",
        ["fiber 100k", "async 100k", "bare fiber 100k", "sequential 100k x 0 ms"], fiber)

    def ratio_to(name, floor, limit):
        def body():
            ours, bare = r[name], r[floor]
            ratio = ours["wall_s"] / bare["wall_s"]
            return spread(ours), f"{floor} {spread(bare)}", f"{ratio:.3f}×", verdict(ratio <= limit)
        return body
    add("fork, 1,000 × 100 ms", "≤ 1.15× a bare fork loop", ["fork 1k", "bare fork 1k"],
        ratio_to("fork 1k", "bare fork 1k", 1.15))
    add("thread, 10,000 × 100 ms", "≤ 1.05× a bare std::thread loop", ["thread 10k", "bare thread 10k"],
        ratio_to("thread 10k", "bare thread 10k", 1.05))
    add("the tool's own cost (async, 100,000)", "≤ 1.05× the same coroutines without the tool",
        ["async 100k", "bare async 100k"], ratio_to("async 100k", "bare async 100k", 1.05))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build", "release"),
                        help="release build directory (default: build/release)")
    parser.add_argument("--repeat", type=int, default=9,
                        help="interleaved rounds; medians are reported (nine: five left the rows straddling)")
    parser.add_argument("--quick", action="store_true", help="leave out the million-task rows (about 1 minute)")
    args = parser.parse_args()
    args.binary = os.path.join(args.build, "concur-demo")
    for needed in ("concur-demo", "floor_bench", "bare_async", "bare_fiber"):
        if not os.access(os.path.join(args.build, needed), os.X_OK):
            sys.exit(f"no {needed} in {args.build}: run cmake --preset release && cmake --build --preset release")
    if peers.runtime_version("node") is None:
        sys.exit("node is not on the PATH: the async targets are ratios to Node.js")

    load_before = os.getloadavg()
    samples, machine, version = {}, None, None
    groups = programs(args)
    for round_index, programs_ in session(groups, args.repeat):
        for name, run in programs_:
            sample = run()
            machine = machine or sample.get("machine")
            version = version or sample.get("version")
            samples.setdefault(name, []).append(sample)
            shown = sample.get("error") or f"{ms(sample['wall_s'])}, {sample['rss_kib'] / KIB:.1f} MiB"
            print(f"round {round_index + 1}/{args.repeat}: {name}: {shown}", file=sys.stderr)
    load_after = os.getloadavg()
    results = {name: summarize(s) for name, s in samples.items()}

    print(f"Command: `{' '.join(['python3', 'tests/bench/targets.py', *sys.argv[1:]])}`  ")
    print(f"Date: {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}  ")
    if machine:
        print(f"Machine: {machine['cores']} cores, {machine['cpu']}, {machine['os']}  ")
        print(f"concur-demo {version}: {machine['compiler']}, Boost {machine['boost']}, {machine['build']} build  ")
    print("Peers: " + ", ".join(v for v in (peers.runtime_version("python3"), peers.runtime_version("node")) if v) + "  ")
    print(f"Load average (1, 5, 15 min): before {', '.join(f'{x:.2f}' for x in load_before)}; "
          f"after {', '.join(f'{x:.2f}' for x in load_after)}  ")
    print(f"Rounds: {args.repeat}, interleaved, the programs of the own-cost, fiber, fork and thread rows "
          f"{PAIR_RUNS_PER_ROUND} times a round ({args.repeat * PAIR_RUNS_PER_ROUND} runs each), taking turns "
          f"to go first; each cell the median (min–max) of its runs.\n")
    print("| run | target | concur-demo | reference, same session | ratio | verdict |")
    print("|---|---|---|---|---|---|")
    for row in target_rows(results):
        print("| " + " | ".join(row) + " |")
    print("\n| program | wall | min–max | peak RSS |")
    print("|---|---:|---:|---:|")
    for _, programs_ in groups:
        for name, _ in programs_:
            s = results[name]
            if "error" in s:
                print(f"| {name} | failed: {s['error']} | | |")
            else:
                print(f"| {name} | {ms(s['wall_s'])} | {s['min'] * 1e3:.0f}–{s['max'] * 1e3:.0f} ms | "
                      f"{s['rss_kib'] / KIB:.1f} MiB |")


if __name__ == "__main__":
    main()
