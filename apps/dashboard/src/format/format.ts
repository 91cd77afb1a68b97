import { formatValue as formatMetric } from '@attune/core/text/format-value';

/** How numbers, times and shares read on the dashboard: short, and never "NaN". */

/** A measured value as the CLI and the charts write it (libs/core's formatValue: up to 6 significant digits); '—' when absent or not a number. */
export function formatValue(value: number | undefined | null): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '—';
  return formatMetric(value);
}

/** A fraction as a signed percentage: 0.253 → "+25.3%". */
export function formatImprovement(fraction: number | undefined | null): string {
  if (fraction === undefined || fraction === null || !Number.isFinite(fraction)) return '—';
  const percent = fraction * 100;
  const digits = Math.abs(percent) >= 100 ? 0 : 1;
  return `${percent > 0 ? '+' : ''}${percent.toFixed(digits)}%`;
}

/** A duration in ms as "850 ms", "12.3 s", "4 min 05 s", "2 h 10 min". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.floor(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** How long ago `iso` was, from `now`: "just now", "5 min ago", "3 h ago", "2 d ago". */
export function formatAge(iso: string, now: number): string {
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}

/** The time between two ISO instants in ms, or undefined when one is missing. */
export function between(start: string | undefined, end: string | undefined): number | undefined {
  if (!start || !end) return undefined;
  return Date.parse(end) - Date.parse(start);
}

/** A parameter's value as text. */
export function formatParam(value: string | number | boolean | undefined): string {
  if (value === undefined) return '—';
  return typeof value === 'number' ? formatValue(value) : String(value);
}
