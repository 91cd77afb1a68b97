import { Rng } from '@attune/core/random/rng';
import { configKey } from '@attune/core/search-space/encoding';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { decodeGenome, encodeGenome, type Genome } from '../common/genome';
import { occupiedKeys } from '../common/occupied-keys';
import { sampleUniform } from '../common/sample-uniform';
import { untakenConfiguration } from '../common/untaken-configuration';
import type { Proposal, Strategy, StrategyContext, StrategyDefinition } from '../strategy';
import { geneticOptionsSchema, type GeneticOptions } from './genetic-options';
import type { Crossover } from './operators/crossover';
import type { Individual } from './operators/individual';
import { SbxCrossover } from './operators/sbx-crossover';
import { TournamentSelection } from './operators/tournament-selection';
import { TypeAwareMutation } from './operators/type-aware-mutation';
import { UniformCrossover } from './operators/uniform-crossover';

const BREED = 0x6765;

/**
 * A generational genetic algorithm whose generations are read off the history:
 * trial n belongs to generation ⌊n / P⌋. Generation 0 is uniform random; a
 * child of generation g has parents chosen by tournament among the completed
 * trials of generation g − 1 plus the `elitism` best of all earlier ones.
 * Pending trials occupy their slots and are never proposed again; so do
 * FAILED and PRUNED ones, which are never parents (no final loss to select on).
 */
export class GeneticStrategy implements Strategy {
  readonly name = 'genetic';
  private readonly selection: TournamentSelection;
  private readonly crossover: Crossover;
  private readonly mutation: TypeAwareMutation;

  constructor(
    private readonly space: SearchSpace,
    private readonly options: GeneticOptions,
  ) {
    this.selection = new TournamentSelection(options.tournamentSize);
    this.crossover = options.crossover === 'sbx' ? new SbxCrossover(options.sbxEta) : new UniformCrossover();
    this.mutation = new TypeAwareMutation(options.mutationRate, options.mutationScale);
  }

  ask(ctx: StrategyContext, count: number): Proposal[] {
    const taken = occupiedKeys(this.space, ctx.trials);
    const completed = completedIndividuals(this.space, ctx.trials, this.options.populationSize);
    const out: Proposal[] = [];
    for (let i = 0; i < count; i++) {
      const number = ctx.trials.length + i;
      const generation = Math.floor(number / this.options.populationSize);
      const params = this.child(this.parentPool(completed, generation), Rng.derive(ctx.seed, number, BREED), taken);
      taken.add(configKey(this.space, params));
      out.push({ params, meta: { generation } });
    }
    return out;
  }

  /** Completed trials of generation g − 1 plus the elite of all generations before g. */
  private parentPool(completed: readonly (Individual & { generation: number })[], generation: number): Individual[] {
    const earlier = completed.filter((c) => c.generation < generation);
    const byLoss = [...earlier].sort((a, b) => a.loss - b.loss);
    const previous = earlier.filter((c) => c.generation === generation - 1);
    // While generation g − 1 is mostly pending, breed from the best of everything earlier.
    if (previous.length < 2) return byLoss.slice(0, this.options.populationSize);
    const pool = new Set<Individual>(previous);
    for (const e of byLoss.slice(0, this.options.elitism)) pool.add(e);
    return [...pool];
  }

  private child(pool: readonly Individual[], rng: Rng, taken: ReadonlySet<string>): Params {
    return untakenConfiguration(this.space, taken, rng, () => (pool.length === 0 ? sampleUniform(this.space, rng) : decodeGenome(this.space, this.breed(pool, rng))));
  }

  private breed(pool: readonly Individual[], rng: Rng): Genome {
    const a = this.selection.select(pool, rng);
    const b = this.selection.select(pool, rng);
    const crossed = rng.float() < this.options.crossoverRate ? this.crossover.cross(a.genome, b.genome, this.space, rng) : a.genome;
    return this.mutation.mutate(crossed, this.space, rng);
  }
}

function completedIndividuals(space: SearchSpace, trials: readonly TrialView[], populationSize: number): (Individual & { generation: number })[] {
  return trials
    .filter((t) => t.state === 'COMPLETE' && Number.isFinite(t.loss))
    .map((t) => ({ genome: encodeGenome(space, t.params), loss: t.loss as number, generation: Math.floor(t.number / populationSize) }));
}

export const geneticStrategy: StrategyDefinition<GeneticOptions> = {
  name: 'genetic',
  summary: 'Generational genetic algorithm: tournament selection, elitism, SBX or uniform crossover, type-aware mutation.',
  options: geneticOptionsSchema,
  create: (options, space) => new GeneticStrategy(space, options),
};
