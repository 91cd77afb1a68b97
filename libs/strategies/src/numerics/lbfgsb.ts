/** f(x), writing ∇f(x) into `grad`. */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number;

/** Options of {@link minimizeBounded}. */
export interface BoundedMinimizerOptions {
  /** Lower bounds (-Infinity for none). @default all -Infinity */
  readonly lower?: ArrayLike<number>;
  /** Upper bounds (Infinity for none). @default all Infinity */
  readonly upper?: ArrayLike<number>;
  /** Pairs of correction vectors kept. @default 10 */
  readonly memory?: number;
  /** Iterations at most. @default 200 */
  readonly maxIterations?: number;
  /** Function evaluations at most. @default 1000 */
  readonly maxEvaluations?: number;
  /** Stop when the projected gradient's largest component is below this. @default 1e-5 */
  readonly pgtol?: number;
  /** Stop when the relative decrease of f in one iteration is below this. @default 1e-10 */
  readonly ftol?: number;
}

export interface BoundedMinimizerResult {
  readonly x: Float64Array;
  readonly f: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

/**
 * Bounded L-BFGS (L-BFGS-B-style): projected quasi-Newton directions on the
 * variables not held at a bound, a backtracking Armijo search along the
 * projected path, curvature-checked memory updates and a steepest-descent
 * reset whenever the direction stops descending.
 */
export function minimizeBounded(fn: ObjectiveWithGradient, x0: ArrayLike<number>, options: BoundedMinimizerOptions = {}): BoundedMinimizerResult {
  const n = x0.length;
  const lo = Float64Array.from({ length: n }, (_, i) => options.lower?.[i] ?? -Infinity);
  const hi = Float64Array.from({ length: n }, (_, i) => options.upper?.[i] ?? Infinity);
  const maxIt = options.maxIterations ?? 200;
  const maxEval = options.maxEvaluations ?? 1000;
  const x = project(Float64Array.from(x0), lo, hi);
  const g = new Float64Array(n);
  let f = fn(x, g);
  let evals = 1;
  let it = 0;
  let converged = false;
  const memory = new CorrectionMemory(options.memory ?? 10);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  while (it < maxIt && evals < maxEval) {
    if (!Number.isFinite(f) || projectedGradientNorm(x, g, lo, hi) <= (options.pgtol ?? 1e-5)) {
      converged = Number.isFinite(f);
      break;
    }
    const d = descentDirection(x, g, lo, hi, memory);
    const step0 = memory.size === 0 ? Math.min(1, 1 / Math.max(norm(d), 1e-12)) : 1;
    const ls = lineSearch(fn, x, f, g, d, lo, hi, step0, xNew, gNew, maxEval - evals);
    evals += ls.evals;
    it++;
    if (!ls.ok) {
      if (memory.size === 0) break;
      memory.clear();
      continue;
    }
    memory.push(x, g, xNew, gNew);
    const fOld = f;
    x.set(xNew);
    g.set(gNew);
    f = ls.f;
    if (fOld - f <= (options.ftol ?? 1e-10) * Math.max(Math.abs(fOld), Math.abs(f), 1)) {
      converged = true;
      break;
    }
  }
  return { x, f, iterations: it, evaluations: evals, converged };
}

/** The last m correction pairs (s, y), kept only when they satisfy the curvature condition. */
class CorrectionMemory {
  readonly S: Float64Array[] = [];
  readonly Y: Float64Array[] = [];

  constructor(private readonly m: number) {}

  get size(): number {
    return this.S.length;
  }

  clear(): void {
    this.S.length = 0;
    this.Y.length = 0;
  }

  push(x: Float64Array, g: Float64Array, xNew: Float64Array, gNew: Float64Array): void {
    const s = new Float64Array(x.length);
    const y = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    if (!(dot(s, y) > 1e-10 * dot(y, y))) return;
    this.S.push(s);
    this.Y.push(y);
    if (this.S.length > this.m) {
      this.S.shift();
      this.Y.shift();
    }
  }
}

/** Quasi-Newton direction on the free variables; steepest descent (and a memory reset) if it does not descend. */
function descentDirection(x: Float64Array, g: Float64Array, lo: Float64Array, hi: Float64Array, memory: CorrectionMemory): Float64Array {
  const free = freeMask(x, g, lo, hi);
  const d = direction(g, free, memory.S, memory.Y);
  if (dot(g, d) < 0) return d;
  memory.clear();
  return direction(g, free, memory.S, memory.Y);
}

function project(x: Float64Array, lo: Float64Array, hi: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i++) x[i] = Math.min(hi[i], Math.max(lo[i], x[i]));
  return x;
}

function projectedGradientNorm(x: Float64Array, g: Float64Array, lo: Float64Array, hi: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    const moved = Math.min(hi[i], Math.max(lo[i], x[i] - g[i])) - x[i];
    worst = Math.max(worst, Math.abs(moved));
  }
  return worst;
}

/** Variables free to move: not at a bound with the gradient pushing outwards. */
function freeMask(x: Float64Array, g: Float64Array, lo: Float64Array, hi: Float64Array): Uint8Array {
  const free = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const atLo = x[i] <= lo[i] && g[i] > 0;
    const atHi = x[i] >= hi[i] && g[i] < 0;
    free[i] = atLo || atHi ? 0 : 1;
  }
  return free;
}

/** -H·g restricted to the free variables (two-loop recursion). */
function direction(g: Float64Array, free: Uint8Array, S: Float64Array[], Y: Float64Array[]): Float64Array {
  const n = g.length;
  const q = new Float64Array(n);
  for (let i = 0; i < n; i++) q[i] = free[i] ? g[i] : 0;
  const k = S.length;
  const alpha = new Float64Array(k);
  const rho = new Float64Array(k);
  for (let j = k - 1; j >= 0; j--) {
    rho[j] = 1 / maskedDot(Y[j], S[j], free);
    alpha[j] = rho[j] * maskedDot(S[j], q, free);
    if (!Number.isFinite(alpha[j])) alpha[j] = 0;
    for (let i = 0; i < n; i++) if (free[i]) q[i] -= alpha[j] * Y[j][i];
  }
  if (k > 0) {
    const yy = maskedDot(Y[k - 1], Y[k - 1], free);
    const gamma = yy > 0 ? maskedDot(S[k - 1], Y[k - 1], free) / yy : 1;
    const scale = gamma > 0 && Number.isFinite(gamma) ? gamma : 1;
    for (let i = 0; i < n; i++) q[i] *= scale;
  }
  for (let j = 0; j < k; j++) {
    if (!Number.isFinite(rho[j])) continue;
    const beta = rho[j] * maskedDot(Y[j], q, free);
    for (let i = 0; i < n; i++) if (free[i]) q[i] += (alpha[j] - beta) * S[j][i];
  }
  for (let i = 0; i < n; i++) q[i] = free[i] ? -q[i] : 0;
  return q;
}

interface LineSearchResult {
  ok: boolean;
  f: number;
  evals: number;
}

/** Backtracking Armijo search along x(t) = P(x + t·d); writes the accepted point and gradient. */
function lineSearch(
  fn: ObjectiveWithGradient, x: Float64Array, f: number, g: Float64Array, d: Float64Array,
  lo: Float64Array, hi: Float64Array, step0: number, xNew: Float64Array, gNew: Float64Array, budget: number,
): LineSearchResult {
  let t = step0;
  for (let evals = 1; evals <= Math.min(30, budget); evals++) {
    let decrease = 0;
    for (let i = 0; i < x.length; i++) {
      xNew[i] = Math.min(hi[i], Math.max(lo[i], x[i] + t * d[i]));
      decrease += g[i] * (xNew[i] - x[i]);
    }
    const fNew = fn(xNew, gNew);
    if (Number.isFinite(fNew) && fNew <= f + 1e-4 * decrease && decrease < 0) return { ok: true, f: fNew, evals };
    if (decrease >= 0 && evals > 1) return { ok: false, f, evals };
    t *= Number.isFinite(fNew) ? 0.5 : 0.1;
  }
  return { ok: false, f, evals: Math.min(30, budget) };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maskedDot(a: ArrayLike<number>, b: ArrayLike<number>, mask: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) if (mask[i]) s += a[i] * b[i];
  return s;
}

function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}
