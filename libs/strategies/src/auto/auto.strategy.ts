import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { randomStrategy } from '../random/random.strategy';
import { parseStrategyOptions } from '../registry/strategy-options';
import type { Proposal, Strategy, StrategyContext, StrategyDefinition } from '../strategy';
import { AUTO_MEMBERS, AUTO_MEMBER_NAMES, type AutoMember } from './auto-members';
import { autoOptionsSchema, type AutoOptions } from './auto-options';
import { allocateSlots } from './member-allocation';
import { memberCredit } from './member-credit';

const STARTUP_MEMBER = 'random';

/**
 * A portfolio: a bandit over strategies. Each member's credit is a Beta
 * belief about the rank-based improvement its own proposals brought (see
 * `memberCredit`), discounted with age, on top of a prior that gives the GP
 * members the edge until the evidence says otherwise; slots are drawn by
 * Thompson sampling (see `allocateSlots`). Members see the whole history,
 * whoever proposed it (PRUNED trials included, each member reading them by
 * its own rule); the proposer is kept in `meta.member`. Within a batch,
 * each member's proposals are pending for the next member's, so members do
 * not collide. Deterministic from the history and seed, as each member is.
 */
export class AutoStrategy implements Strategy {
  readonly name = 'auto';
  private readonly members: (AutoMember & { strategy: Strategy })[];
  private readonly startup: Strategy;

  constructor(
    space: SearchSpace,
    private readonly options: AutoOptions,
  ) {
    this.members = AUTO_MEMBERS.filter((m) => options.members.includes(m.name)).map((m) => ({ ...m, strategy: createMember(m.definition, m.options, space) }));
    this.startup = createMember(randomStrategy as StrategyDefinition<unknown>, {}, space);
  }

  ask(ctx: StrategyContext, count: number): Proposal[] {
    const trials: TrialView[] = [...ctx.trials];
    const out: Proposal[] = [];
    for (const [name, slots] of this.plan(ctx, count)) {
      if (slots === 0) continue;
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
  private plan(ctx: StrategyContext, count: number): [string, number][] {
    const startup = Math.max(0, Math.min(count, this.options.startupTrials - ctx.trials.length));
    const credit = memberCredit(this.members, ctx.trials, this.options.discount);
    const slots = allocateSlots(credit, count - startup, ctx.seed, ctx.trials.length);
    return [[STARTUP_MEMBER, startup], ...this.members.map((m, i): [string, number] => [m.name, slots[i]])];
  }
}

function createMember(definition: StrategyDefinition<unknown>, options: Readonly<Record<string, unknown>>, space: SearchSpace): Strategy {
  const parsed = parseStrategyOptions(definition, options);
  if (!parsed.ok) throw new Error(`auto: options of ${definition.name} do not validate`);
  return definition.create(parsed.options, space);
}

export const autoStrategy: StrategyDefinition<AutoOptions> = {
  name: 'auto',
  summary: `A portfolio over ${AUTO_MEMBER_NAMES.join(', ')}: Thompson sampling credits each by the rank-based improvement its proposals bring.`,
  options: autoOptionsSchema,
  create: (options, space) => new AutoStrategy(space, options),
};
