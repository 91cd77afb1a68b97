import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runAttune } from '../support/attune-processes';
import { expectEventually } from '../support/expect-eventually';
import { E2eStack } from './e2e-stack';

/**
 * The demo's own study (examples/http-service.study.yaml), in a short form:
 * two trials, one repeat, 1 s loads. Its memory ceiling is raised out of
 * reach: the first proposal (4 processes) measures about 317 MiB against the
 * demo's 320, so a loaded machine would make it infeasible at random and
 * leave nothing to verify; this test is about the pipeline, not the limit.
 */
function shortDemoSpec(): Record<string, unknown> {
  const spec = parse(readFileSync(path.join(REPO_ROOT, 'examples', 'http-service.study.yaml'), 'utf8')) as Record<string, unknown>;
  return {
    ...spec,
    constraints: [{ metric: 'rssMb', max: 4096 }],
    measurement: { repeats: 1 },
    verification: { repeats: 2, top: 1 },
    budget: { ...(spec.budget as object), maxTrials: 2 },
  };
}

interface Row extends Record<string, unknown> {
  number: number;
  state: string;
  origin: string | null;
  metrics: Record<string, number> | null;
}

const METRICS = ['p50Ms', 'p99Ms', 'reqPerS', 'rssMb', 'cpuPct', 'errorRate'];

describe('the demo service through real workers (short form)', () => {
  const stack = new E2eStack();

  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop(), 60_000);

  it('measures the baseline and a proposal under load, reports every metric, and verifies the winner', async () => {
    const run = await runAttune(['study', 'run', stack.writeSpec('http-service', shortDemoSpec()), '--wait', '--json', '--url', stack.url], stack.env, 120_000);
    expect(run.code, `${run.stderr}\n${stack.logs()}`).toBe(0);
    const study = JSON.parse(run.stdout) as { id: string; state: string };
    expect(study.state).toBe('COMPLETE');
    const trials = await stack.sql<Row>('SELECT number, state, origin, metrics FROM trials WHERE study_id = $1 ORDER BY number', [study.id]);
    expect(trials.map((t) => [t.number, t.state, t.origin])).toEqual([
      [0, 'COMPLETE', 'baseline'],
      [1, 'COMPLETE', null],
    ]);
    for (const t of trials) {
      expect(Object.keys(t.metrics!).sort()).toEqual([...METRICS].sort());
      expect(t.metrics!.reqPerS).toBeGreaterThan(10);
      expect(t.metrics!.p99Ms).toBeGreaterThanOrEqual(t.metrics!.p50Ms);
      // A Node process is tens of MiB: RSS was read from the service's processes, not guessed.
      expect(t.metrics!.rssMb).toBeGreaterThan(20);
      expect(t.metrics!.cpuPct).toBeGreaterThan(0);
    }
    // Verification at the end: the baseline and the best trial, twice each.
    await expectEventually(
      async () => {
        const res = await fetch(`${stack.url}/studies/${study.id}/verification`);
        const v = (await res.json()) as { state: string; progress: { taken: number; total: number }; report?: { baselineTrial?: number; measured?: number } };
        expect(v.state, JSON.stringify(v)).toBe('COMPLETE');
        expect(v.progress).toEqual({ taken: 4, total: 4 });
        expect(v.report).toMatchObject({ baselineTrial: 0, measured: 4 });
      },
      { timeoutMs: 60_000 },
    );
    // The target stopped its service every time: no server process is left.
    expect(runningServices()).toEqual([]);
  }, 180_000);
});

/** Processes running the example service's server.js (from /proc). */
function runningServices(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmd.includes(path.join(REPO_ROOT, 'dist', 'examples', 'http-service', 'server.js'))) found.push(`${pid}: ${cmd}`);
    } catch {
      // exited
    }
  }
  return found;
}
