"""Peer of `concur-demo sleep --model pool`: a ThreadPoolExecutor of WORKERS threads."""
import time
from concurrent.futures import ThreadPoolExecutor

import peer

if __name__ == "__main__":
    tasks, delay, workers = peer.arguments()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(peer.sleep_task, range(tasks), [delay] * tasks))
    peer.report(started, results, tasks)
