"""What the network peers share: their command line, the bodies they must receive, and the one
JSON line they print (as peer.py's sleep peers do).

A network peer fetches `GET /item/<i>?size=<bytes>&latency=<ms>ms` for i in 0..TASKS-1 from a
`concur-demo serve`, one connection per request, all at once, and checks every body byte for byte
against what the server sends for item i: a window of a 1 MiB pattern (splitmix64's words seeded
with 0, little-endian) starting at (i * 2654435761) mod 1 MiB, wrapping around. Usage:
    net_asyncio.py TASKS LATENCY_MS HOST:PORT SIZE_BYTES
"""
import resource
import sys

import peer

PATTERN_BYTES = 1 << 20
MASK = (1 << 64) - 1


def arguments():
    """Returns (tasks, latency in ms, host, port, size in bytes), and lets this process open as
    many descriptors as its hard limit allows (one per connection)."""
    if len(sys.argv) != 5:
        sys.exit(f"usage: {sys.argv[0]} TASKS LATENCY_MS HOST:PORT SIZE_BYTES")
    host, _, port = sys.argv[3].rpartition(":")
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return int(sys.argv[1]), int(sys.argv[2]), host, int(port), int(sys.argv[4])


def pattern(size):
    """The pattern followed by its first `size` bytes, so that any body is one slice of it."""
    words = bytearray(PATTERN_BYTES)
    for w in range(PATTERN_BYTES // 8):
        z = ((w + 1) * 0x9E3779B97F4A7C15) & MASK
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z ^= z >> 31
        words[w * 8:w * 8 + 8] = z.to_bytes(8, "little")
    repeats = size // PATTERN_BYTES + 1
    return bytes(words) * (repeats + 1)


def start_of(item):
    """Where item `item`'s body starts in the pattern."""
    return (item * 2654435761) % PATTERN_BYTES


def request(item, host, port, size, latency_ms):
    """The request for item `item`, one connection per request."""
    return (f"GET /item/{item}?size={size}&latency={latency_ms}ms HTTP/1.1\r\nHost: {host}:{port}\r\n"
            f"Connection: close\r\n\r\n").encode()


report = peer.report
