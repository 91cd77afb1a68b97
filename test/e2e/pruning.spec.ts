import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProcessGone } from '../../apps/worker/test-support/is-process-gone';
import { runAttune } from '../support/attune-processes';
import { HttpClient } from '../support/http-client';
import { studyThroughApi } from './api-contract';
import { E2eStack } from './e2e-stack';

// Early stopping through the real coordinator and two real workers: targets report a step every 100 ms,
// their loss x + 2/(step+1) (a higher x worse at every step); the baseline (x = 0.5) is the first completed
// trial, so with the median rule every trial worse than it at step 2 is stopped there.

interface TrialRow extends Record<string, unknown> {
  id: string;
  number: number;
  state: string;
  params: { x: number };
  value: number | null;
  error: string | null;
  last_step: number | null;
  ended_at: Date | null;
}

/** No process is left in the group the worker started the command in (its pid is the group's id). */
function isGroupGone(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

const markDir = mkdtempSync(path.join(tmpdir(), 'attune-e2e-marks-'));

function spec(name: string, target: string): Record<string, unknown> {
  return {
    name,
    target,
    parameters: [{ name: 'x', type: 'float', min: 0, max: 1 }],
    objective: { metric: 'loss', direction: 'minimize' },
    baseline: { params: { x: 0.5 } },
    // A baseline brings a verification at the end by default: not what this spec is about.
    verification: false,
    strategy: { name: 'random', seed: 5 },
    budget: { maxTrials: 10, parallelism: 3, trialTimeoutSec: 60 },
    pruner: { name: 'median', options: { startupTrials: 1, warmupSteps: 2 } },
  };
}

describe('pruning, through the real coordinator and workers', () => {
  const stack = new E2eStack({ ATTUNE_E2E_MARK_DIR: markDir });

  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop(), 60_000);

  /** Runs the study to its end; returns its id and its trials by number. */
  async function run(name: string, target: string): Promise<{ id: string; trials: TrialRow[] }> {
    const result = await runAttune(['study', 'run', stack.writeSpec(name, spec(name, target)), '--wait', '--json', '--url', stack.url], stack.env);
    expect(result.code, `${result.stderr}\n${stack.logs()}`).toBe(0);
    const study = JSON.parse(result.stdout) as { id: string; state: string; stopReason: string };
    expect([study.state, study.stopReason]).toEqual(['COMPLETE', 'maxTrials reached (10)']);
    return { id: study.id, trials: await stack.sql<TrialRow>('SELECT * FROM trials WHERE study_id = $1 ORDER BY number', [study.id]) };
  }

  /** What every pruned study shows: its pruned trials (and only worse ones) with their last step and reason, counted in the budget, their steps and events served. */
  async function checkPruned(id: string, trials: readonly TrialRow[]): Promise<TrialRow[]> {
    expect(trials).toHaveLength(10);
    const pruned = trials.filter((t) => t.state === 'PRUNED');
    expect(pruned.length, stack.logs()).toBeGreaterThan(0);
    expect(trials.filter((t) => t.state !== 'PRUNED').every((t) => t.state === 'COMPLETE')).toBe(true);
    for (const t of pruned) {
      // Worse than the median of the completed trials at the step, so than the best of them; stopped after the warm-up, before the last step.
      expect(t.params.x).toBeGreaterThan(Math.min(...trials.filter((c) => c.state === 'COMPLETE').map((c) => c.params.x)));
      expect(t.last_step).toBeGreaterThanOrEqual(2);
      expect(t.last_step).toBeLessThan(19);
      expect(t.value).toBeCloseTo(t.params.x + 2 / (t.last_step! + 1), 12);
      expect(t.error).toMatch(new RegExp(`^pruned at step ${t.last_step} by median: `));
    }
    const api = await studyThroughApi(new HttpClient(stack.url), id);
    for (const t of pruned) {
      expect(api.trials[t.number]).toMatchObject({ state: 'PRUNED', lastStep: t.last_step });
      expect(api.steps.get(t.number)?.map((s) => s.step)).toContain(t.last_step);
    }
    expect(api.curves.map((c) => c.number)).toEqual(trials.map((t) => t.number));
    const prunedEvents = api.events.flatMap((e) => (e.kind === 'trial-pruned' ? [e] : []));
    expect(prunedEvents.map((e) => e.number).sort((a, b) => a - b)).toEqual(pruned.map((t) => t.number));
    for (const e of prunedEvents) expect(e.step).toBe(pruned.find((t) => t.number === e.number)?.last_step);
    const finished = api.events.flatMap((e) => (e.kind === 'trial-finished' && e.state === 'PRUNED' ? [e] : []));
    expect(finished).toHaveLength(pruned.length);
    expect(api.detail.trials.pruned).toBe(pruned.length);
    return pruned;
  }

  it("prunes a command target's worse trials, its process gone within a second of the trial's end", async () => {
    const { id, trials } = await run('e2e-prune-command', 'stepper');
    const pruned = await checkPruned(id, trials);
    for (const t of pruned) {
      const pid = Number(readFileSync(path.join(stack.pidDir, `${t.id}.pid`), 'utf8'));
      expect(isProcessGone(pid), `pid ${pid} of trial ${t.number}`).toBe(true);
      expect(isGroupGone(pid), `process group ${pid} of trial ${t.number}`).toBe(true);
      const stopped = path.join(stack.pidDir, `${t.id}.stopped`);
      expect(existsSync(stopped), `trial ${t.number} got no SIGTERM\n${stack.logs()}`).toBe(true);
      const lag = Number(readFileSync(stopped, 'utf8')) - t.ended_at!.getTime();
      expect(lag, `trial ${t.number}: stopped ${lag} ms after it was recorded PRUNED`).toBeLessThan(1000);
    }
  }, 180_000);

  it("prunes a module target's worse trials by aborting the evaluation's signal", async () => {
    const { id, trials } = await run('e2e-prune-module', 'stepper-module');
    const pruned = await checkPruned(id, trials);
    for (const t of pruned) {
      const mark = path.join(markDir, `${t.params.x}.aborted`);
      expect(existsSync(mark), `trial ${t.number} was not aborted\n${stack.logs()}`).toBe(true);
      const aborted = JSON.parse(readFileSync(mark, 'utf8')) as { step: number; at: number };
      expect(aborted.at - t.ended_at!.getTime()).toBeLessThan(1000);
      expect(aborted.step).toBeLessThan(19);
    }
  }, 180_000);
});
