# The Python reference rows of concur-demo: the same tasks as the C++ models, written the way a
# Python programmer would write them, so the table can show what the interpreter changes. Above
# all the GIL: threads that compute take turns on one interpreter lock, processes do not.
#
# concur-demo runs this program as `python3 -I -c <this file> <model>` (it is compiled into the
# binary, so the tool works from any directory). The job arrives on standard input as JSON; the
# results leave through file descriptor 3 in the tool's own binary layout (little-endian,
# length-prefixed), so the C++ side verifies them exactly like its own rows. Standard output is
# a pipe the tool reads: only count's words pass through it to the user.
import asyncio
import json
import multiprocessing
import multiprocessing.connection
import os
import platform
import resource
import struct
import sys
import threading
import time
import zlib

READ_CHUNK = 256 * 1024  # the same chunk the C++ models read with


def say(word):
    # One write per word, unbuffered, like the C++ tasks: the words show in the order said.
    # A wait without words (None: every task but count's) says nothing.
    if word:
        os.write(1, (word + " ").encode())


# ---- the work, in its blocking form --------------------------------------------------------

def sleep_blocking(task):
    # A wait may come framed by words (count's One and Two), said around the timed wait as the
    # C++ side's TimedWait says them.
    say(task.get("before"))
    start = time.monotonic_ns()
    time.sleep(task["ns"] / 1e9)
    waited = time.monotonic_ns() - start
    say(task.get("after"))
    return waited, 0, False, b""


def read_file(path):
    # Python has no XXH3, so the file is checked with zlib's CRC-32; the tool computes the same.
    # O_NOATIME, as the C++ models: reading a user's files must not change even their access
    # times. Only the owner (or root) may ask for it, so fall back without it.
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(path, flags | os.O_NOATIME)
    except PermissionError:
        fd = os.open(path, flags)
    try:
        total, crc = 0, 0
        while True:
            chunk = os.read(fd, READ_CHUNK)
            if not chunk:
                return total, crc, True, b""
            crc = zlib.crc32(chunk, crc)
            total += len(chunk)
    finally:
        os.close(fd)


def factorial(k):
    # The same naive loop as the C++ tasks; the limbs go back so the tool checks every bit.
    product = 1
    for i in range(2, k + 1):
        product *= i
    bits = product.bit_length()
    return bits, 0, False, product.to_bytes((bits + 63) // 64 * 8, "little")


def perform_blocking(task):
    kind = task["kind"]
    if kind == "sleep":
        return sleep_blocking(task)
    if kind == "file":
        return read_file(task["path"])
    if kind == "factorial":
        return factorial(task["k"])
    raise ValueError(f"unknown kind of task: {kind}")


# ---- one task's record: the same fields as the tool's TaskRecord ---------------------------

def pack_record(start, end, cpu, resumed, outcome):
    """A task's TaskRecord and Outcome; `resumed` is when its last running stretch began."""
    value, digest, crc32, payload = outcome
    tid = threading.get_native_id()
    return (struct.pack("<BqqiiiqqQQB", 1, start, end, os.getpid(), tid, tid, cpu, resumed, value, digest, crc32)
            + struct.pack("<Q", len(payload) // 8) + payload)


def pack_error(message):
    data = message.encode()
    return struct.pack("<BQ", 0, len(data)) + data


def run_recorded(task):
    """Runs one task on the calling thread with blocking calls and returns its packed record."""
    start, cpu = time.monotonic_ns(), time.thread_time_ns()
    try:
        outcome = perform_blocking(task)
    except Exception as e:  # a task's failure is reported, not raised: the row shows why
        return pack_error(f"{type(e).__name__}: {e}")
    cpu = time.thread_time_ns() - cpu
    return pack_record(start, time.monotonic_ns(), cpu, start, outcome)


# ---- the four models -----------------------------------------------------------------------

def run_sequential(tasks):
    return [run_recorded(t) for t in tasks]


def run_thread(tasks):
    # One threading.Thread per task, like the C++ thread model. They overlap waits, but only
    # the thread holding the GIL runs Python code: computing threads take turns.
    records = [None] * len(tasks)

    def worker(i):
        records[i] = run_recorded(tasks[i])

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(tasks))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return records


def process_child(task, conn):
    conn.send_bytes(run_recorded(task))
    conn.close()


def run_process(tasks):
    # One process per task (multiprocessing, fork start method, like the C++ fork model): each
    # has its own interpreter and its own GIL, so computations run on all cores at once; every
    # result travels back to this process through a pipe.
    context = multiprocessing.get_context("fork")
    records = [None] * len(tasks)
    children, pending = [], {}
    for i, task in enumerate(tasks):
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=process_child, args=(task, send))
        child.start()
        send.close()
        children.append(child)
        pending[receive] = i
    while pending:  # drain every pipe while children still run: big results fill a pipe
        for conn in multiprocessing.connection.wait(list(pending)):
            i = pending.pop(conn)
            try:
                records[i] = conn.recv_bytes()
            except EOFError:
                records[i] = pack_error(f"child for task {i} exited without a result")
            conn.close()
    for child in children:
        child.join()
    return records


async def async_task(task):
    # asyncio: a coroutine per task on one thread. Timers are awaited (the loop runs others
    # meanwhile); asyncio has no asynchronous file reads and computing has no await, so those
    # run on the loop thread and hold every other coroutine up.
    start, cpu = time.monotonic_ns(), 0
    resumed, segment = start, time.thread_time_ns()
    kind = task["kind"]
    try:
        if kind == "sleep":
            say(task.get("before"))
            waiting = time.monotonic_ns()
            cpu += time.thread_time_ns() - segment
            # asyncio may fire a timer a clock tick early; wait out any remainder, so every
            # task really waits its whole delay.
            deadline = waiting + task["ns"]
            while (left := deadline - time.monotonic_ns()) > 0:
                await asyncio.sleep(left / 1e9)
            resumed, segment = time.monotonic_ns(), time.thread_time_ns()
            outcome = (resumed - waiting, 0, False, b"")
            say(task.get("after"))
        else:
            outcome = perform_blocking(task)
    except Exception as e:
        return pack_error(f"{type(e).__name__}: {e}")
    cpu += time.thread_time_ns() - segment
    return pack_record(start, time.monotonic_ns(), cpu, resumed, outcome)


def run_async(tasks):
    async def main():
        return await asyncio.gather(*(async_task(t) for t in tasks))
    return asyncio.run(main())


MODELS = {"sequential": run_sequential, "thread": run_thread, "process": run_process, "async": run_async}


def cpu_ns():
    """CPU time of this process and of every child it has reaped (py-process joins its own)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time_ns() + int((children.ru_utime + children.ru_stime) * 1e9)


def main():
    out = os.fdopen(3, "wb")
    try:
        job = json.load(sys.stdin)
        run = MODELS[sys.argv[1]]
        # The tool times the workload from here, wall and CPU alike: start-up is in neither.
        cpu, start = cpu_ns(), time.monotonic_ns()
        records = run(job["tasks"])
        version = platform.python_version().encode()
        out.write(struct.pack("<BqQ", 1, start, len(version)) + version + struct.pack("<Q", len(records)))
        for record in records:
            out.write(record)
        out.write(struct.pack("<q", cpu_ns() - cpu))  # last: the CPU time of everything above
    except Exception as e:
        message = f"{type(e).__name__}: {e}".encode()
        out.write(struct.pack("<BQ", 0, len(message)) + message)
    out.flush()
    # No interpreter teardown: the tool's clock runs until this process is gone.
    os._exit(0)


if __name__ == "__main__":
    main()
