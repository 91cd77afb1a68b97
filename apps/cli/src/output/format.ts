import type { Params } from '@attune/core/search-space/parameter';
import { escapeJsonText } from '@attune/core/text/terminal-text';

/** A metric value for people: up to 6 significant digits, no exponent for ordinary magnitudes. */
export function formatValue(value: number | undefined | null): string {
  if (value === undefined || value === null) return '-';
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) >= 1e7 || Math.abs(value) < 1e-4)) return value.toExponential(4);
  return String(Number(value.toPrecision(6)));
}

/** One parameter value for people: numbers shortened, strings quoted. */
export function formatParamValue(value: unknown): string {
  return typeof value === 'number' ? formatValue(value) : JSON.stringify(value);
}

/**
 * The parameters in the order the spec declares them (`order`, the names of
 * its parameters), then any others in stored order. PostgreSQL's jsonb keeps
 * keys in its own order, so the stored one means nothing to people.
 */
export function orderedParams(params: Params, order: readonly string[] = []): [string, unknown][] {
  const known = order.filter((name) => Object.hasOwn(params, name));
  const rest = Object.keys(params).filter((name) => !order.includes(name));
  return [...known, ...rest].map((name) => [name, params[name]]);
}

/** `x1=3.14159, x2=2.275, cache="lru"`, in the spec's order when given. */
export function formatParams(params: Params | undefined, order?: readonly string[]): string {
  if (!params) return '-';
  return orderedParams(params, order)
    .map(([k, v]) => `${k}=${formatParamValue(v)}`)
    .join(', ');
}

/** The names of a summary's parameters, in the spec's order. */
export function parameterOrder(parameters: readonly unknown[]): string[] {
  return parameters.map((p) => (p as { name?: unknown }).name).filter((n): n is string => typeof n === 'string');
}

/** `850ms`, `12.3s`, `4m05s`, `2h03m`: a duration for tables. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '-';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Milliseconds from `from` to `to` (ISO strings), or to `now` when `to` is missing; undefined without `from`. */
export function elapsedMs(from: string | undefined, to: string | undefined, now: number): number | undefined {
  if (!from) return undefined;
  return (to ? Date.parse(to) : now) - Date.parse(from);
}

/** Pretty JSON followed by a newline, for `--json` output (terminal-safe: see escapeJsonText). */
export function toJsonLine(value: unknown): string {
  return `${escapeJsonText(JSON.stringify(value, null, 2))}\n`;
}

/** One-line JSON (a line of a stream), terminal-safe. */
export function toJson(value: unknown): string {
  return escapeJsonText(JSON.stringify(value));
}
