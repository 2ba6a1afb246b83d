"""Peer of `concur-demo sleep --model fork`: one multiprocessing.Process per task (forked),
each sending its result back to the parent through a queue."""
import multiprocessing
import time

import peer


def child(index, delay, queue):
    queue.put(peer.sleep_task(index, delay))


if __name__ == "__main__":
    tasks, delay, _ = peer.arguments()
    context = multiprocessing.get_context("fork")  # what the fork model does; also Linux's default
    started = time.perf_counter()
    queue = context.SimpleQueue()
    processes = [context.Process(target=child, args=(i, delay, queue)) for i in range(tasks)]
    for p in processes:
        p.start()
    results = [queue.get() for _ in range(tasks)]
    for p in processes:
        p.join()
    peer.report(started, results, tasks)
