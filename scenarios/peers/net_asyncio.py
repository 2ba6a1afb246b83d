"""Peer of `concur-demo net --model async`: one coroutine per connection on asyncio's event loop,
with the standard library's streams (asyncio.open_connection), all gathered at once."""
import asyncio
import time

import net_peer

READ_CHUNK = 64 * 1024


async def fetch(item, host, port, size, latency_ms, expected):
    """Returns `item` if its body arrived whole and equal to the item's bytes, else None."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(net_peer.request(item, host, port, size, latency_ms))
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 200 "):
            return None
        at, received = net_peer.start_of(item), 0
        while received < size:
            chunk = await reader.read(min(READ_CHUNK, size - received))
            if not chunk or chunk != expected[at + received:at + received + len(chunk)]:
                return None
            received += len(chunk)
        return item
    finally:
        writer.close()


async def main(tasks, latency_ms, host, port, size):
    expected = net_peer.pattern(size)
    started = time.perf_counter()
    results = await asyncio.gather(*(fetch(i, host, port, size, latency_ms, expected) for i in range(tasks)))
    net_peer.report(started, [r for r in results if r is not None], tasks)


if __name__ == "__main__":
    asyncio.run(main(*net_peer.arguments()))
