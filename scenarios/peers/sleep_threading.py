"""Peer of `concur-demo sleep --model thread`: one threading.Thread per task."""
import threading
import time

import peer

if __name__ == "__main__":
    tasks, delay, _ = peer.arguments()
    started = time.perf_counter()
    results = []  # list.append is atomic under the GIL
    threads = [threading.Thread(target=lambda i=i: results.append(peer.sleep_task(i, delay))) for i in range(tasks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    peer.report(started, results, tasks)
