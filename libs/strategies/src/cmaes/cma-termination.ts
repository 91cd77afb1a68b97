import type { CmaState } from './cma-state';

/** Best and worst loss of each told generation since the last restart. */
export interface CmaProgress {
  readonly best: number[];
  readonly worst: number[];
}

const TOL_FUN = 1e-12;
const TOL_X_UP = 1e4;
const TOL_CONDITION = 1e14;

/** Generations looked back on for flat or stagnating progress: 10 + ceil(30 n / lambda). */
export function lookback(state: CmaState): number {
  return 10 + Math.ceil((30 * state.dim) / state.params.popsize);
}

function stagnated(progress: CmaProgress, window: number): boolean {
  const g = progress.best.length;
  if (g <= window) return false;
  const recent = progress.best.slice(g - window);
  const earlier = Math.min(...progress.best.slice(0, g - window));
  const recentBest = Math.min(...recent);
  const flat = Math.max(...recent, ...progress.worst.slice(g - window)) - recentBest < TOL_FUN;
  return flat || !(recentBest < earlier);
}

function degenerate(state: CmaState, sigma0: number): boolean {
  const { sigma, mean, C, B, D, pc } = state;
  const n = state.dim;
  const tolX = 1e-12 * sigma0;
  const diag = C.map((row, i) => row[i]);
  if (diag.every((c, i) => sigma * c < tolX && Math.abs(sigma * pc[i]) < tolX)) return true;
  if (sigma * Math.max(...D) > TOL_X_UP) return true;
  if (mean.some((m, i) => m === m + 0.2 * sigma * Math.sqrt(diag[i]))) return true;
  const axis = state.generation % n;
  if (mean.every((m, i) => m === m + 0.1 * sigma * D[axis] * B[i][axis])) return true;
  return Math.max(...D) / Math.min(...D) > TOL_CONDITION;
}

/**
 * The termination tests of CyberAgent's `cmaes` (flat fitness, tiny or
 * exploding steps, no-effect axes, ill-conditioning) plus stagnation: no new
 * best during the last `lookback` generations. Any of them triggers a restart.
 */
export function shouldRestart(state: CmaState, progress: CmaProgress, sigma0: number): boolean {
  return degenerate(state, sigma0) || stagnated(progress, lookback(state));
}
