import { Rng } from '@attune/core/random/rng';
import { configKey, levelCount } from '@attune/core/search-space/encoding';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import { decodeGenome, encodeGenome, type Genome } from '../common/genome';
import { occupiedKeys } from '../common/occupied-keys';
import { perturbGene } from '../common/perturb-gene';
import { sampleUniform } from '../common/sample-uniform';
import { untakenConfiguration } from '../common/untaken-configuration';
import { CHEAP_PROPOSALS_PER_ASK, type Proposal, type Strategy, type StrategyContext, type StrategyDefinition } from '../strategy';
import { annealingOptionsSchema, type AnnealingOptions } from './annealing-options';
import { replayAnnealing, temperatureAt } from './annealing-replay';
import type { CoolingSchedule } from './schedules/cooling-schedule';
import { exponentialCooling } from './schedules/exponential-cooling';
import { linearCooling } from './schedules/linear-cooling';
import { logarithmicCooling } from './schedules/logarithmic-cooling';

const MOVE = 0x6d76;
const SCHEDULES: Record<AnnealingOptions['schedule'], CoolingSchedule> = {
  exponential: exponentialCooling,
  linear: linearCooling,
  logarithmic: logarithmicCooling,
};

/**
 * Simulated annealing. The walk's state is replayed from the history (see
 * `replayAnnealing`); each new trial is a neighbour of the current state:
 * every continuous float moves by a gaussian whose width shrinks with the
 * temperature, and each int, stepped float or categorical moves (±steps,
 * another value) with probability 1 / number of parameters, at least one
 * parameter always changing. A batch is several neighbours of the same state.
 * No configuration already taken (pruned ones included) is proposed again.
 */
export class AnnealingStrategy implements Strategy {
  readonly name = 'annealing';
  private readonly schedule: CoolingSchedule;

  constructor(
    private readonly space: SearchSpace,
    private readonly options: AnnealingOptions,
  ) {
    this.schedule = SCHEDULES[options.schedule];
  }

  ask(ctx: StrategyContext, count: number): Proposal[] {
    const state = replayAnnealing(ctx.trials, ctx.seed, ctx.maxTrials, this.options, this.schedule);
    const taken = occupiedKeys(this.space, ctx.trials);
    const out: Proposal[] = [];
    for (let i = 0; i < count; i++) {
      const number = ctx.trials.length + i;
      const rng = Rng.derive(ctx.seed, number, MOVE);
      const from = number >= this.options.initialTrials ? state.current : undefined;
      const scale = this.stepScale(number, ctx.maxTrials);
      const params = from ? this.neighbour(encodeGenome(this.space, from.params), scale, rng, taken) : sampleUniform(this.space, rng);
      taken.add(configKey(this.space, params));
      out.push({ params });
    }
    return out;
  }

  /** Step width: stepSize at the initial temperature, shrinking with √(T / T0), never below a tenth. */
  private stepScale(number: number, maxTrials: number): number {
    const ratio = temperatureAt(number, maxTrials, this.options, this.schedule) / this.options.initialTemperature;
    return this.options.stepSize * Math.max(0.1, Math.sqrt(ratio));
  }

  private neighbour(genome: Genome, scale: number, rng: Rng, taken: ReadonlySet<string>): Params {
    return untakenConfiguration(this.space, taken, rng, () => decodeGenome(this.space, this.move(genome, scale, rng)));
  }

  private move(genome: Genome, scale: number, rng: Rng): Genome {
    const forced = rng.int(0, this.space.length - 1);
    return genome.map((g, d) => {
      const p = this.space[d];
      const continuous = p.type !== 'categorical' && levelCount(p) === undefined;
      const moves = continuous || d === forced || rng.float() < 1 / this.space.length;
      return moves ? perturbGene(p, g, scale, rng) : g;
    });
  }
}

export const annealingStrategy: StrategyDefinition<AnnealingOptions> = {
  name: 'annealing',
  // Measured: 256 proposals with 5000 trials of 6-D history take about 10 ms.
  maxProposalsPerAsk: CHEAP_PROPOSALS_PER_ASK,
  summary: 'Simulated annealing: Metropolis acceptance, a cooling schedule, type-aware neighbour moves, restarts to the best.',
  options: annealingOptionsSchema,
  create: (options, space) => new AnnealingStrategy(space, options),
};
