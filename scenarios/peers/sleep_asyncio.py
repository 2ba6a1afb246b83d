"""Peer of `concur-demo sleep --model async`: one coroutine per task on asyncio's event loop."""
import asyncio
import time

import peer


async def task(index, delay):
    await asyncio.sleep(delay)
    return index


async def main(tasks, delay):
    started = time.perf_counter()
    results = await asyncio.gather(*(task(i, delay) for i in range(tasks)))
    peer.report(started, results, tasks)


if __name__ == "__main__":
    tasks, delay, _ = peer.arguments()
    asyncio.run(main(tasks, delay))
