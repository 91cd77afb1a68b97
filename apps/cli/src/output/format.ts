import type { Params } from '@attune/core/search-space/parameter';

/** A metric value for people: up to 6 significant digits, no exponent for ordinary magnitudes. */
export function formatValue(value: number | undefined | null): string {
  if (value === undefined || value === null) return '-';
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) >= 1e7 || Math.abs(value) < 1e-4)) return value.toExponential(4);
  return String(Number(value.toPrecision(6)));
}

/** `x1=3.14159, x2=2.275, cache="lru"`: numbers shortened, strings quoted. */
export function formatParams(params: Params | undefined): string {
  if (!params) return '-';
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? formatValue(v) : JSON.stringify(v)}`)
    .join(', ');
}

/** Pretty JSON followed by a newline, for `--json` output. */
export function toJsonLine(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
