/**
 * The levels min + k·step of a stepped parameter, k = 0 … count - 1, computed
 * in exact decimal arithmetic on the numbers as written: 0.1 is one tenth, not
 * the double nearest to it. Each level is then the double nearest to its
 * decimal value, so 0 + 3 × 0.1 is 0.3 and 1 + k × 3 stays on its grid up to
 * 2^53, where a double still holds every integer.
 */
export interface StepGrid {
  readonly step: number;
  /** Levels from min up to max: ⌊(max - min) / step⌋ + 1, exactly. */
  readonly count: number;
  /** True when step divides max - min exactly, so the last level is max. */
  readonly divides: boolean;
  /** Level k (any integer k, also past the last level); NaN for a k that is not an integer. */
  level(k: number): number;
}

/** A decimal number: digits × 10^exponent. */
interface Decimal {
  readonly digits: bigint;
  readonly exponent: number;
}

/** The decimal a double is written as (the shortest that reads back as the same double). */
function toDecimal(x: number): Decimal {
  const [, int, frac = '', exp = '0'] = /^(-?\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x)) ?? [];
  if (int === undefined) throw new RangeError(`not a finite number: ${x}`);
  return { digits: BigInt(int + frac), exponent: Number(exp) - frac.length };
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
// Powers of ten up to 1e22 are doubles exactly: dividing an integer below 2^53 by one rounds correctly.
const EXACT_POWERS_OF_TEN = 22;

/** The grid of min, max and step (finite, step > 0, min <= max). */
export function stepGrid(min: number, max: number, step: number): StepGrid {
  const decimals = [min, max, step].map(toDecimal);
  const scale = Math.max(0, ...decimals.map((d) => -d.exponent));
  const [minS, maxS, stepS] = decimals.map((d) => d.digits * 10n ** BigInt(d.exponent + scale));
  const span = maxS - minS;
  const count = Number(span / stepS) + 1;
  const exact = scale <= EXACT_POWERS_OF_TEN && abs(minS) + span + stepS <= SAFE;
  const level = exact ? fastLevel(Number(minS), Number(stepS), Number(`1e${scale}`)) : (k: number) => Number(`${minS + BigInt(k) * stepS}e-${scale}`);
  return { step, count, divides: span % stepS === 0n, level: (k) => (Number.isInteger(k) ? level(k) : NaN) };
}

/** min + k·step in integers below 2^53 (exact), then one correctly rounded division. */
function fastLevel(minScaled: number, stepScaled: number, divisor: number): (k: number) => number {
  return (k) => (minScaled + k * stepScaled) / divisor;
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}
