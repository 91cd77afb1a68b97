import type { Genome } from '../../common/genome';

/** A completed trial as the genetic operators see it. */
export interface Individual {
  readonly genome: Genome;
  readonly loss: number;
}
