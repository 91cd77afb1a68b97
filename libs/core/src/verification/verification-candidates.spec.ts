import { describe, expect, it } from 'vitest';
import { normalizeObjectives } from '../objective/normalize-objectives';
import type { ObjectiveSpec } from '../objective/objective-spec.schema';
import { planVerification } from './plan-verification';
import { verificationArms, type CandidateTrial } from './verification-candidates';

const single = normalizeObjectives({ objective: { metric: 'latency', direction: 'minimize' }, baseline: true } as ObjectiveSpec);

/** A COMPLETE trial measuring `latency`; `extra` sets its origin or feasibility. */
function trial(number: number, latency: number, extra: Partial<Pick<CandidateTrial, 'origin' | 'feasible'>> = {}): CandidateTrial & { params: { x: number } } {
  return { number, state: 'COMPLETE', params: { x: number }, value: latency, ...extra };
}

describe('verificationArms', () => {
  const trials = [
    trial(0, 100, { origin: 'baseline' }),
    trial(1, 80),
    trial(2, 60),
    trial(3, 70),
    trial(4, 50, { feasible: false }),
    trial(5, 55, { origin: 'reused' }),
    trial(6, 90),
    { number: 7, state: 'FAILED' as const, params: { x: 7 } },
  ];

  it('takes the best measured feasible trials of the search, neither the baseline nor reused copies nor failed trials', () => {
    const arms = verificationArms(single, trials, 3);
    expect(arms.candidates.map((t) => t.number)).toEqual([2, 3, 1]);
    expect(arms.baseline?.number).toBe(0);
  });

  it("takes a model's ranking over the measured order, skipping what cannot be a candidate, the unranked after by measure", () => {
    // The model ranks 6 first (its measurement was unlucky), the baseline and the infeasible trial are no candidates.
    const arms = verificationArms(single, trials, 4, [6, 0, 4, 1]);
    expect(arms.candidates.map((t) => t.number)).toEqual([6, 1, 2, 3]);
  });

  it('ignores a ranking for several objectives: their candidates are the Pareto front', () => {
    const pareto = normalizeObjectives({
      objectives: [
        { metric: 'latency', direction: 'minimize' },
        { metric: 'rss', direction: 'minimize' },
      ],
      baseline: true,
    } as ObjectiveSpec);
    const front = [
      { number: 0, state: 'COMPLETE' as const, params: {}, origin: 'baseline', score: { losses: [5, 5] } },
      { number: 1, state: 'COMPLETE' as const, params: {}, score: { losses: [1, 3] } },
      { number: 2, state: 'COMPLETE' as const, params: {}, score: { losses: [3, 1] } },
      { number: 3, state: 'COMPLETE' as const, params: {}, score: { losses: [4, 4] } },
    ];
    expect(verificationArms(pareto, front, 3, [3, 2, 1]).candidates.map((t) => t.number)).toEqual([1, 2]);
  });
});

describe('planVerification', () => {
  it('plans the ranked candidates and the baseline, each `repeats` times', () => {
    const planned = planVerification(single, [trial(0, 100, { origin: 'baseline' }), trial(1, 80), trial(2, 60), trial(3, 70)], { repeats: 2, top: 2, seed: 1, ranking: [3, 1, 2] });
    if ('problem' in planned) throw new Error(planned.problem);
    expect(planned.candidates.map((t) => t.number)).toEqual([3, 1]);
    expect(planned.order.map((t) => t.number).sort()).toEqual([0, 0, 1, 1, 3, 3]);
  });
});
