import { describe, expect, it } from 'vitest';
import { normalizeObjectives } from '../objective/normalize-objectives';
import type { SearchSpace } from '../search-space/parameter';
import { COMPOSITE_NEEDS_BASELINE, fitWarmStartTrial } from './fit-warm-start-trial';
import { ALREADY_COPIED, planWarmStart } from './plan-warm-start';

const space: SearchSpace = [
  { name: 'x', type: 'float', min: 0, max: 5 },
  { name: 'n', type: 'int', min: 1, max: 8, default: 4 },
  { name: 'mode', type: 'categorical', values: ['a', 'b'] },
];
const single = normalizeObjectives({ objective: { metric: 'p99', direction: 'minimize' } });

describe('fitWarmStartTrial', () => {
  it('copies a fitting trial with the defaults filled in, its value the objective metric', () => {
    const fit = fitWarmStartTrial(space, single, { params: { mode: 'b', x: 2.5 }, metrics: { p99: 12, rps: 900 } });
    expect(fit.ok && fit.params).toEqual({ x: 2.5, n: 4, mode: 'b' });
    expect(fit.ok && fit.score).toMatchObject({ value: 12, loss: 12, metrics: { p99: 12, rps: 900 }, feasible: true, violation: 0 });
    const maximize = normalizeObjectives({ objective: { metric: 'rps', direction: 'maximize' } });
    expect(fitWarmStartTrial(space, maximize, { params: { x: 1, mode: 'a' }, metrics: { p99: 12, rps: 900 } })).toMatchObject({ ok: true, score: { value: 900, loss: -900 } });
  });

  it('rescores against the new constraints', () => {
    const constrained = normalizeObjectives({ objective: { metric: 'p99', direction: 'minimize' }, constraints: [{ metric: 'rps', min: 1000 }] });
    // Relative excess below the bound: (1000 - 900) / 1000.
    expect(fitWarmStartTrial(space, constrained, { params: { x: 1, mode: 'a' }, metrics: { p99: 12, rps: 900 } })).toMatchObject({ ok: true, score: { feasible: false, violation: 0.1 } });
  });

  it.each([
    [{ x: 1, mode: 'a', extra: 3 }, 'parameter "extra" is not in this study\'s space'],
    [{ x: 1 }, 'parameter "mode" is missing and has no default here'],
    [{ x: 7, mode: 'a' }, 'parameter "x": the value is not a number in [0, 5]'],
    [{ x: 1, n: 2.5, mode: 'a' }, 'parameter "n": the value is not an integer in [1, 8]'],
    [{ x: 1, mode: 'c' }, 'parameter "mode": the value is not one of "a", "b"'],
  ])('drops %j: %s', (params, reason) => {
    expect(fitWarmStartTrial(space, single, { params, metrics: { p99: 1 } })).toEqual({ ok: false, reason });
  });

  it('drops a trial lacking an objective or constraint metric, and every trial of a composite score', () => {
    expect(fitWarmStartTrial(space, single, { params: { x: 1, mode: 'a' }, metrics: { rps: 1 } })).toEqual({ ok: false, reason: 'the objective metric "p99" is missing from the reported metrics' });
    const composite = normalizeObjectives({ objective: { composite: [{ metric: 'p99', direction: 'minimize', weight: 1 }, { metric: 'rps', direction: 'maximize', weight: 1 }] }, baseline: { params: { x: 1, mode: 'a' } } });
    expect(fitWarmStartTrial(space, composite, { params: { x: 1, mode: 'a' }, metrics: { p99: 1, rps: 1 } })).toEqual({ ok: false, reason: COMPOSITE_NEEDS_BASELINE });
  });

  it('gives several objectives their losses', () => {
    const pareto = normalizeObjectives({ objectives: [{ metric: 'p99', direction: 'minimize' }, { metric: 'rps', direction: 'maximize' }] });
    expect(fitWarmStartTrial(space, pareto, { params: { x: 1, mode: 'a' }, metrics: { p99: 12, rps: 900 } })).toMatchObject({ ok: true, score: { losses: [12, -900] } });
  });
});

describe('planWarmStart', () => {
  const a = 'aaaaaaaa-0000-4000-8000-000000000000';
  const b = 'bbbbbbbb-0000-4000-8000-000000000000';
  const c = 'cccccccc-0000-4000-8000-000000000000';

  it('copies each configuration once, counts the drops per reason, and warns of studies that gave nothing', () => {
    const plan = planWarmStart(space, single, [
      {
        id: a,
        trials: [
          { number: 0, params: { x: 1, mode: 'a' }, metrics: { p99: 5 } },
          { number: 1, params: { x: 9, mode: 'a' }, metrics: { p99: 5 } },
          { number: 2, params: { x: 1, n: 4, mode: 'a' }, metrics: { p99: 6 } },
          { number: 3, params: { x: 8, mode: 'b' }, metrics: { p99: 5 } },
          { number: 4, params: { x: 2, mode: 'b' }, metrics: {} },
        ],
      },
      { id: b, trials: [{ number: 0, params: { x: 1, mode: 'a' }, metrics: { p99: 7 } }] },
      { id: c, refused: 'is on target "db", not "web"' },
    ]);
    expect(plan.copies).toEqual([{ params: { x: 1, n: 4, mode: 'a' }, score: expect.objectContaining({ value: 5 }), from: { studyId: a, number: 0 } }]);
    expect(plan.studies).toEqual([
      { id: a, copied: 1, dropped: 4, reasons: ['2 trials: parameter "x": the value is not a number in [0, 5]', `1 trial: ${ALREADY_COPIED}`, '1 trial: the objective metric "p99" is missing from the reported metrics'] },
      { id: b, copied: 0, dropped: 1, reasons: [`1 trial: ${ALREADY_COPIED}`] },
      { id: c, copied: 0, dropped: 0, reasons: ['is on target "db", not "web"'] },
    ]);
    expect(plan.warnings).toEqual([
      `warm start: study ${b} gave no trial (1 trial: ${ALREADY_COPIED})`,
      `warm start: study ${c} gave no trial (is on target "db", not "web")`,
    ]);
  });

  it('says so of a study without COMPLETE trials', () => {
    expect(planWarmStart(space, single, [{ id: a, trials: [] }]).studies).toEqual([{ id: a, copied: 0, dropped: 0, reasons: ['has no COMPLETE trial'] }]);
  });
});
