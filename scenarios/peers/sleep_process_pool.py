"""Peer of `concur-demo sleep --model pool`, with processes: a multiprocessing.Pool of WORKERS.
Every task and its result cross a pipe, pickled, as they must between processes."""
import time
from multiprocessing import Pool

import peer

if __name__ == "__main__":
    tasks, delay, workers = peer.arguments()
    started = time.perf_counter()
    with Pool(processes=workers) as pool:
        results = pool.starmap(peer.sleep_task, ((i, delay) for i in range(tasks)))
    peer.report(started, results, tasks)
