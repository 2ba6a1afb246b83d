#!/usr/bin/env python3
"""concur-demo against its peers: the same sleep workloads written idiomatically in Python
(asyncio, threading, ThreadPoolExecutor, multiprocessing) and Node.js (Promise.all), and the same
network fetches (Python asyncio streams, Node.js http.get with Promise.all, and the floor: the
same fetches on bare sockets and epoll, tests/bench/bare_fetch.cpp) against one
`concur-demo serve` that every program shares, run in one interleaved session at 1k, 10k and
100k tasks.

    python3 tests/bench/peers.py                       # after cmake --build --preset release
    python3 tests/bench/peers.py --repeat 5 --tasks 1000,10000
    python3 tests/bench/peers.py --only net --tasks 1000,10000

Every program times itself around its workload only (concur-demo: around the model's run, in
its measured child; a peer: around gather/start+join/map, after imports), so start-up costs
are excluded on both sides. Peak RSS is ru_maxrss from wait4: for concur-demo the measured
child process, for a peer its interpreter process (for process-based rows, on both sides, the
largest single process of the tree). Rounds are interleaved: every program once, then again,
so drift on a shared machine hits all of them alike. A peer whose runtime is missing is
skipped with a note. Prints a Markdown report on standard output.
"""
import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PEERS = os.path.join(ROOT, "scenarios", "peers")
TIMEOUT_S = 600


NET_SIZE = 64 * 1024  # body bytes of every fetch, concur-demo net's default


def python_peer(script):
    return lambda tasks, delay_ms, workers, server: [sys.executable, os.path.join(PEERS, script), str(tasks),
                                                     str(delay_ms), str(workers)]


def node_peer(script):
    return lambda tasks, delay_ms, workers, server: ["node", os.path.join(PEERS, script), str(tasks), str(delay_ms)]


def floor_peer(name):
    """A floor program of tests/bench, built beside the concur-demo being measured."""
    return lambda tasks, delay_ms, workers, server: [os.path.join(FLOORS[0], name), str(tasks), str(delay_ms), server,
                                                     str(NET_SIZE)]


FLOORS = [os.path.join(ROOT, "build", "release")]  # where the floors are: main() sets it beside --binary


def net_peer(runtime, script):
    runner = sys.executable if runtime == "python3" else runtime
    return lambda tasks, delay_ms, workers, server: [runner, os.path.join(PEERS, script), str(tasks), str(delay_ms),
                                                     server, str(NET_SIZE)]


# Each group: one concur-demo model and its idiomatic peers on the same workload. `largest`
# caps the task count where a model cannot go further on a normal machine.
GROUPS = [
    {"workload": "sleep 100 ms, one coroutine per task", "delay_ms": 100, "model": "async", "largest": None,
     "peers": [("Python asyncio.gather", "python3", python_peer("sleep_asyncio.py")),
               ("Node.js Promise.all + setTimeout", "node", node_peer("sleep_promises.js"))]},
    {"workload": "sleep 100 ms, one OS thread per task", "delay_ms": 100, "model": "thread", "largest": 10_000,
     "why": "100,000 threads exceed the kernel's pid_max (32,768 by default)",
     "peers": [("Python threading.Thread", "python3", python_peer("sleep_threading.py"))]},
    {"workload": "sleep 100 ms, one process per task", "delay_ms": 100, "model": "fork", "largest": 1_000,
     "why": "10,000 Python processes take minutes, and the cost per process is clear at 1,000",
     "peers": [("Python multiprocessing.Process", "python3", python_peer("sleep_processes.py"))]},
    {"workload": "zero-length tasks through a pool of one worker per core", "delay_ms": 0, "model": "pool",
     "largest": None,
     "peers": [("Python ThreadPoolExecutor", "python3", python_peer("sleep_thread_pool.py")),
               ("Python multiprocessing.Pool", "python3", python_peer("sleep_process_pool.py"))]},
    {"workload": "fetch 64 KiB over HTTP from a server that waits 100 ms, one connection per task",
     "scenario": "net", "delay_ms": 100, "model": "async", "largest": 10_000,
     "why": "100,000 connections at once exceed one process's descriptors (ulimit -n) and the ephemeral ports "
            "towards one server address",
     "peers": [("Python asyncio streams", "python3", net_peer("python3", "net_asyncio.py")),
               ("Node.js http.get + Promise.all", "node", net_peer("node", "net_http_get.js")),
               ("bare sockets + epoll, C++ (the floor)", "floor", floor_peer("bare_fetch"))]},
]


def run_peer(command):
    """Runs a peer under fork+exec+wait4, so that its own peak RSS can be read."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            os.dup2(write_end, 1)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    os.close(write_end)
    chunks = []
    deadline = time.monotonic() + TIMEOUT_S
    with os.fdopen(read_end, "rb") as out:
        while True:
            chunk = out.read(65536)
            if not chunk:
                break
            chunks.append(chunk)
            if time.monotonic() > deadline:
                os.kill(pid, 9)
                break
    _, status, usage = os.wait4(pid, 0)
    return b"".join(chunks).decode(errors="replace"), os.waitstatus_to_exitcode(status), usage.ru_maxrss


def concur_command(binary, group, tasks, server):
    model, delay_ms = group["model"], group["delay_ms"]
    workload = ["--delay", f"{delay_ms}ms"]
    if group.get("scenario") == "net":
        workload = ["--latency", f"{delay_ms}ms", "--size", str(NET_SIZE), "--server", server]
    return [binary, group.get("scenario", "sleep"), "--model", model, "--tasks", str(tasks), *workload, "--repeat", "1",
            "--warmup", "0", "--format", "json"]


def measure_concur(binary, group, tasks, server):
    stdout, code, _ = run_peer(concur_command(binary, group, tasks, server))
    if code != 0:
        return {"error": f"concur-demo exited with {code}"}
    document = json.loads(stdout)
    row = document["results"][0]
    if not row["verified"]:
        return {"error": row.get("failure") or "not verified"}
    return {"wall_s": row["wall_s"]["median"], "rss_kib": row["peak_rss_kib"], "machine": document["machine"],
            "version": document["version"]}


def measure_peer(command):
    stdout, code, rss_kib = run_peer(command)
    if code != 0:
        return {"error": f"exited with {code}"}
    try:
        result = json.loads(stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"error": "no result line"}
    if not result.get("verified"):
        return {"error": "not verified"}
    return {"wall_s": result["wall_s"], "rss_kib": rss_kib}


def start_server(binary):
    """A `concur-demo serve` on 127.0.0.1, a port the kernel picks, for every network row; returns
    the process and "127.0.0.1:PORT"."""
    server = subprocess.Popen([binary, "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True)
    first = server.stdout.readline()
    marker = "listening on http://"
    if marker not in first:
        server.kill()
        sys.exit(f"concur-demo serve did not start: {first.strip() or 'no output'}")
    address = first.split(marker, 1)[1].split(",", 1)[0].split()[0]
    # Its status lines must not fill the pipe and stall it: read them away.
    threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
    return server, address


def runtime_version(runtime):
    if runtime == "floor":
        built = os.access(os.path.join(FLOORS[0], "bare_fetch"), os.X_OK)
        return "floor: tests/bench/bare_fetch.cpp" if built else None
    if runtime == "python3":
        return f"Python {platform.python_version()}"
    if shutil.which(runtime) is None:
        return None
    out = subprocess.run([runtime, "--version"], capture_output=True, text=True).stdout.strip()
    return f"Node.js {out}" if runtime == "node" else out


def fmt_ms(seconds):
    ms = seconds * 1000
    return f"{ms:.1f}" if ms < 10 else f"{ms:.0f}"


def fmt_wall(seconds):
    return f"{fmt_ms(seconds)} ms"


def fmt_rss(kib):
    return f"{kib / 1024:.1f} MiB"


def summarize(samples):
    errors = [s["error"] for s in samples if "error" in s]
    if errors:
        return {"error": errors[0]}
    walls = [s["wall_s"] for s in samples]
    return {"wall_s": statistics.median(walls), "min": min(walls), "max": max(walls),
            "rss_kib": statistics.median(s["rss_kib"] for s in samples)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "build", "release", "concur-demo"),
                        help="concur-demo to measure (default: the release build of this checkout)")
    parser.add_argument("--repeat", type=int, default=5, help="interleaved rounds; medians are reported")
    parser.add_argument("--tasks", default="1000,10000,100000", help="comma-separated task counts")
    parser.add_argument("--only", choices=("sleep", "net"), help="only the sleep rows or only the network rows")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"no concur-demo at {args.binary}: build it first (cmake --preset release && "
                 f"cmake --build --preset release) or pass --binary")
    try:
        counts = [int(n) for n in args.tasks.split(",")]
    except ValueError:
        sys.exit(f"invalid --tasks '{args.tasks}' (comma-separated integers)")
    workers = os.cpu_count() or 1
    FLOORS[0] = os.path.dirname(os.path.abspath(args.binary))
    # A connection is a descriptor: let every program of the session open as many as allowed.
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    versions = {runtime: runtime_version(runtime) for runtime in ("python3", "node", "floor")}
    plan, skipped = [], []
    for group in GROUPS:
        if args.only is not None and group.get("scenario", "sleep") != args.only:
            continue
        too_many = [n for n in counts if group["largest"] is not None and n > group["largest"]]
        if too_many:
            skipped.append(f"{group['model']} at {' and '.join(f'{n:,}' for n in too_many)} tasks: {group['why']}")
        for n in counts:
            if n in too_many:
                continue
            programs = [("concur-demo " + group["model"], None, None)]
            for name, runtime, build in group["peers"]:
                if versions[runtime] is None:
                    skipped.append(f"{name}: " + ("not built (cmake --build --preset release)" if runtime == "floor" else f"`{runtime}` not found on PATH"))
                    continue
                programs.append((name, runtime, build))
            plan.append((group, n, programs))

    samples = {}
    machine, version = None, None
    server, address = start_server(args.binary) if any(g.get("scenario") == "net" for g, _, _ in plan) else (None, "")
    try:
        for round_index in range(args.repeat):
            for group, n, programs in plan:
                for name, runtime, build in programs:
                    if build is None:
                        sample = measure_concur(args.binary, group, n, address)
                        machine = machine or sample.get("machine")
                        version = version or sample.get("version")
                    else:
                        sample = measure_peer(build(n, group["delay_ms"], workers, address))
                    samples.setdefault((group["workload"], n, name), []).append(sample)
                    print(f"round {round_index + 1}/{args.repeat}: {name}, {n:,} tasks: "
                          f"{sample.get('error') or fmt_wall(sample['wall_s'])}", file=sys.stderr)
    finally:
        if server is not None:
            server.terminate()
            server.wait()

    print("# concur-demo against its peers\n")
    print(f"Command: `python3 tests/bench/peers.py {' '.join(sys.argv[1:])}`".rstrip() + "  ")
    print(f"Date: {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}  ")
    if machine:
        print(f"Machine: {machine['cores']} cores, {machine['cpu']}, {machine['os']}  ")
        print(f"concur-demo {version}: {machine['compiler']}, Boost {machine['boost']}, {machine['build']} build  ")
    print("Peers: " + ", ".join(v for v in versions.values() if v) + "  ")
    print(f"Rounds: {args.repeat}, interleaved; wall = median (min–max) of the rounds, as each program "
          f"times itself; peak RSS = median ru_maxrss. Ratio = concur-demo ÷ peer: below 1 means "
          f"concur-demo is faster or smaller.\n")
    print("| workload | tasks | program | wall | min–max | peak RSS | wall ratio | RSS ratio |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for group, n, programs in plan:
        ours = summarize(samples[(group["workload"], n, programs[0][0])])
        for name, _, build in programs:
            s = summarize(samples[(group["workload"], n, name)])
            if "error" in s:
                print(f"| {group['workload']} | {n:,} | {name} | failed: {s['error']} | | | | |")
                continue
            ratio_wall = ratio_rss = "—"
            if build is not None and "error" not in ours:
                ratio_wall = f"{ours['wall_s'] / s['wall_s']:.2f}"
                ratio_rss = f"{ours['rss_kib'] / s['rss_kib']:.2f}"
            print(f"| {group['workload']} | {n:,} | {name} | {fmt_wall(s['wall_s'])} | "
                  f"{fmt_ms(s['min'])}–{fmt_wall(s['max'])} | {fmt_rss(s['rss_kib'])} | {ratio_wall} | {ratio_rss} |")
    if skipped:
        print("\nNot run:")
        for note in dict.fromkeys(skipped):
            print(f"- {note}")


if __name__ == "__main__":
    main()
