import type { TrialStepState } from '@attune/persistence/records/trial-step.record';
import type { Pruner, PrunerContext } from '@attune/strategies/pruners/pruner';
import { describe, expect, it } from 'vitest';
import { decideReport, MAX_DECISIONS_PER_REPORT, type ReportedStep } from './prune-decision';
import { StepHistory } from './step-history';

const row = (number: number, state: TrialStepState['state'], stepCount: number, value?: number): TrialStepState => ({ id: `t${number}`, number, state, stepCount, ...(value !== undefined && { value }) });

/** A history of a maximised objective `acc`: trial 0 COMPLETE with two steps, trial 1 RUNNING. */
function history(): StepHistory {
  const h = new StepHistory({ metric: 'acc', direction: 'maximize' });
  h.updateStates([row(0, 'COMPLETE', 2, 0.9), row(1, 'RUNNING', 0)]);
  h.merge([
    { trialId: 't0', step: 0, value: 0.5 },
    { trialId: 't0', step: 1, value: 0.8 },
  ]);
  return h;
}

describe('StepHistory', () => {
  it('builds the pruner context: the trial\'s steps up to the one decided at, as losses, and every other trial with steps', () => {
    const h = history();
    h.addStored('t1', [{ step: 0, metrics: { acc: 0.2 } }, { step: 1, metrics: { acc: 0.3, loss: 1 } }, { step: 2, metrics: { other: 5 } }]);
    expect(h.contextAt('t1', 0, 7)).toEqual({
      trial: { number: 1, state: 'RUNNING', steps: [{ step: 0, loss: -0.2 }] },
      others: [{ number: 0, state: 'COMPLETE', loss: -0.9, steps: [{ step: 0, loss: -0.5 }, { step: 1, loss: -0.8 }] }],
      seed: 7,
    });
    expect(h.contextAt('t1', 1, 7)?.trial.steps).toEqual([{ step: 0, loss: -0.2 }, { step: 1, loss: -0.3 }]);
    // A step without the objective is stored (counted) but never decided at.
    expect(h.contextAt('t1', 2, 7)).toBeUndefined();
    expect(h.updateStates([row(1, 'RUNNING', 3)])).toEqual([]);
  });

  it('asks for exactly the steps it lacks: above its highest, then all of a trial still short (stored out of order)', () => {
    const h = history();
    h.addStored('t1', [{ step: 0, metrics: { acc: 0.2 } }, { step: 5, metrics: { acc: 0.4 } }]);
    // Another coordinator stored steps 3 and 7 of trial 1.
    const rows = [row(1, 'RUNNING', 4)];
    expect(h.updateStates(rows)).toEqual([{ trialId: 't1', step: 5 }]);
    h.merge([{ trialId: 't1', step: 7, value: 0.6 }]);
    expect(h.incomplete(rows)).toEqual(['t1']);
    h.merge([
      { trialId: 't1', step: 0, value: 0.2 },
      { trialId: 't1', step: 3, value: 0.25 },
      { trialId: 't1', step: 5, value: 0.4 },
      { trialId: 't1', step: 7, value: 0.6 },
    ]);
    expect(h.incomplete(rows)).toEqual([]);
    expect(h.contextAt('t1', 7, 0)?.trial.steps.map((s) => s.step)).toEqual([0, 3, 5, 7]);
  });

  it('follows states: a trial that ended or was pruned is not pending, and a new one is read from the next number', () => {
    const h = history();
    expect(h.pendingNumbers()).toEqual([1]);
    expect(h.nextNumber()).toBe(2);
    h.updateStates([row(1, 'COMPLETE', 0, 0.7), row(2, 'QUEUED', 0)]);
    expect(h.pendingNumbers()).toEqual([2]);
    expect(h.state('t1')).toBe('COMPLETE');
    h.markPruned('t2');
    expect(h.state('t2')).toBe('PRUNED');
    h.markPruned('t1');
    expect(h.state('t1')).toBe('COMPLETE');
  });
});

describe('decideReport', () => {
  const seen: PrunerContext[] = [];
  const pruneBelow = (cut: number): Pruner => ({
    name: 'test',
    decide: (ctx) => (seen.push(ctx), ctx.trial.steps.at(-1)!.loss > cut ? { prune: true, reason: `loss above ${cut}` } : { prune: false }),
  });

  it('decides at each reported step with the objective, in order, and the first prune is the answer', () => {
    const h = history();
    const steps: ReportedStep[] = [{ step: 0, metrics: { acc: 0.9 } }, { step: 1, metrics: { other: 1 } }, { step: 2, metrics: { acc: 0.1, other: 2 } }, { step: 3, metrics: { acc: 0.05 } }];
    h.addStored('t1', steps);
    seen.length = 0;
    expect(decideReport(h, pruneBelow(-0.5), 0, 't1', steps)).toEqual({ step: 2, value: 0.1, metrics: { acc: 0.1, other: 2 }, reason: 'pruned at step 2 by test: loss above -0.5' });
    expect(seen.map((c) => c.trial.steps.at(-1)!.step)).toEqual([0, 2]);
    expect(decideReport(h, pruneBelow(0), 0, 't1', steps)).toBeUndefined();
  });

  it('decides at the last steps only of a bulk report', () => {
    const h = history();
    const steps = Array.from({ length: MAX_DECISIONS_PER_REPORT + 10 }, (_, step) => ({ step, metrics: { acc: 0.5 } }));
    h.addStored('t1', steps);
    seen.length = 0;
    decideReport(h, pruneBelow(0), 0, 't1', steps);
    expect(seen).toHaveLength(MAX_DECISIONS_PER_REPORT);
    expect(seen[0].trial.steps.at(-1)!.step).toBe(10);
  });
});
