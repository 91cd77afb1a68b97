import { Rng } from '@attune/core/random/rng';
import { configKey } from '@attune/core/search-space/encoding';
import type { SearchSpace } from '@attune/core/search-space/parameter';
import { isPending } from '@attune/core/trial/trial-state';
import { occupiedKeys } from '../common/occupied-keys';
import type { Proposal, Strategy, StrategyContext, StrategyDefinition } from '../strategy';
import { Acquisition, type AcquisitionFunction } from './acquisition';
import { fullBox, optimizeAcquisition, pairGridSearch } from './acquisition-optimizer';
import { bayesianOptionsSchema, defaultInitialTrials, type BayesianOptions } from './bayesian.options';
import { EncodedSpace } from './encoded-space';
import { fantasyTargets, withFantasies } from './batch-fantasies';
import { fitConstraintModels } from './constraint-models';
import { FeasibilityWeightedAcquisition } from './feasibility-weighted-acquisition';
import { buildSurrogate, type Surrogate } from './gp-surrogate';
import { HyperparameterCache } from './hyperparameter-cache';
import { estimateLipschitz, PenalizedAcquisition } from './local-penalization';
import { simplexWeights } from './parego-scalarization';
import type { ConstraintModel } from './probability-of-feasibility';
import { quasiRandomPoints } from './quasi-random';
import { modelledTrials, objectiveCount, scalarObservations, type ModelledTrial } from './study-history';
import { byRank } from './training-set';

const INITIAL_DESIGN = 0x501b;
const ACQUISITION_SEARCH = 0xac9;
const FALLBACK = 0xfa11;
const LIPSCHITZ_POINTS = 0x11f5;
const PAREGO_WEIGHTS = 0x9a7e;
/** Proposals keep at least this distance (unit scale, in some continuous coordinate) from pending trials and batch mates. */
const MIN_SEPARATION = 1e-3;
/** ...and this much from finished and pruned trials: small, so that final refinement keeps its precision. */
const REPEAT_SEPARATION = 1e-4;

/** What a proposal must keep clear of: pending trials and batch mates, pruned trials, and every configuration taken. */
interface Occupied {
  readonly fantasyX: readonly Float64Array[];
  readonly prunedX: readonly Float64Array[];
  readonly taken: ReadonlySet<string>;
}

/** The objective's GP for one proposal, and L of local penalisation on it (undefined under fantasies). */
interface ObjectiveModel {
  readonly surrogate: Surrogate;
  readonly lipschitz: number | undefined;
}

/**
 * Gaussian-process Bayesian optimisation: a scrambled-Sobol initial design,
 * then a Matérn 5/2 ARD GP on the completed trials and the proposal that
 * maximises log-EI (or UCB). Several objectives become one loss per proposal
 * (ParEGO: the augmented Chebyshev scalarisation of the objectives normalised
 * over the history, with weights drawn from the trial's own seeded stream).
 * Constraints get a GP each and weigh the acquisition by the probability of
 * feasibility (EI improves on the best feasible trial; with none yet, only
 * feasibility counts). A trial's measured spread (sd²/count) is its own noise
 * in the GP. Pending trials and earlier proposals of the same
 * batch enter the GP as fantasies (kriging believer, by default then ranked by
 * a low-β confidence bound, or constant liar) or penalise the acquisition
 * around them (local penalisation). FAILED and PRUNED
 * trials are not modelled (a pruned trial has no final result; the GP models
 * COMPLETE ones only, and they alone count towards the initial design) but
 * are never proposed again, nor a near-repeat of one. Every random choice comes
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
    const history = modelledTrials(ctx.trials, this.encoded);
    const nInitial = this.options.nInitial ?? defaultInitialTrials(this.encoded.d);
    if (history.length < nInitial) return this.initialDesign(ctx, count);
    const constraints = fitConstraintModels(this.encoded, history, { ...this.options, seed: ctx.seed }, this.cache);
    const taken = occupiedKeys(this.space, ctx.trials);
    const fantasyX = ctx.trials.filter((t) => isPending(t.state)).map((t) => this.encoded.encode(t.params));
    // Pruned trials are unmodelled, so their region may look promising still: keep new proposals off them like off finished ones.
    const prunedX = ctx.trials.filter((t) => t.state === 'PRUNED').map((t) => this.encoded.encode(t.params));
    const out: Proposal[] = [];
    let model: ObjectiveModel | undefined;
    for (let i = 0; i < count; i++) {
      const trialNumber = ctx.trials.length + i;
      // One objective: one GP for the whole batch. Several: each proposal scalarises them its own way (ParEGO).
      if (!model || objectiveCount(history) > 1) model = this.objectiveModel(history, ctx.seed, trialNumber);
      const { surrogate, lipschitz } = model;
      const pairSlot = this.isPairSlot(trialNumber);
      const acq = this.acquisitionFor(surrogate, fantasyX, lipschitz, constraints);
      const x = this.proposeOne(ctx.seed, trialNumber, surrogate, acq, { fantasyX, prunedX, taken }, pairSlot);
      const params = this.encoded.decode(x);
      taken.add(configKey(this.space, params));
      fantasyX.push(x);
      out.push({ params, meta: { phase: pairSlot ? 'pair-move' : 'gp' } });
    }
    return out;
  }

  /** The objective's GP for the proposal of `trialNumber` (with several objectives, on its ParEGO scalarisation) and L for local penalisation. */
  private objectiveModel(history: readonly ModelledTrial[], seed: number, trialNumber: number): ObjectiveModel {
    const m = objectiveCount(history);
    const weights = m > 1 ? simplexWeights(Rng.derive(seed, trialNumber, PAREGO_WEIGHTS), m) : undefined;
    const surrogate = buildSurrogate(this.encoded, scalarObservations(history, weights), { ...this.options, seed }, this.cache);
    return { surrogate, lipschitz: this.lipschitzFor(seed, trialNumber, surrogate) };
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

  /**
   * The acquisition with pending trials and batch mates accounted for, and
   * with constraints weighted by the probability of feasibility; EI improves
   * on the best feasible target, and while no trial is feasible only
   * feasibility counts.
   */
  private acquisitionFor(s: Surrogate, fantasyX: readonly Float64Array[], lipschitz: number | undefined, constraints: readonly ConstraintModel[]): AcquisitionFunction {
    if (constraints.length === 0) return this.improvementFor(s, fantasyX, lipschitz, Math.min(...s.y));
    const feasibleY = s.y.filter((_, i) => !(s.observations[i].violation! > 0));
    const improvement = feasibleY.length > 0 ? this.improvementFor(s, fantasyX, lipschitz, Math.min(...feasibleY)) : undefined;
    return new FeasibilityWeightedAcquisition(improvement?.model ?? s.model, improvement, constraints);
  }

  /** Improvement on `best` with pending trials and batch mates accounted for: penalised balls, or fantasies in the GP. */
  private improvementFor(s: Surrogate, fantasyX: readonly Float64Array[], lipschitz: number | undefined, best: number): Acquisition {
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

  private proposeOne(seed: number, trialNumber: number, s: Surrogate, acq: AcquisitionFunction, occupied: Occupied, pairSlot: boolean): Float64Array {
    const { fantasyX, prunedX, taken } = occupied;
    const byLoss = [...s.observations.keys()].sort((a, b) =>
      byRank({ loss: s.y[a], violation: s.observations[a].violation }, { loss: s.y[b], violation: s.observations[b].violation }),
    );
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
      if (fantasyX.some((q) => this.encoded.nearDuplicate(p.x, q, MIN_SEPARATION))) continue;
      if (!s.observations.some((o) => this.encoded.nearDuplicate(p.x, o.x, REPEAT_SEPARATION)) && !prunedX.some((q) => this.encoded.nearDuplicate(p.x, q, REPEAT_SEPARATION))) return p.x;
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
  summary: 'Gaussian-process Bayesian optimisation (Matérn 5/2 ARD, log-EI or UCB, mixed spaces, batch-aware; ParEGO for several objectives, probability of feasibility for constraints).',
  options: bayesianOptionsSchema,
  supportsMultiObjective: true,
  supportsConstraints: true,
  create: (options, space) => new BayesianStrategy(space, options),
};
