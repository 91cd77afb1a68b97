import type { GpHyperparameters } from '../gp/gp-hyperparameters';
import type { GpInputs } from '../gp/matern52.kernel';

/**
 * Memoised hyperparameter fits keyed by a hash of the exact training data, so
 * a cache hit returns what a fresh fit would: proposals never depend on the
 * cache, only their cost does.
 */
export class HyperparameterCache {
  private readonly memo = new Map<string, GpHyperparameters>();

  constructor(private readonly maxEntries = 64) {}

  getOrFit(key: string, fit: () => GpHyperparameters): GpHyperparameters {
    const hit = this.memo.get(key);
    if (hit) return hit;
    const value = fit();
    this.memo.set(key, value);
    if (this.memo.size > this.maxEntries) this.memo.delete(this.memo.keys().next().value as string);
    return value;
  }
}

/** FNV-1a hash (two 32-bit lanes) of the inputs' (with any per-point noise) and targets' bytes, plus a tag. */
export function dataKey(tag: string, inputs: GpInputs, y: Float64Array): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ inputs.n;
  for (const arr of inputs.pointNoise ? [inputs.X, y, inputs.pointNoise] : [inputs.X, y]) {
    const bytes = new Uint32Array(arr.buffer, arr.byteOffset, arr.byteLength / 4);
    for (let i = 0; i < bytes.length; i++) {
      h1 = Math.imul(h1 ^ bytes[i], 0x01000193);
      h2 = Math.imul(h2 ^ bytes[i], 0x5bd1e995) ^ (h2 >>> 15);
    }
  }
  return `${tag}:${inputs.n}:${inputs.d}:${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}`;
}

/**
 * The history size whose full (multi-start) fit anchors the fit at size n:
 * n itself while n is small, then every 2^k-th size with 2^k ≈ n/8, so full
 * fits happen about eight times per doubling of the history and the sizes in
 * between only refine the anchor's hyperparameters briefly.
 */
export function anchorSize(n: number, everyUpTo = 24): number {
  if (n <= everyUpTo) return n;
  const step = 2 ** Math.floor(Math.log2(n / 8));
  return Math.floor(n / step) * step;
}
