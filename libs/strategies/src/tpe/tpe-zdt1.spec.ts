import { describe, expect, it } from 'vitest';
import { zdt1 } from '../testing/multi-objective-problems';
import { againstRandom } from '../testing/multi-objective-run';
import { tpeStrategy } from './tpe.strategy';

const TRIALS = 100;
const BATCH = 4;
const SEEDS = [1, 2, 3, 4, 5];

describe('tpe (MOTPE) on ZDT1 (6-D, two objectives)', () => {
  it(`beats random search's hypervolume after ${TRIALS} trials on every one of ${SEEDS.length} seeds`, () => {
    const results = againstRandom(tpeStrategy, zdt1(6), SEEDS, TRIALS, BATCH);
    expect(results.filter((r) => r.strategy > r.random).length, JSON.stringify(results)).toBe(SEEDS.length);
  });
});
