/**
 * The two studies the dashboard is measured on, as a user would submit them
 * (POST /studies). Their target is served by no worker: the driver's first
 * proposals stay queued until the bench replaces them with a finished history.
 */

/** The target of both studies: no worker serves it. */
const TARGET = 'bench-dashboard';

/** Six knobs of a simulated service: floats, a log-scale int, a plain int and a categorical, each with today's value. */
const PARAMETERS = [
  { name: 'workers', type: 'int', min: 1, max: 32, default: 4 },
  { name: 'cacheSizeMb', type: 'int', min: 16, max: 8192, log: true, default: 256 },
  { name: 'compression', type: 'categorical', values: ['none', 'gzip', 'zstd', 'lz4'], default: 'none' },
  { name: 'batchWindowMs', type: 'float', min: 0, max: 50, default: 5 },
  { name: 'gcRatio', type: 'float', min: 0.1, max: 0.9, default: 0.5 },
  { name: 'keepAliveSec', type: 'float', min: 1, max: 120, default: 30 },
];

/** Trials in flight at once in the simulated run (the documented limit is 256). */
export const PARALLELISM = 8;

/** One objective with a baseline, two measurements a trial: p99 minimised, the other metrics reported beside it. */
export function singleObjectiveSpec(trials: number): Record<string, unknown> {
  return {
    name: 'bench-dashboard-single',
    description: 'p99 of a simulated service over six knobs, against its defaults (a history seeded by bench:dashboard)',
    target: TARGET,
    parameters: PARAMETERS,
    objective: { metric: 'p99', direction: 'minimize' },
    baseline: true,
    measurement: { repeats: 2 },
    strategy: { name: 'tpe', seed: 7 },
    budget: { maxTrials: trials, parallelism: PARALLELISM, trialTimeoutSec: 600 },
    verification: false,
  };
}

/** Two objectives (p99 down, throughput up) under a memory bound, measured once a trial. */
export function twoObjectiveSpec(trials: number): Record<string, unknown> {
  return {
    name: 'bench-dashboard-pareto',
    description: 'p99 against throughput of a simulated service, memory bounded (a history seeded by bench:dashboard)',
    target: TARGET,
    parameters: PARAMETERS,
    objectives: [
      { metric: 'p99', direction: 'minimize' },
      { metric: 'rps', direction: 'maximize' },
    ],
    constraints: [{ metric: 'memMb', max: 6000 }],
    strategy: { name: 'nsga2', seed: 3 },
    budget: { maxTrials: trials, parallelism: PARALLELISM, trialTimeoutSec: 600 },
  };
}
