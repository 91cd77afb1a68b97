import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import { decodeConfiguration, encodeConfiguration } from '@attune/core/search-space/unit-cube';

/**
 * A configuration as numbers, one gene per parameter: its unit-cube
 * coordinate (`unit-cube.ts`), a missing value imputed. Genetic operators and
 * annealing moves work on genomes; `decodeGenome` snaps back into the domain
 * (steps, ints, bounds).
 */
export type Genome = number[];

export function encodeGenome(space: SearchSpace, params: Readonly<Params>): Genome {
  return Array.from(encodeConfiguration(space, params, 'impute'));
}

export function decodeGenome(space: SearchSpace, genome: readonly number[]): Params {
  return decodeConfiguration(space, genome);
}
