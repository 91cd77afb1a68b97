#!/usr/bin/env node
// A stand-in for "apply a configuration to a service and load-test it", used as a
// command target. The worker runs `node objectives/service-latency.mjs` once per
// trial, with the parameters in the JSON file named by ATTUNE_PARAMS_FILE (and as
// ATTUNE_PARAM_<NAME> variables); the last JSON line on stdout is the metrics.
// Imported instead (`attune optimize --objective … --metric p99LatencyMs`), evaluate() is the model.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';

export const parameters = [
  { name: 'workers', type: 'int', min: 1, max: 32 },
  { name: 'cacheMb', type: 'int', min: 16, max: 2048, log: true },
  { name: 'batchSize', type: 'int', min: 1, max: 256, log: true },
  { name: 'compression', type: 'categorical', values: ['none', 'lz4', 'zstd'] },
];
export const direction = 'minimize';

/** Simulated p99 latency (ms) and throughput of the service under this configuration. */
export function evaluate(p) {
  const cpu = 4;
  const queueing = 40 / Math.min(p.workers, cpu * 2) + 2.5 * Math.max(0, p.workers - cpu * 2); // too few workers queue, too many thrash
  const cacheMiss = 60 * Math.exp(-p.cacheMb / 300); // diminishing returns past ~1 GB
  const batching = 12 / Math.sqrt(p.batchSize) + 0.25 * p.batchSize ** 0.8; // amortised overhead vs. head-of-line blocking
  const compression = { none: 14, lz4: 6, zstd: 9 }[p.compression] ?? 20;
  const noise = 1 + 0.02 * pseudoNoise(JSON.stringify(p)); // a deterministic ±2% "measurement" noise
  const p99LatencyMs = 25 + (queueing + cacheMiss + batching + compression) * noise;
  return { p99LatencyMs, throughputRps: (1000 / p99LatencyMs) * Math.min(p.workers, cpu * 2) * 50 };
}

function pseudoNoise(text) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return ((h >>> 0) / 2 ** 32) * 2 - 1;
}

function readParams(env) {
  if (env.ATTUNE_PARAMS_FILE) return JSON.parse(readFileSync(env.ATTUNE_PARAMS_FILE, 'utf8'));
  const params = {};
  for (const def of parameters) {
    const raw = env[`ATTUNE_PARAM_${def.name}`] ?? env[`ATTUNE_PARAM_${def.name.toUpperCase()}`];
    if (raw === undefined) throw new Error(`parameter ${def.name} is missing (no ATTUNE_PARAMS_FILE, no ATTUNE_PARAM_${def.name.toUpperCase()})`);
    params[def.name] = def.type === 'categorical' ? raw : Number(raw);
  }
  return params;
}

async function main() {
  const params = readParams(process.env);
  console.log(`applying ${JSON.stringify(params)}`); // ordinary log lines are fine: only the last JSON line counts
  const metrics = evaluate(params);
  await sleep(Math.min(500, metrics.p99LatencyMs)); // "load test" for a moment
  console.log(JSON.stringify(metrics));
}

// Run as a program (by the worker), not when imported (by `attune optimize`).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(`service-latency: ${e.message}`);
    process.exit(1);
  });
}
