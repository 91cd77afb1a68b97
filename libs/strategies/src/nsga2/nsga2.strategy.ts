import { Rng } from '@attune/core/random/rng';
import { configKey } from '@attune/core/search-space/encoding';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import { decodeGenome, type Genome } from '../common/genome';
import { occupiedKeys } from '../common/occupied-keys';
import { polynomialMove } from '../common/polynomial-move';
import { sampleUniformUntilNew } from '../common/sample-uniform';
import { SobolDesign } from '../common/sobol-design';
import { untakenConfiguration } from '../common/untaken-configuration';
import type { Crossover } from '../genetic/operators/crossover';
import { SbxCrossover } from '../genetic/operators/sbx-crossover';
import { TypeAwareMutation } from '../genetic/operators/type-aware-mutation';
import { UniformCrossover } from '../genetic/operators/uniform-crossover';
import type { Proposal, Strategy, StrategyContext, StrategyDefinition } from '../strategy';
import { crowdedTournament } from './crowded-tournament';
import { GenerationPlan } from './generation-plan';
import { nsga2OptionsSchema, type Nsga2Options } from './nsga2.options';
import type { Member } from './nsga2-member';
import { Nsga2Replay } from './nsga2-replay';

const BREED = 0x6e73;
const DESIGN = 0x736f62;
/** Redraws of an unbred trial (generation 0, or nothing to breed from) that is already taken, as `random` does. */
const MAX_REDRAWS = 32;

/**
 * NSGA-II (Deb et al. 2002) in the manner of Optuna's NSGAIISampler, replayed
 * from the history: generation 0 is a space-filling design of
 * `firstGenerationSize` trials (a scrambled Sobol sequence seeded by the
 * study's seed, see `initialPopulation`), and each child of generation g has
 * two parents picked by binary tournament (front, then crowding distance) from
 * the elite population after g − 1 (see `Nsga2Replay`), crossed with
 * probability `crossoverProbability`, then mutated gene by gene (Deb's
 * polynomial mutation by default, each gene with probability 1 / number of
 * parameters). Objectives are `losses ?? [loss]`; trials with a `violation`
 * are ranked by constraint domination. Pending trials hold their
 * configurations, so parallel workers never get the same one twice; finished
 * ones (PRUNED included) are never proposed again.
 */
export class Nsga2Strategy implements Strategy {
  readonly name = 'nsga2';
  private readonly crossover: Crossover;
  private readonly mutation: TypeAwareMutation;

  constructor(
    private readonly space: SearchSpace,
    private readonly options: Nsga2Options,
  ) {
    this.crossover = options.crossover === 'sbx' ? new SbxCrossover(options.sbxEta) : new UniformCrossover();
    const move = options.mutation === 'polynomial' ? polynomialMove(options.mutationEta) : options.mutationScale;
    this.mutation = new TypeAwareMutation(options.mutationProbability, move);
  }

  ask(ctx: StrategyContext, count: number): Proposal[] {
    const taken = occupiedKeys(this.space, ctx.trials);
    const plan = new GenerationPlan(this.options.firstGenerationSize ?? 2 * this.options.populationSize, this.options.populationSize);
    const replay = new Nsga2Replay(this.space, ctx.trials, plan);
    const design = this.options.initialPopulation === 'sobol' ? SobolDesign.create(this.space, Rng.derive(ctx.seed, DESIGN)) : undefined;
    const out: Proposal[] = [];
    for (let i = 0; i < count; i++) {
      const number = ctx.trials.length + i;
      const generation = plan.generationOf(number);
      const parents = generation === 0 ? [] : replay.parentsOf(generation);
      const params = parents.length === 0 ? this.random(ctx.seed, number, taken, design) : this.child(parents, Rng.derive(ctx.seed, number, BREED), taken);
      taken.add(configKey(this.space, params));
      out.push({ params, meta: { generation } });
    }
    return out;
  }

  /** Trial `number` of the design when there is one and it is new, else `random`'s draw. */
  private random(seed: number, number: number, taken: ReadonlySet<string>, design: SobolDesign | undefined): Params {
    const planned = design?.at(number);
    if (planned && !taken.has(configKey(this.space, planned))) return planned;
    return sampleUniformUntilNew(this.space, seed, number, MAX_REDRAWS, (p) => taken.has(configKey(this.space, p)));
  }

  private child(parents: readonly Member[], rng: Rng, taken: ReadonlySet<string>): Params {
    return untakenConfiguration(this.space, taken, rng, () => decodeGenome(this.space, this.breed(parents, rng)));
  }

  private breed(parents: readonly Member[], rng: Rng): Genome {
    const a = crowdedTournament(parents, rng);
    if (rng.float() >= this.options.crossoverProbability) return this.mutation.mutate(a.genome, this.space, rng);
    const b = crowdedTournament(parents, rng);
    return this.mutation.mutate(this.crossover.cross(a.genome, b.genome, this.space, rng), this.space, rng);
  }
}

export const nsga2Strategy: StrategyDefinition<Nsga2Options> = {
  name: 'nsga2',
  summary: 'NSGA-II: non-dominated sorting, crowding distance and constraint domination; SBX or uniform crossover, type-aware mutation.',
  options: nsga2OptionsSchema,
  supportsMultiObjective: true,
  supportsConstraints: true,
  create: (options, space) => new Nsga2Strategy(space, options),
};
