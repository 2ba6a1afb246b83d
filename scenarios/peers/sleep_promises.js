// Peer of `concur-demo sleep --model async`: one async function per task, awaiting a
// setTimeout promise, all gathered with Promise.all. Times itself around the workload and
// prints one JSON line like the Python peers (see peer.py). Usage: node sleep_promises.js TASKS DELAY_MS
"use strict";

const [tasks, delayMs] = process.argv.slice(2).map(Number);
if (!Number.isInteger(tasks) || !(delayMs >= 0)) {
  console.error("usage: node sleep_promises.js TASKS DELAY_MS");
  process.exit(2);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function task(index) {
  await sleep(delayMs);
  return index;
}

const started = process.hrtime.bigint();
Promise.all(Array.from({ length: tasks }, (_, i) => task(i))).then((results) => {
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const verified = results.length === tasks && results.every((value, i) => value === i);
  console.log(JSON.stringify({ wall_s: wall, tasks, verified }));
});
