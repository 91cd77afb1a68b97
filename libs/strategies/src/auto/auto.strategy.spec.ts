import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { describe, expect, it } from 'vitest';
import { checkStrategy } from '../registry/strategy-registry';
import type { Proposal, Strategy, StrategyContext } from '../strategy';
import { describeStrategyConformance } from '../testing/strategy-conformance';
import type { AutoMember } from './auto-members';
import { autoOptionsSchema } from './auto-options';
import { AutoStrategy, autoStrategy } from './auto.strategy';
import { allocateSlots } from './member-allocation';
import { CREDIT_WARMUP, memberCredit, rankReward } from './member-credit';

describeStrategyConformance(autoStrategy, { quadratic: { trials: 50, maxRegret: 0.3 } });

const space: SearchSpace = [{ name: 'x', type: 'float', min: 0, max: 1 }];
const done = (number: number, loss: number, member: string): TrialView => ({ number, state: 'COMPLETE', params: { x: number / 100 }, loss, meta: { member } });
const flat = { mean: 0.5, weight: 2 };

describe('member credit', () => {
  it('rewards by rank only: 1 for a new best, down to 0 at the top quarter', () => {
    const earlier = [10, 20, 30, 40, 50, 60, 70, 80];
    expect(rankReward(earlier, 5)).toBe(1);
    expect(rankReward(earlier, 15)).toBeCloseTo(0.5, 12); // one better of a 2-result quarter
    expect(rankReward(earlier, 35)).toBe(0);
    // Scale-free: the same ranks give the same rewards whatever the units.
    expect(rankReward(earlier.map((l) => l * 1e6 - 3), 15e6 - 3)).toBeCloseTo(0.5, 12);
  });

  it('adds discounted rewards to the prior, skipping the warm-up and pending trials', () => {
    const warm = Array.from({ length: CREDIT_WARMUP }, (_, i) => done(i, 100 + i, 'w'));
    const trials: TrialView[] = [...warm, done(5, 1, 'a'), done(6, 200, 'b'), { number: 7, state: 'RUNNING', params: { x: 0 }, meta: { member: 'a' } }];
    const [w, a, b] = memberCredit([{ name: 'w', prior: flat }, { name: 'a', prior: flat }, { name: 'b', prior: flat }], trials, 0.5);
    expect(w).toEqual({ alpha: 1, beta: 1 });
    expect(a.alpha).toBeCloseTo(1 + 0.5 ** 3, 12);
    expect(a.beta).toBeCloseTo(1, 12);
    expect(b.beta).toBeCloseTo(1 + 0.5 ** 2, 12);
  });

  it('credits a pruned proposal as a failed one: 0, whatever its last step', () => {
    const warm = Array.from({ length: CREDIT_WARMUP + 1 }, (_, i) => done(i, 100 + i, 'w'));
    const members = [{ name: 'a', prior: flat }];
    const ended = (state: TrialView['state']): TrialView => ({ number: warm.length, state, params: { x: 0.5 }, lastStep: { step: 9, loss: -1 }, meta: { member: 'a' } });
    const [pruned] = memberCredit(members, [...warm, ended('PRUNED')], 0.5);
    expect(pruned).toEqual(memberCredit(members, [...warm, ended('FAILED')], 0.5)[0]);
    expect(pruned).toEqual({ alpha: 1, beta: 1 + 0.5 }); // the prior, and a reward of 0 at age 1
  });
});

describe('slot allocation', () => {
  it('splits a batch by the posterior: most slots to the leader, deterministically', () => {
    const credit = [{ alpha: 30, beta: 10 }, { alpha: 28, beta: 12 }, { alpha: 2, beta: 38 }];
    const slots = allocateSlots(credit, 400, 3, 50);
    expect(slots.reduce((a, b) => a + b)).toBe(400);
    expect(slots[0]).toBeGreaterThan(slots[1]);
    expect(slots[1]).toBeGreaterThan(40);
    expect(slots[2]).toBe(0);
    expect(allocateSlots(credit, 400, 3, 50)).toEqual(slots);
  });

  it('gives a whole batch to a clearly dominant leader, but still draws single slots', () => {
    const credit = [{ alpha: 2, beta: 38 }, { alpha: 30, beta: 10 }, { alpha: 4, beta: 36 }];
    expect(allocateSlots(credit, 4, 3, 50)).toEqual([0, 4, 0]);
    const single = Array.from({ length: 200 }, (_, t) => allocateSlots([{ alpha: 6, beta: 4 }, { alpha: 1, beta: 4 }], 1, 3, t));
    expect(single.some((s) => s[1] === 1)).toBe(true);
  });
});

/** A stub member proposing x = its own constant: the objective decides which one helps. */
class Constant implements Strategy {
  constructor(
    readonly name: string,
    private readonly x: number,
  ) {}
  ask(ctx: StrategyContext, count: number): Proposal[] {
    return Array.from({ length: count }, (_, i) => ({ params: { x: this.x + (ctx.trials.length + i) * 1e-6 } }));
  }
}

describe('auto', () => {
  it('shifts slots toward the member whose proposals improve', async () => {
    const members = ['bayesian', 'tpe'];
    const auto = new AutoStrategy(space, autoOptionsSchema.parse({ members }));
    // Replace the real members by stubs: "bayesian" keeps getting worse, "tpe" keeps finding new bests.
    const stubs: Record<string, Strategy> = { bayesian: new Constant('worse', 0.9), tpe: new Constant('better', 0.1) };
    for (const m of (auto as unknown as { members: (AutoMember & { strategy: Strategy })[] }).members) m.strategy = stubs[m.name];
    const trials: TrialView[] = [];
    let step = 0;
    const counts = (from: number) => trials.slice(from).reduce((c, t) => c.set(t.meta!.member as string, (c.get(t.meta!.member as string) ?? 0) + 1), new Map<string, number>());
    for (; trials.length < 60; step++) {
      for (const p of auto.ask({ space, trials, seed: 7, maxTrials: 60 }, 1)) {
        // The better member's every proposal is a new best; the other's are all worse than anything seen.
        const loss = p.meta!.member === 'tpe' ? -trials.length : 1000 + trials.length;
        trials.push({ number: trials.length, state: 'COMPLETE', params: p.params, loss, meta: p.meta });
      }
    }
    // The prior favours "bayesian" at first; by the second half the credit has moved the slots.
    expect(counts(0).get('bayesian')).toBeGreaterThan(0);
    expect(counts(30).get('tpe') ?? 0).toBeGreaterThanOrEqual(27);
  });

  it('records who proposed and starts with the GP members by default', () => {
    const s = autoStrategy.create(autoOptionsSchema.parse({ startupTrials: 2 }), space);
    const proposals = s.ask({ space, trials: [], seed: 1, maxTrials: 20 }, 6);
    expect(proposals).toHaveLength(6);
    expect(proposals.slice(0, 2).map((p) => p.meta?.member)).toEqual(['random', 'random']);
    for (const p of proposals.slice(2)) expect(['bayesian', 'bayesian-ucb', 'tpe', 'annealing']).toContain(p.meta?.member);
  });

  it('validates its members', () => {
    expect(checkStrategy({ name: 'auto', options: { members: ['tpe', 'grid', 'tpe'] } }, space, { maxTrials: 10 })).toEqual([
      { path: 'strategy.options.members[1]', message: expect.stringContaining('must be one of "bayesian", "bayesian-ucb", "tpe"') },
      { path: 'strategy.options.members', message: 'must not list a strategy twice' },
    ]);
  });
});
