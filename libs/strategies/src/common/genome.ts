import { categoryIndex, numericFromUnit, numericToUnit } from '@attune/core/search-space/encoding';
import { emptyParams, type Params, type SearchSpace } from '@attune/core/search-space/parameter';

/**
 * A configuration as numbers, one gene per parameter: a numeric parameter's
 * position in the unit encoding, a categorical's value index. Genetic
 * operators and annealing moves work on genomes; `decodeGenome` snaps back
 * into the domain (steps, ints, bounds).
 */
export type Genome = number[];

export function encodeGenome(space: SearchSpace, params: Readonly<Params>): Genome {
  return space.map((p) => (p.type === 'categorical' ? Math.max(0, categoryIndex(p, params[p.name])) : numericToUnit(p, params[p.name] as number)));
}

export function decodeGenome(space: SearchSpace, genome: readonly number[]): Params {
  const params = emptyParams();
  space.forEach((p, d) => {
    const g = Number.isFinite(genome[d]) ? genome[d] : 0.5;
    if (p.type === 'categorical') params[p.name] = p.values[Math.min(p.values.length - 1, Math.max(0, Math.round(g)))];
    else params[p.name] = numericFromUnit(p, g);
  });
  return params;
}
