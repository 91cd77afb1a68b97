import type { ParetoPoint } from '@attune/core/pareto/dominance';
import type { Genome } from '../common/genome';

/** A completed trial as NSGA-II sees it: its genome and where it stands in objective space. */
export interface Contender extends ParetoPoint {
  readonly number: number;
  readonly genome: Genome;
}

/** A contender kept in a parent population, with its front (0 = non-dominated) and crowding distance. */
export interface Member extends Contender {
  readonly rank: number;
  readonly crowding: number;
}
