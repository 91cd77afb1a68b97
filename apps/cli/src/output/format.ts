import type { Params } from '@attune/core/search-space/parameter';
import { escapeJsonText } from '@attune/core/text/terminal-text';
import { formatValue } from '@attune/core/text/format-value';

// Reasons the libraries write (a convergence rule's, say) print numbers and durations the way the CLI's tables do.
export { formatDuration } from '@attune/core/text/format-duration';
export { formatValue };

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

/** A measured value to three significant digits (no more are meaningful for a load test), whole numbers from 100 on. */
export function formatMeasured(x: number): string {
  return Math.abs(x) >= 100 ? String(Math.round(x)) : String(Number(x.toPrecision(3)));
}

/** The names of a summary's parameters, in the spec's order. */
export function parameterOrder(parameters: readonly unknown[]): string[] {
  return parameters.map((p) => (p as { name?: unknown }).name).filter((n): n is string => typeof n === 'string');
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
