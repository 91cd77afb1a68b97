import type { Proposal, Strategy, StrategyContext } from '../strategy';
import { rankInfeasibleBelow } from './infeasible-losses';

/**
 * A strategy that does not weigh constraints, seeing infeasible trials ranked
 * below feasible ones through their loss (`rankInfeasibleBelow`). The
 * registry wraps every such strategy, so the coordinator and the in-process
 * engine hand them the same view.
 */
export class FeasibilityRankedStrategy implements Strategy {
  readonly name: string;

  constructor(private readonly inner: Strategy) {
    this.name = inner.name;
  }

  ask(ctx: StrategyContext, count: number): Proposal[] {
    const trials = rankInfeasibleBelow(ctx.trials);
    return this.inner.ask(trials === ctx.trials ? ctx : { ...ctx, trials }, count);
  }
}
