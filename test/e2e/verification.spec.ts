import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAttune } from '../support/attune-processes';
import { E2eStack } from './e2e-stack';

const spec = (target: string) => ({
  name: `e2e-verify-${target}`,
  target,
  parameters: [{ name: 'x', type: 'float', min: 0, max: 10, default: 10 }],
  objective: { metric: 'latency', direction: 'minimize' },
  baseline: true,
  verification: { repeats: 5, top: 2 },
  strategy: { name: 'random', seed: 5 },
  budget: { maxTrials: 8, parallelism: 1, trialTimeoutSec: 60 },
});

interface RunResult {
  id: string;
  state: string;
  verification: { state: string; report: { significant: boolean; winner: number; candidates: { trial: number; comparison: { improvement: { low: number; high: number }; p: number } }[] } };
}

describe('verification through the real coordinator and workers, on targets whose true improvement is known', () => {
  const stack = new E2eStack();

  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop(), 60_000);

  async function run(target: string): Promise<RunResult> {
    const result = await runAttune(['study', 'run', stack.writeSpec(target, spec(target)), '--wait', '--json', '--url', stack.url], stack.env);
    expect(result.code, `${result.stderr}\n${stack.logs()}`).toBe(0);
    return JSON.parse(result.stdout) as RunResult;
  }

  it('finds a real improvement significant, with an interval above 0', async () => {
    const { verification, id } = await run('noisy-slope');
    expect(verification.state).toBe('COMPLETE');
    expect(verification.report.significant).toBe(true);
    const winner = verification.report.candidates.find((c) => c.trial === verification.report.winner)!;
    expect(winner.comparison.improvement.low).toBeGreaterThan(0);
    // The re-measurements are kept apart from the trials: 3 arms × 5, none of them a trial.
    const [{ n }] = await stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM verification_measurements m JOIN verifications v ON v.id = m.verification_id WHERE v.study_id = $1`, [id]);
    expect(n).toBe(15);
    const [{ trials }] = await stack.sql<{ trials: number }>(`SELECT count(*)::int AS trials FROM trials WHERE study_id = $1`, [id]);
    expect(trials).toBe(8);
  });

  it('reports a search on a target its knobs do not reach as not significant', async () => {
    const { verification } = await run('noisy-flat');
    expect(verification.state).toBe('COMPLETE');
    expect(verification.report.significant).toBe(false);
  });
});
