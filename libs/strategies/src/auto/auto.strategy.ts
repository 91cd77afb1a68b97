import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { ucb1Choose } from '../bandit/ucb1';
import { parseStrategyOptions } from '../registry/strategy-options';
import type { Proposal, Strategy, StrategyContext, StrategyDefinition } from '../strategy';
import { AUTO_MEMBER_DEFINITIONS, AUTO_MEMBER_NAMES } from './auto-members';
import { autoOptionsSchema, type AutoOptions } from './auto-options';
import { memberCredit } from './member-credit';

const STARTUP_MEMBER = 'random';

/**
 * A portfolio: a bandit over strategies. After `startupTrials` random trials,
 * each slot goes to the member with the highest discounted UCB score of the
 * improvement its own proposals brought (see `memberCredit`). Members see the
 * whole history, whoever proposed it; the proposer is kept in `meta.member`.
 * Within a batch, each member's proposals are pending for the next member's,
 * so members do not collide. No randomness of its own: deterministic from the
 * history, and each member is.
 */
export class AutoStrategy implements Strategy {
  readonly name = 'auto';
  private readonly members: { name: string; strategy: Strategy }[];
  private readonly startup: Strategy;

  constructor(
    space: SearchSpace,
    private readonly options: AutoOptions,
  ) {
    const names = options.members ?? AUTO_MEMBER_NAMES;
    this.members = AUTO_MEMBER_DEFINITIONS.filter((d) => names.includes(d.name)).map((d) => ({ name: d.name, strategy: createMember(d, space) }));
    this.startup = createMember(AUTO_MEMBER_DEFINITIONS.find((d) => d.name === STARTUP_MEMBER)!, space);
  }

  ask(ctx: StrategyContext, count: number): Proposal[] {
    const plan = this.plan(ctx, count);
    const trials: TrialView[] = [...ctx.trials];
    const out: Proposal[] = [];
    for (const [name, slots] of plan) {
      const member = this.members.find((m) => m.name === name)?.strategy ?? this.startup;
      for (const p of member.ask({ ...ctx, trials }, slots)) {
        const meta = { ...p.meta, member: name };
        trials.push({ number: trials.length, state: 'RUNNING', params: p.params, meta });
        out.push({ params: p.params, meta });
      }
    }
    return out;
  }

  /** How many of the `count` slots each member gets, in the order the members are asked. */
  private plan(ctx: StrategyContext, count: number): Map<string, number> {
    const plan = new Map<string, number>();
    const names = this.members.map((m) => m.name);
    const stats = memberCredit(names, ctx.trials, this.options.discount);
    const finished = stats.reduce((n, s) => n + s.finished, 0);
    const prior = finished > 0 ? stats.reduce((r, s) => r + s.rewardSum, 0) / finished : 0.5;
    for (let i = 0; i < count; i++) {
      const number = ctx.trials.length + i;
      const startup = number < this.options.startupTrials;
      const chosen = startup ? -1 : ucb1Choose(stats, this.options.exploration, prior);
      if (chosen >= 0) stats[chosen].pending++;
      const name = chosen >= 0 ? names[chosen] : STARTUP_MEMBER;
      plan.set(name, (plan.get(name) ?? 0) + 1);
    }
    return plan;
  }
}

function createMember(definition: StrategyDefinition<unknown>, space: SearchSpace): Strategy {
  const parsed = parseStrategyOptions(definition, {});
  if (!parsed.ok) throw new Error(`auto: default options of ${definition.name} do not validate`);
  return definition.create(parsed.options, space);
}

export const autoStrategy: StrategyDefinition<AutoOptions> = {
  name: 'auto',
  summary: `A portfolio over ${AUTO_MEMBER_NAMES.join(', ')}: a discounted UCB bandit credits each by the improvement its proposals bring.`,
  options: autoOptionsSchema,
  create: (options, space) => new AutoStrategy(space, options),
};
