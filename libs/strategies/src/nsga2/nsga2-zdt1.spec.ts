import { describe, expect, it } from 'vitest';
import { randomStrategy } from '../random/random.strategy';
import { zdt1 } from '../testing/multi-objective-problems';
import { hypervolumeAfter } from '../testing/multi-objective-run';
import { nsga2Strategy } from './nsga2.strategy';

const TRIALS = 100;
const BATCH = 4;
const SEEDS = [1, 2, 3, 4, 5];

describe('nsga2 on ZDT1 (6-D, two objectives)', () => {
  it(`beats random search's hypervolume after ${TRIALS} trials on at least 4 of ${SEEDS.length} seeds`, () => {
    const problem = zdt1(6);
    const results = SEEDS.map((seed) => ({
      seed,
      nsga2: hypervolumeAfter(nsga2Strategy, problem, seed, TRIALS, BATCH),
      random: hypervolumeAfter(randomStrategy, problem, seed, TRIALS, BATCH),
    }));
    const wins = results.filter((r) => r.nsga2 > r.random).length;
    expect(wins, JSON.stringify(results)).toBeGreaterThanOrEqual(4);
  });
});
