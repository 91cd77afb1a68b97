import { Rng } from '@attune/core/random/rng';
import { emptyParams, type Params, type SearchSpace } from '@attune/core/search-space/parameter';
import { sampleUniformUntilNew } from '../common/sample-uniform';
import type { Proposal, Strategy, StrategyContext, StrategyDefinition } from '../strategy';
import { decodeValue, tpeDimensions, type TpeDimension } from './tpe-dimension';
import { collectObservations, encodeRow, isFinished, studyShape, worstObservation, type TpeObservation } from './tpe-observations';
import { tpeOptionsSchema, type TpeOptions } from './tpe-options';
import { tpeCandidates } from './tpe-sampler';
import { TakenConfigs } from './taken-configs';

/** Stream tag of TPE's candidate draws (random draws use attempts 0, 1, ... like the random strategy). */
const TPE_STREAM = 0x7e5;
/** Uniform redraws when every candidate repeats a configuration already taken. */
const MAX_REDRAWS = 32;

/**
 * Tree-structured Parzen estimator (Optuna's TPESampler, multivariate by
 * default). Random until `nStartupTrials` results exist; then each proposal
 * maximises l(x)/g(x). Within one `ask`, each proposal is pending for the next
 * one, so a batch spreads out under the constant liar. Trial n's randomness is
 * `Rng.derive(seed, n, ...)`: the same history and seed give the same proposal.
 *
 * With several objectives it is Optuna 3.1's MOTPE (good group by
 * non-dominated rank and hypervolume subset selection, its kernels weighted
 * by hypervolume contribution); with constraints, Optuna 3.1's constrained
 * TPE (feasible trials rank before infeasible ones, those by violation). See
 * `splitObservations`. Pending trials stay in the bad group as the worst in
 * every objective (Optuna's MOTPE ignores them). PRUNED trials count as
 * finished, as in Optuna 3.x: in gamma(n) and against the startup, and they
 * join the good group after every result, those that got furthest (then
 * lowest there, `TrialView.lastStep`) first; their configurations are taken.
 */
export class TpeStrategy implements Strategy {
  readonly name = 'tpe';
  private readonly dims: readonly TpeDimension[];
  /** Encoded rows by params object: a pure cache (params are read-only), it only saves work on long histories. */
  private readonly rows = new WeakMap<object, Float64Array>();

  constructor(
    private readonly space: SearchSpace,
    private readonly options: TpeOptions,
  ) {
    this.dims = tpeDimensions(space);
  }

  ask(ctx: StrategyContext, count: number): Proposal[] {
    const shape = studyShape(ctx.trials);
    const observations = collectObservations((p) => this.encode(p), ctx.trials, this.options.constantLiar, shape);
    const taken = new TakenConfigs(this.space, ctx.trials.map((t) => t.params));
    const results = observations.filter(isFinished).length;
    const out: Proposal[] = [];
    for (let i = 0; i < count; i++) {
      const number = ctx.trials.length + i;
      const params =
        results < this.options.nStartupTrials
          ? this.redraw(ctx.seed, number, taken)
          : this.propose(ctx.seed, number, observations, taken);
      taken.add(params);
      if (this.options.constantLiar) observations.push(worstObservation(number, encodeRow(this.dims, params), shape));
      out.push({ params });
    }
    return out;
  }

  private propose(seed: number, number: number, observations: readonly TpeObservation[], taken: TakenConfigs): Params {
    const rng = Rng.derive(seed, number, TPE_STREAM);
    for (const row of tpeCandidates(this.dims, observations, this.options, rng)) {
      const params = this.decode(row);
      if (!taken.has(params)) return params;
    }
    return this.redraw(seed, number, taken);
  }

  private encode(params: Readonly<Params>): Float64Array {
    let row = this.rows.get(params);
    if (!row) {
      row = encodeRow(this.dims, params);
      this.rows.set(params, row);
    }
    return row;
  }

  private decode(row: Float64Array): Params {
    const params = emptyParams();
    this.dims.forEach((dim, j) => (params[dim.param.name] = decodeValue(dim, row[j])));
    return params;
  }

  /** Uniform draws, as the random strategy makes them, until one is new. */
  private redraw(seed: number, number: number, taken: TakenConfigs): Params {
    return sampleUniformUntilNew(this.space, seed, number, MAX_REDRAWS, (p) => taken.has(p));
  }
}

export const tpeStrategy: StrategyDefinition<TpeOptions> = {
  name: 'tpe',
  summary:
    'Tree-structured Parzen estimator (multivariate, constant liar for pending trials), after random startup trials; several objectives as MOTPE, constraints as constrained TPE.',
  options: tpeOptionsSchema,
  supportsMultiObjective: true,
  supportsConstraints: true,
  create: (options, space) => new TpeStrategy(space, options),
};
