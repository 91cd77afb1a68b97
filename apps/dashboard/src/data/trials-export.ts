import type { TrialRow } from '@attune/core/api/responses';

/** Characters that make a spreadsheet read a cell as a formula (OWASP: CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; text that a spreadsheet would run as a formula is prefixed with '. */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The names that appear in any trial's params or metrics, in first-seen order. */
function namesOf(trials: readonly TrialRow[], pick: (t: TrialRow) => Record<string, unknown> | undefined): string[] {
  const names = new Set<string>();
  for (const t of trials) for (const name of Object.keys(pick(t) ?? {})) names.add(name);
  return [...names];
}

/**
 * The trials as CSV: one row per trial, a column per parameter (`param.<name>`)
 * and per metric (`metric.<name>`), then the error, worker, times and trace id.
 */
export function trialsCsv(trials: readonly TrialRow[]): string {
  const params = namesOf(trials, (t) => t.params);
  const metrics = namesOf(trials, (t) => t.metrics);
  const header = ['number', 'state', 'value', 'origin', 'feasible', ...params.map((p) => `param.${p}`), ...metrics.map((m) => `metric.${m}`), 'error', 'worker', 'started_at', 'ended_at', 'trace_id'];
  const rows = trials.map((t) => [
    t.number,
    t.state,
    t.value,
    t.origin,
    t.feasible,
    ...params.map((p) => t.params[p]),
    ...metrics.map((m) => t.metrics?.[m]),
    t.error,
    t.workerId,
    t.startedAt,
    t.endedAt,
    t.traceId,
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The trials as the API returned them, one JSON array. */
export function trialsJson(trials: readonly TrialRow[]): string {
  return JSON.stringify(trials, null, 2);
}
