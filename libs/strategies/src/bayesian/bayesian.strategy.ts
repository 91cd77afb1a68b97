import { Rng } from '@attune/core/random/rng';
import { configKey } from '@attune/core/search-space/encoding';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import { isPending } from '@attune/core/trial/trial-state';
import { occupiedKeys } from '../common/occupied-keys';
import type { Proposal, Strategy, StrategyContext, StrategyDefinition } from '../strategy';
import { Acquisition } from './acquisition';
import { fullBox, optimizeAcquisition, pairGridSearch } from './acquisition-optimizer';
import { bayesianOptionsSchema, defaultInitialTrials, type BayesianOptions } from './bayesian.options';
import { EncodedSpace } from './encoded-space';
import { fantasyTargets, withFantasies } from './batch-fantasies';
import { buildSurrogate, type Surrogate } from './gp-surrogate';
import { HyperparameterCache } from './hyperparameter-cache';
import { estimateLipschitz, PenalizedAcquisition } from './local-penalization';
import { quasiRandomPoints } from './quasi-random';
import type { Observation } from './training-set';

const INITIAL_DESIGN = 0x501b;
const ACQUISITION_SEARCH = 0xac9;
const FALLBACK = 0xfa11;
const LIPSCHITZ_POINTS = 0x11f5;
/** Proposals keep at least this distance (unit scale, in some continuous coordinate) from pending trials and batch mates. */
const MIN_SEPARATION = 1e-3;
/** ...and this much from finished trials: small, so that final refinement keeps its precision. */
const REPEAT_SEPARATION = 1e-4;

/**
 * Gaussian-process Bayesian optimisation: a scrambled-Sobol initial design,
 * then a Matérn 5/2 ARD GP on the completed trials and the proposal that
 * maximises log-EI (or UCB). Pending trials and earlier proposals of the same
 * batch enter the GP as fantasies (kriging believer, by default then ranked by
 * a low-β confidence bound, or constant liar) or penalise the acquisition
 * around them (local penalisation). FAILED
 * trials are not modelled but never proposed again. Every random choice comes
 * from `Rng.derive(seed, trialNumber, purpose)`, so the same history and seed
 * give the same proposals; the hyperparameter cache only saves time.
 */
export class BayesianStrategy implements Strategy {
  readonly name = 'bayesian';
  private readonly encoded: EncodedSpace;
  private readonly cache = new HyperparameterCache();
  private readonly pairDims: readonly number[];

  constructor(
    readonly space: SearchSpace,
    private readonly options: BayesianOptions,
  ) {
    this.encoded = new EncodedSpace(space);
    // Ints (however many levels) and categoricals: the knobs whose joint moves coordinate sweeps miss.
    this.pairDims = space.flatMap((p, l) => (p.type === 'float' ? [] : [l]));
  }

  ask(ctx: StrategyContext, count: number): Proposal[] {
    const observations = this.observations(ctx);
    const nInitial = this.options.nInitial ?? defaultInitialTrials(this.encoded.d);
    if (observations.length < nInitial) return this.initialDesign(ctx, count);
    const surrogate = buildSurrogate(this.encoded, observations, { ...this.options, seed: ctx.seed }, this.cache);
    const taken = occupiedKeys(this.space, ctx.trials);
    const fantasyX = ctx.trials.filter((t) => isPending(t.state)).map((t) => this.encoded.encode(t.params));
    const lipschitz = this.lipschitzFor(ctx.seed, ctx.trials.length, surrogate);
    const out: Proposal[] = [];
    for (let i = 0; i < count; i++) {
      const trialNumber = ctx.trials.length + i;
      const pairSlot = this.isPairSlot(trialNumber);
      const acq = this.acquisitionFor(surrogate, fantasyX, lipschitz);
      const x = this.proposeOne(ctx.seed, trialNumber, surrogate, acq, fantasyX, taken, pairSlot);
      const params = this.encoded.decode(x);
      taken.add(configKey(this.space, params));
      fantasyX.push(x);
      out.push({ params, meta: { phase: pairSlot ? 'pair-move' : 'gp' } });
    }
    return out;
  }

  private observations(ctx: StrategyContext): Observation[] {
    return ctx.trials
      .filter((t) => t.state === 'COMPLETE' && typeof t.loss === 'number' && !Number.isNaN(t.loss))
      .map((t) => ({ number: t.number, x: this.encoded.encode(t.params), loss: t.loss as number }))
      .sort((a, b) => a.number - b.number);
  }

  private initialDesign(ctx: StrategyContext, count: number): Proposal[] {
    const taken = occupiedKeys(this.space, ctx.trials);
    const need = ctx.trials.length + count;
    const points = quasiRandomPoints(this.encoded, need + 64, Rng.derive(ctx.seed, INITIAL_DESIGN));
    const out: Proposal[] = [];
    // Trial t takes Sobol point t, or the next one whose configuration is still free.
    for (let i = 0, k = ctx.trials.length; i < count; i++) {
      let params = this.encoded.decode(points[Math.min(k, points.length - 1)]);
      while (k < points.length - 1 && taken.has(configKey(this.space, params))) params = this.encoded.decode(points[++k]);
      k++;
      if (taken.has(configKey(this.space, params))) params = this.fallback(ctx.seed, ctx.trials.length + i, taken);
      taken.add(configKey(this.space, params));
      out.push({ params, meta: { phase: 'initial' } });
    }
    return out;
  }

  /** Every `pairMoveEvery`-th trial (by number, so batches and sequences alike) is a pair move, when the space has discrete knobs. */
  private isPairSlot(trialNumber: number): boolean {
    const every = this.options.pairMoveEvery;
    return every > 0 && trialNumber % every === every - 1 && this.pairDims.length >= 2;
  }

  /** L of local penalisation (largest mean gradient over seeded quasi-random points and the data), or undefined for fantasies. */
  private lipschitzFor(seed: number, trialNumber: number, s: Surrogate): number | undefined {
    if (this.options.batchStrategy !== 'local-penalization') return undefined;
    const points = quasiRandomPoints(this.encoded, 256, Rng.derive(seed, trialNumber, LIPSCHITZ_POINTS));
    return estimateLipschitz(s.model, [...points, ...s.observations.map((o) => o.x)]);
  }

  /** The acquisition with pending trials and batch mates accounted for: penalised balls, or fantasies in the GP. */
  private acquisitionFor(s: Surrogate, fantasyX: readonly Float64Array[], lipschitz: number | undefined): Acquisition {
    const best = Math.min(...s.y);
    const { acquisition, ucbBeta, batchStrategy } = this.options;
    if (lipschitz !== undefined) {
      const acq = new PenalizedAcquisition(s.model, acquisition, best, ucbBeta, lipschitz);
      for (const x of fantasyX) acq.addPending(x);
      return acq;
    }
    const model = withFantasies(s.model, fantasyX, fantasyTargets(s.model, s.y, fantasyX, batchStrategy));
    // GP-BUCB: with others pending, a confidence bound on the believer model (variance collapsed at them) ranks proposals.
    if (batchStrategy === 'kriging-believer-ucb' && fantasyX.length > 0) return new Acquisition(model, 'ucb', best, this.options.batchUcbBeta);
    return new Acquisition(model, acquisition, best, ucbBeta);
  }

  private proposeOne(seed: number, trialNumber: number, s: Surrogate, acq: Acquisition, fantasyX: Float64Array[], taken: Set<string>, pairSlot: boolean): Float64Array {
    const byLoss = [...s.observations.keys()].sort((a, b) => s.y[a] - s.y[b]);
    const incumbent = s.observations[byLoss[0]].x;
    const ranked = pairSlot
      ? [pairGridSearch(acq, this.encoded, incumbent, this.pairDims, fullBox(this.encoded))]
      : optimizeAcquisition(acq, this.encoded, Rng.derive(seed, trialNumber, ACQUISITION_SEARCH), {
          // Past 100 model points each candidate costs more (an n² solve): keep the work per proposal flat.
          candidates: Math.max(256, Math.round(this.options.candidates * Math.min(1, 100 / s.observations.length))),
          localStarts: this.options.localStarts,
          anchors: byLoss.slice(0, 3).map((i) => s.observations[i].x),
          incumbent,
        });
    for (const p of ranked) {
      if (taken.has(configKey(this.space, this.encoded.decode(p.x)))) continue;
      // A deterministic objective learns nothing from a near-repeat of a finished trial either.
      if (!fantasyX.some((q) => this.encoded.nearDuplicate(p.x, q, MIN_SEPARATION)) && !s.observations.some((o) => this.encoded.nearDuplicate(p.x, o.x, REPEAT_SEPARATION))) return p.x;
    }
    return this.encoded.encode(this.fallback(seed, trialNumber, taken));
  }

  /** A free configuration from a seeded quasi-random stream (small discrete spaces). */
  private fallback(seed: number, trialNumber: number, taken: ReadonlySet<string>) {
    const points = quasiRandomPoints(this.encoded, 256, Rng.derive(seed, trialNumber, FALLBACK));
    for (const x of points) {
      const params = this.encoded.decode(x);
      if (!taken.has(configKey(this.space, params))) return params;
    }
    return this.encoded.decode(points[0]);
  }
}

export const bayesianStrategy: StrategyDefinition<BayesianOptions> = {
  name: 'bayesian',
  summary: 'Gaussian-process Bayesian optimisation (Matérn 5/2 ARD, log-EI or UCB, mixed spaces, batch-aware).',
  options: bayesianOptionsSchema,
  create: (options, space) => new BayesianStrategy(space, options),
};
