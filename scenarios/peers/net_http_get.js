// Peer of `concur-demo net --model async`: one http.get per item, each on a connection of its own
// (agent: false), all awaited with Promise.all. Every body is checked byte for byte against the
// item's bytes (see net_peer.py). Times itself around the workload and prints one JSON line like
// the Python peers. Usage: node net_http_get.js TASKS LATENCY_MS HOST:PORT SIZE_BYTES
"use strict";

const http = require("http");

const [tasks, latencyMs, , size] = process.argv.slice(2).map(Number);
const [host, port] = (process.argv[4] || "").split(/:(?=\d+$)/);
if (!Number.isInteger(tasks) || !Number.isInteger(latencyMs) || !port || !Number.isInteger(size)) {
  console.error("usage: node net_http_get.js TASKS LATENCY_MS HOST:PORT SIZE_BYTES");
  process.exit(2);
}

// The 1 MiB pattern (splitmix64's words seeded with 0, little-endian), followed by enough of
// itself that every body is one contiguous window.
const PATTERN_BYTES = 1 << 20;
function pattern() {
  const words = Buffer.alloc(PATTERN_BYTES);
  const mask = (1n << 64n) - 1n;
  for (let w = 0n; w < BigInt(PATTERN_BYTES / 8); ++w) {
    let z = ((w + 1n) * 0x9e3779b97f4a7c15n) & mask;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    z ^= z >> 31n;
    words.writeBigUInt64LE(z, Number(w) * 8);
  }
  return Buffer.concat(Array(Math.floor(size / PATTERN_BYTES) + 2).fill(words));
}
const expected = pattern();

// Resolves to `item` when its body arrived whole and right, to null otherwise.
function fetch(item) {
  return new Promise((resolve) => {
    const path = `/item/${item}?size=${size}&latency=${latencyMs}ms`;
    const request = http.get({ host, port: Number(port), path, agent: false }, (response) => {
      const at = Number((BigInt(item) * 2654435761n) % BigInt(PATTERN_BYTES));
      let received = 0;
      let ok = response.statusCode === 200;
      response.on("data", (chunk) => {
        ok = ok && received + chunk.length <= size && expected.compare(chunk, 0, chunk.length, at + received,
          at + received + chunk.length) === 0;
        received += chunk.length;
      });
      response.on("end", () => resolve(ok && received === size ? item : null));
      response.on("error", () => resolve(null));
    });
    request.on("error", () => resolve(null));
  });
}

const started = process.hrtime.bigint();
Promise.all(Array.from({ length: tasks }, (_, i) => fetch(i))).then((results) => {
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const verified = results.length === tasks && results.every((value, i) => value === i);
  console.log(JSON.stringify({ wall_s: wall, tasks, verified }));
});
