import { describe, expect, it } from 'vitest';
import { normalizeObjectives } from './normalize-objectives';
import { trialViewOf } from './trial-view-of';

const objectives = (direction: 'minimize' | 'maximize') => normalizeObjectives({ objective: { metric: 'acc', direction } });

describe('trialViewOf of a PRUNED trial', () => {
  it('has no loss, but the step it was stopped at and its loss there, oriented like loss', () => {
    const pruned = { number: 3, state: 'PRUNED' as const, params: { x: 1 }, value: 0.4, lastStep: 12 };
    expect(trialViewOf(pruned, objectives('maximize'))).toEqual({ number: 3, state: 'PRUNED', params: { x: 1 }, lastStep: { step: 12, loss: -0.4 } });
    expect(trialViewOf(pruned, objectives('minimize')).lastStep).toEqual({ step: 12, loss: 0.4 });
  });

  it('has no lastStep without a step or a value, and a COMPLETE trial keeps its loss only', () => {
    expect(trialViewOf({ number: 0, state: 'PRUNED', params: {} }, objectives('minimize'))).toEqual({ number: 0, state: 'PRUNED', params: {} });
    expect(trialViewOf({ number: 0, state: 'COMPLETE', params: {}, value: 2, lastStep: 9 }, objectives('minimize'))).toEqual({ number: 0, state: 'COMPLETE', params: {}, loss: 2 });
  });
});
