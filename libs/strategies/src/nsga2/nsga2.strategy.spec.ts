import { Rng } from '@attune/core/random/rng';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { randomStrategy } from '../random/random.strategy';
import { describeStrategyConformance, expectInDomain } from '../testing/strategy-conformance';
import { crowdedTournament } from './crowded-tournament';
import { elitePopulation } from './elite-population';
import { nsga2OptionsSchema } from './nsga2.options';
import { nsga2Strategy } from './nsga2.strategy';
import type { Contender, Member } from './nsga2-member';
import { Nsga2Replay } from './nsga2-replay';
import { GenerationPlan } from './generation-plan';

// With one objective NSGA-II keeps the spread of its population by crowding, so it closes in more slowly than `genetic`.
describeStrategyConformance(nsga2Strategy, { quadratic: { trials: 100, maxRegret: 0.5, seeds: [1, 2, 3] }, prunedAsFailedBecause: 'no objective values: its slot stays empty' });
describeStrategyConformance(nsga2Strategy, { options: { crossover: 'uniform', populationSize: 6 }, quadratic: { trials: 80, maxRegret: 1 }, prunedAsFailedBecause: 'no objective values: its slot stays empty' });

const space: SearchSpace = [
  { name: 'x', type: 'float', min: 0, max: 1 },
  { name: 'n', type: 'int', min: 1, max: 5 },
  { name: 'c', type: 'categorical', values: ['a', 'b', 'c'] },
];

const contender = (number: number, losses: number[], violation?: number): Contender => ({ number, genome: [number], losses, violation });
const member = (number: number, rank: number, crowding: number): Member => ({ ...contender(number, [0]), rank, crowding });

describe('nsga2 selection', () => {
  it('keeps whole fronts, cuts the last by crowding distance, and ranks the infeasible last', () => {
    const elite = elitePopulation(
      [
        contender(0, [5, 5]), // front 1
        contender(1, [1, 4]), // front 0, an extreme
        contender(2, [2, 3]), // front 0, crowded between 1 and 3
        contender(3, [2.1, 2.9]), // front 0
        contender(4, [4, 1]), // front 0, an extreme
        contender(5, [0, 0], 0.5), // would dominate all, but infeasible
      ],
      3,
    );
    expect(elite.map((m) => m.number).sort()).toEqual([1, 3, 4]);
    expect(elite.every((m) => m.rank === 0)).toBe(true);
    expect(elitePopulation([contender(0, [0, 0], 2), contender(1, [9, 9], 1), contender(2, [9, 9], 0)], 3).map((m) => [m.number, m.rank])).toEqual([
      [2, 0],
      [1, 1],
      [0, 2],
    ]);
  });

  it('tournaments prefer the better front, then the less crowded place', () => {
    const rng = new Rng(4);
    const byRank = [member(0, 0, 0), member(1, 1, Infinity)];
    const byCrowding = [member(0, 0, 0.1), member(1, 0, 2)];
    const wins = (pool: Member[]) => Array.from({ length: 400 }, () => crowdedTournament(pool, rng).number).filter((n) => n === 0).length;
    // Member 0 wins unless both draws are member 1: about 3 in 4.
    expect(wins(byRank)).toBeGreaterThan(250);
    expect(wins(byCrowding)).toBeLessThan(150);
  });

  it('places trials in generations: the first of its own size, then one population size each', () => {
    const plan = new GenerationPlan(32, 16);
    expect([0, 31, 32, 47, 48, 100].map((n) => plan.generationOf(n))).toEqual([0, 0, 1, 1, 2, 5]);
    expect([0, 3, 4, 9].map((n) => new GenerationPlan(4, 6).generationOf(n))).toEqual([0, 0, 1, 1]);
  });

  it('replays the populations: generation g breeds from the elite of g − 1 and the population before', () => {
    const trials: TrialView[] = [0, 1, 2, 3, 4, 5].map((i) => ({ number: i, state: 'COMPLETE', params: { x: i / 5, n: 1, c: 'a' }, losses: [i, 5 - i] }));
    trials.push({ number: 6, state: 'COMPLETE', params: { x: 0, n: 2, c: 'b' }, losses: [-1, -1] });
    trials.push({ number: 7, state: 'FAILED', params: { x: 0, n: 3, c: 'b' } });
    const replay = new Nsga2Replay(space, trials, new GenerationPlan(4, 4));
    expect(replay.parentsOf(1).map((m) => m.number)).toEqual([0, 1, 2, 3]);
    // Trial 6 of generation 1 dominates everything; of the line 0…5 behind it the two ends, then the lowest number
    // among equally crowded ones; the failed trial 7 takes no place.
    expect(replay.parentsOf(2).map((m) => m.number)).toEqual([6, 0, 5, 1]);
  });
});

describe('nsga2', () => {
  const strategy = nsga2Strategy.create(nsga2OptionsSchema.parse({ populationSize: 4 }), space);

  it('starts with a Sobol design of twice a generation, labelling proposals with their generation', () => {
    const first = strategy.ask({ space, trials: [], seed: 5, maxTrials: 20 }, 10);
    expect(first.map((p) => p.meta)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1].map((generation) => ({ generation })));
    const design = first.slice(0, 8).map((p) => p.params);
    // The first 8 points of a Sobol sequence: one in each eighth of x, each category 8/3 times at most.
    expect(design.map((p) => Math.floor((p.x as number) * 8)).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const c of ['a', 'b', 'c']) expect(design.filter((p) => p.c === c).length).toBeGreaterThanOrEqual(2);
    expect(strategy.ask({ space, trials: [], seed: 5, maxTrials: 20 }, 10)).toEqual(first);
  });

  it('with a uniform first generation, draws what random search draws', () => {
    const uniform = nsga2Strategy.create(nsga2OptionsSchema.parse({ populationSize: 4, firstGenerationSize: 4, initialPopulation: 'uniform' }), space);
    const random = randomStrategy.create(randomStrategy.options.parse({}), space);
    const ctx = { space, trials: [], seed: 5, maxTrials: 20 };
    const first = uniform.ask(ctx, 6);
    expect(first.slice(0, 4).map((p) => p.params)).toEqual(random.ask(ctx, 4).map((p) => p.params));
    expect(first.map((p) => p.meta)).toEqual([0, 0, 0, 0, 1, 1].map((generation) => ({ generation })));
  });

  it('passes over a design point already taken', () => {
    const design = strategy.ask({ space, trials: [], seed: 5, maxTrials: 20 }, 2).map((p) => p.params);
    const trials: TrialView[] = [{ number: 0, state: 'COMPLETE', params: design[1], loss: 1 }];
    const next = strategy.ask({ space, trials, seed: 5, maxTrials: 20 }, 1)[0].params;
    expect(next).not.toEqual(design[1]);
    expectInDomain(space, next);
  });

  it('reads a single objective as [loss] and several as losses, and breeds inside the domain', () => {
    const single: TrialView[] = [0, 1, 2, 3].map((i) => ({ number: i, state: 'COMPLETE', params: { x: i / 4, n: i + 1, c: 'a' }, loss: i }));
    const multi: TrialView[] = single.map((t, i) => ({ ...t, loss: undefined, losses: [i, 3 - i] }));
    for (const trials of [single, multi]) {
      const next = strategy.ask({ space, trials, seed: 0, maxTrials: 20 }, 4);
      expect(next).toHaveLength(4);
      for (const p of next) expectInDomain(space, p.params);
    }
  });

  it('declares that it takes several objectives and constraints', () => {
    expect(nsga2Strategy.supportsMultiObjective).toBe(true);
    expect(nsga2Strategy.supportsConstraints).toBe(true);
  });

  it('rejects bad options naming the rule', () => {
    const issues = nsga2OptionsSchema
      .safeParse({ populationSize: 1, firstGenerationSize: 1.5, crossover: 'blx', mutationProbability: 2, mutation: 'cauchy', mutationEta: 0, initialPopulation: 'lhs' })
      .error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ['populationSize', 'must be at least 2'],
        ['crossover', expect.any(String)],
        ['mutationProbability', 'must be between 0 and 1'],
        ['firstGenerationSize', 'must be an integer'],
        ['mutation', expect.any(String)],
        ['mutationEta', 'must be at least 0.1'],
        ['initialPopulation', expect.any(String)],
      ]),
    );
  });
});
