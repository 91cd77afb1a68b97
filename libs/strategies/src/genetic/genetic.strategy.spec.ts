import { Rng } from '@attune/core/random/rng';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { describeStrategyConformance } from '../testing/strategy-conformance';
import { geneticOptionsSchema } from './genetic-options';
import { geneticStrategy } from './genetic.strategy';
import { SbxCrossover } from './operators/sbx-crossover';
import { TournamentSelection } from './operators/tournament-selection';
import { TypeAwareMutation } from './operators/type-aware-mutation';

describeStrategyConformance(geneticStrategy, { quadratic: { trials: 80, maxRegret: 0.3, seeds: [1, 2, 3] }, prunedAsFailedBecause: 'never a parent, its slot taken' });
describeStrategyConformance(geneticStrategy, { options: { crossover: 'uniform', populationSize: 6 }, quadratic: { trials: 80, maxRegret: 1 }, prunedAsFailedBecause: 'never a parent, its slot taken' });

const space: SearchSpace = [
  { name: 'x', type: 'float', min: 0, max: 1 },
  { name: 'n', type: 'int', min: 1, max: 5 },
  { name: 'c', type: 'categorical', values: ['a', 'b', 'c'] },
];

describe('genetic operators', () => {
  it('SBX keeps children in the unit box and categoricals from a parent', () => {
    const sbx = new SbxCrossover(2);
    const rng = new Rng(1);
    for (let i = 0; i < 200; i++) {
      const [x, n, c] = sbx.cross([0.01, 0.2, 0], [0.99, 0.9, 2], space, rng);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
      expect(n).toBeGreaterThanOrEqual(0);
      expect([0, 2]).toContain(c);
    }
  });

  it('tournament selection prefers lower losses', () => {
    const pool = [0, 1, 2, 3, 4, 5, 6, 7].map((loss) => ({ genome: [loss / 8], loss }));
    const rng = new Rng(2);
    const picks = Array.from({ length: 400 }, () => new TournamentSelection(3).select(pool, rng).loss);
    expect(picks.reduce((a, b) => a + b, 0) / picks.length).toBeLessThan(2.5);
  });

  it('mutation with rate 1 changes every discrete gene to another level', () => {
    const m = new TypeAwareMutation(1, 0.01);
    const rng = new Rng(3);
    for (let i = 0; i < 50; i++) {
      const [, n, c] = m.mutate([0.5, 0.5, 1], space, rng);
      expect(n).not.toBeCloseTo(0.5, 6);
      expect(c).not.toBe(1);
    }
  });
});

describe('genetic', () => {
  it('labels proposals with their generation, read off the trial number', () => {
    const s = geneticStrategy.create(geneticOptionsSchema.parse({ populationSize: 4, elitism: 0, crossoverRate: 0, mutationRate: 0 }), space);
    const trials: TrialView[] = [0, 1, 2, 3].map((i) => ({ number: i, state: 'COMPLETE', params: { x: i / 4, n: i + 1, c: 'a' }, loss: i }));
    const next = s.ask({ space, trials, seed: 0, maxTrials: 20 }, 2);
    expect(next.map((p) => p.meta)).toEqual([{ generation: 1 }, { generation: 1 }]);
  });
});
