import type { ImportanceJson, StudySummary, TrialCurve, TrialRow, TrialStateName, VerificationJson } from '@attune/core/api/responses';
import type { Params } from '@attune/core/search-space/parameter';
import { comparison, objectiveLine, type StudyParameter } from './fixtures';

/**
 * Synthetic studies for looking at the charts (the gallery) and timing them:
 * seeded, so a screenshot is the same every time. A web-server tuning with a
 * latency to minimise (single), or latency, throughput and memory (pareto),
 * with a memory constraint, failures, pruned and running trials.
 */

/** mulberry32: a tiny seeded generator, good enough for fixtures. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PARAMETERS: readonly StudyParameter[] = [
  { name: 'workers', type: 'int', min: 1, max: 64 },
  { name: 'buffer_kb', type: 'int', min: 4, max: 4096, log: true },
  { name: 'timeout_s', type: 'float', min: 0.1, max: 10 },
  { name: 'learning_rate', type: 'float', min: 1e-5, max: 1e-1, log: true },
  { name: 'scheduler', type: 'categorical', values: ['fifo', 'fair', 'deadline', 'random'] },
  { name: 'compression', type: 'categorical', values: [true, false] },
];

function sampleParams(random: () => number, progress: number, best: Params): Params {
  // Later trials crowd around the best region, as a model-based strategy's would.
  const exploit = random() < progress * 0.8;
  const near = (value: number, min: number, max: number, log: boolean) => {
    const [a, b, v] = log ? [Math.log(min), Math.log(max), Math.log(value)] : [min, max, value];
    const u = exploit ? Math.min(b, Math.max(a, v + (random() - 0.5) * (b - a) * 0.15)) : a + random() * (b - a);
    return log ? Math.exp(u) : u;
  };
  return {
    workers: Math.round(near(best.workers as number, 1, 64, false)),
    buffer_kb: Math.round(near(best.buffer_kb as number, 4, 4096, true)),
    timeout_s: near(best.timeout_s as number, 0.1, 10, false),
    learning_rate: near(best.learning_rate as number, 1e-5, 1e-1, true),
    scheduler: exploit && random() < 0.7 ? best.scheduler : ['fifo', 'fair', 'deadline', 'random'][Math.floor(random() * 4)],
    compression: exploit && random() < 0.7 ? best.compression : random() < 0.5,
  };
}

/** Latency (ms, lower is better), throughput (rps) and memory (MB) of a configuration, with noise. */
function measure(p: Params, random: () => number): Record<string, number> {
  const w = p.workers as number;
  const buffer = Math.log2(p.buffer_kb as number);
  const lr = Math.log10(p.learning_rate as number);
  const schedulerCost = { fifo: 6, fair: 0, deadline: 2, random: 12 }[p.scheduler as string] ?? 0;
  const noise = 1 + (random() - 0.5) * 0.08;
  const latency = (20 + 0.02 * (w - 24) ** 2 + 1.5 * (buffer - 8) ** 2 + 4 * (lr + 3) ** 2 + schedulerCost + (p.compression ? 3 : 0) + 2 * Math.abs((p.timeout_s as number) - 3)) * noise;
  const throughput = (900 + 40 * Math.min(w, 40) - 3 * (buffer - 9) ** 2 * 10 - schedulerCost * 20) * (2 - noise);
  const memory = (64 + w * 6 + (p.buffer_kb as number) * 0.05 + (p.compression ? -20 : 0)) * noise;
  return { latency_ms: latency, throughput_rps: throughput, memory_mb: memory };
}

function stateAt(random: () => number, i: number, count: number): TrialStateName {
  if (i >= count - 6) return i >= count - 3 ? 'QUEUED' : 'RUNNING';
  const r = random();
  return r < 0.03 ? 'FAILED' : r < 0.04 ? 'TIMED_OUT' : r < 0.08 ? 'PRUNED' : 'COMPLETE';
}

export type SyntheticKind = 'single' | 'pareto';

export interface SyntheticStudy {
  readonly study: StudySummary;
  readonly trials: TrialRow[];
  readonly verification: VerificationJson;
  readonly importance: ImportanceJson;
}

const MEMORY_LIMIT = 420;

function summary(kind: SyntheticKind, count: number, baseline: TrialRow): StudySummary {
  const objectives =
    kind === 'single'
      ? [{ metric: 'latency_ms', direction: 'minimize' as const }]
      : [
          { metric: 'latency_ms', direction: 'minimize' as const },
          { metric: 'throughput_rps', direction: 'maximize' as const },
          { metric: 'memory_mb', direction: 'minimize' as const },
        ];
  return {
    id: `synthetic-${kind}`,
    name: `synthetic ${kind}`,
    project: 'default',
    target: 'web-server',
    state: 'RUNNING',
    ...(kind === 'single' && { direction: 'minimize' as const, metric: 'latency_ms' }),
    objective: objectiveLine({ kind, objectives }),
    objectives: { kind, objectives, constraints: [{ metric: 'memory_mb', max: MEMORY_LIMIT }], measurement: { repeats: 3, warmup: 1, aggregate: 'median' }, baseline: true },
    strategy: { name: 'tpe', seed: 1, options: {} },
    budget: { maxTrials: count, parallelism: 4, trialTimeoutSec: 60 },
    parameters: PARAMETERS.map((p) => ({ ...p })),
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    trials: { total: count, queued: 0, running: 0, complete: 0, failed: 0, pruned: 0, timedOut: 0, cancelled: 0 },
    baseline: { number: 0, state: 'COMPLETE', params: baseline.params, value: baseline.value, metrics: baseline.metrics },
  };
}

function trialRow(kind: SyntheticKind, number: number, state: TrialStateName, params: Params, metrics: Record<string, number>, error?: string): TrialRow {
  const done = state === 'COMPLETE';
  const feasible = metrics.memory_mb <= MEMORY_LIMIT;
  return {
    id: `t${number}`,
    studyId: `synthetic-${kind}`,
    number,
    state,
    params,
    ...(done && kind === 'single' && { value: metrics.latency_ms }),
    ...(done && { metrics, feasible, violation: feasible ? 0 : (metrics.memory_mb - MEMORY_LIMIT) / MEMORY_LIMIT }),
    ...(number === 0 && { origin: 'baseline' as const }),
    ...(error && { error }),
    createdAt: '2025-01-01T00:00:00.000Z',
  };
}

function verificationOf(trials: readonly TrialRow[], baselineMetrics: Record<string, number>): VerificationJson {
  const baseline = baselineMetrics.latency_ms;
  const top = trials.filter((t) => t.state === 'COMPLETE' && t.feasible && t.number > 0).sort((a, b) => a.metrics!.latency_ms - b.metrics!.latency_ms).slice(0, 5);
  const candidates = top.map((t, i) => {
    const estimate = (baseline - t.metrics!.latency_ms * 1.04) / baseline;
    const half = 0.02 + 0.015 * i;
    const low = estimate - half;
    const latency = comparison(estimate, low, i === 4 ? null : estimate + half, low > 0, 10);
    return { trial: t.number, comparison: latency, perMetric: { latency_ms: latency }, significant: latency.significant };
  });
  return {
    id: 'v1',
    studyId: trials[0].studyId,
    state: 'COMPLETE',
    options: { repeats: 10, top: 5, seed: 1 },
    progress: { taken: 60, total: 60 },
    candidates: [0, ...candidates.map((c) => c.trial)],
    measurements: [],
    report: { baseline: { metrics: baselineMetrics, spread: {} }, winner: candidates[0]?.trial, significant: true, baselineTrial: 0, measured: 60, failed: 0, candidates },
    createdAt: '2025-01-01T00:00:00.000Z',
  };
}

const IMPORTANCE: ImportanceJson = {
  method: 'sobol-gp',
  objective: 'latency_ms',
  note: 'Sobol indices of a GP fitted to 160 of the 9,000 feasible trials; the shares are the total indices normalised to sum to 1.',
  trials: 9000,
  modelPoints: 160,
  evaluations: 8192,
  parameters: [
    { name: 'buffer_kb', importance: 0.46, firstOrder: 0.38, total: 0.52 },
    { name: 'learning_rate', importance: 0.24, firstOrder: 0.2, total: 0.27 },
    { name: 'scheduler', importance: 0.16, firstOrder: 0.15, total: 0.18 },
    { name: 'workers', importance: 0.08, firstOrder: 0.05, total: 0.09 },
    { name: 'compression', importance: 0.04, firstOrder: 0.04, total: 0.045 },
    { name: 'timeout_s', importance: 0.02, firstOrder: 0.01, total: 0.022 },
  ],
};

/** A study of `count` trials (trial 0 the baseline), its verification and importance. */
export function syntheticStudy(kind: SyntheticKind, count: number, seed = 7): SyntheticStudy {
  const random = seededRandom(seed);
  const baselineParams: Params = { workers: 8, buffer_kb: 64, timeout_s: 5, learning_rate: 1e-3, scheduler: 'fifo', compression: true };
  const trials: TrialRow[] = [trialRow(kind, 0, 'COMPLETE', baselineParams, measure(baselineParams, random))];
  let best = { params: baselineParams, latency: trials[0].metrics!.latency_ms };
  for (let i = 1; i < count; i++) {
    const params = sampleParams(random, i / count, best.params);
    const metrics = measure(params, random);
    const state = stateAt(random, i, count);
    trials.push(trialRow(kind, i, state, params, metrics, state === 'FAILED' ? 'exit code 137: the target ran out of memory' : undefined));
    if (state === 'COMPLETE' && metrics.latency_ms < best.latency && metrics.memory_mb <= MEMORY_LIMIT) best = { params, latency: metrics.latency_ms };
  }
  const study = summary(kind, count, trials[0]);
  return { study, trials, verification: verificationOf(trials, trials[0].metrics!), importance: IMPORTANCE };
}

/**
 * Learning curves of `count` trials of `steps` steps each, as a study with a
 * pruner reports them (GET /studies/:id/steps): latency falling towards each
 * trial's final value; the trials heading for the worse half mostly pruned
 * at a step of their own, the last few still running.
 */
export function syntheticCurves(count: number, steps: number, seed = 11): TrialCurve[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, number) => {
    const final = 20 + 40 * random() ** 2;
    const start = final * (2 + 2 * random());
    const tau = steps * (0.1 + 0.3 * random());
    const running = number >= count - 4;
    const pruned = !running && final > 32 && random() < 0.6;
    const length = running ? 1 + Math.floor(random() * steps * 0.6) : pruned ? 3 + Math.floor(random() * steps * 0.5) : steps;
    const stepsOf = Array.from({ length }, (_, i) => i + 1);
    const values = stepsOf.map((s) => (final + (start - final) * Math.exp(-s / tau)) * (1 + (random() - 0.5) * 0.04));
    const state: TrialStateName = running ? 'RUNNING' : pruned ? 'PRUNED' : 'COMPLETE';
    return { number, state, steps: stepsOf, values };
  });
}
