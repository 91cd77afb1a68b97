import { isReservedName } from '@attune/core/spec/reserved-names';
import { isStorable } from '@attune/core/spec/storable-text';
import { MAX_METRIC_NAME_CHARS, MAX_METRICS, MAX_NOTE_CHARS } from '@attune/core/trial/metric-limits';

/** Named numeric results of one evaluation. */
export type Metrics = Record<string, number>;

/**
 * Either the metrics of a successful evaluation, with a note of what was
 * dropped from them, or why its output is unusable.
 */
export type MetricsCheck =
  | { readonly ok: true; readonly metrics: Metrics; readonly note?: string }
  | { readonly ok: false; readonly error: string };

const SNIPPET_CHARS = 200;
const QUOTED_CHARS = 60;

/**
 * Turns what an evaluation produced into metrics and checks them: a number is
 * the metric `value`; of an object, the finite numbers under usable names are
 * kept (at most MAX_METRICS) and the rest is dropped and noted. Each of the
 * study's `required` metrics (its objectives' and constraints') must be among
 * those kept, else the evaluation failed. `raw` undefined means no usable
 * output at all; `shown` is the output quoted in messages (default: `raw` as
 * JSON).
 */
export function checkMetrics(raw: unknown, required: string | readonly string[], shown?: string): MetricsCheck {
  const wanted = typeof required === 'string' ? [required] : [...new Set(required)];
  const snippet = clip(shown ?? show(raw));
  if (raw === undefined) return fail(`metric "${wanted[0]}" is missing from the output: ${snippet}`);
  const reported = typeof raw === 'number' ? { value: raw } : raw;
  if (typeof reported !== 'object' || reported === null || Array.isArray(reported)) {
    return fail(`the output is not a number or an object of numeric metrics: ${snippet}`);
  }
  const entries = Object.entries(reported);
  for (const metric of wanted) {
    const objective = entries.find(([name]) => name === metric);
    if (!objective) return fail(`metric "${metric}" is missing from the output: ${snippet}`);
    const objectiveProblem = metricProblem(metric, objective[1]);
    if (objectiveProblem) return fail(`metric ${objectiveProblem}`);
  }
  const { metrics, dropped } = keepUsable(entries, new Set(wanted));
  return dropped.length === 0 ? { ok: true, metrics } : { ok: true, metrics, note: noteOf(dropped) };
}

/** The usable metrics, the required ones always among them, and a reason for each one dropped. */
function keepUsable(entries: readonly [string, unknown][], required: ReadonlySet<string>): { metrics: Metrics; dropped: string[] } {
  // No prototype: a metric's name is the evaluation's word, not ours.
  const metrics = Object.create(null) as Metrics;
  const dropped: string[] = [];
  let room = MAX_METRICS - required.size;
  let pastLimit = 0;
  for (const [name, value] of entries) {
    const must = required.has(name);
    const problem = must ? undefined : metricProblem(name, value);
    if (problem) dropped.push(problem);
    else if (!must && room <= 0) pastLimit++;
    else {
      if (!must) room--;
      metrics[name] = value as number;
    }
  }
  if (pastLimit > 0) dropped.push(`${pastLimit} more past the limit of ${MAX_METRICS} metrics`);
  return { metrics, dropped };
}

/** Why a reported metric cannot be kept, starting with its quoted name; undefined when it can. */
export function metricProblem(name: string, value: unknown): string | undefined {
  const quoted = quote(name);
  if (name.length > MAX_METRIC_NAME_CHARS) return `${quoted} has a name longer than ${MAX_METRIC_NAME_CHARS} characters`;
  if (!isStorable(name)) return `${quoted} has a name holding NUL or an unpaired surrogate`;
  if (isReservedName(name)) return `${quoted} has a reserved name`;
  if (typeof value !== 'number') return `${quoted} is not a number: ${shorten(show(value))}`;
  if (!Number.isFinite(value)) return `${quoted} is not a finite number: ${String(value)}`;
  return undefined;
}

function noteOf(dropped: readonly string[]): string {
  const note = `dropped from the metrics: ${dropped.join('; ')}`;
  return note.length <= MAX_NOTE_CHARS ? note : `${note.slice(0, MAX_NOTE_CHARS - 1)}…`;
}

function fail(error: string): MetricsCheck {
  return { ok: false, error };
}

/** A name as JSON (control characters escaped), cut to QUOTED_CHARS. */
function quote(name: string): string {
  return JSON.stringify(shorten(name));
}

function shorten(text: string): string {
  return text.length <= QUOTED_CHARS ? text : `${text.slice(0, QUOTED_CHARS)}…`;
}

function show(value: unknown): string {
  if (typeof value === 'number') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function clip(text: string): string {
  const flat = text.trim();
  if (flat === '') return '(empty)';
  return flat.length <= SNIPPET_CHARS ? flat : `…${flat.slice(-SNIPPET_CHARS)}`;
}
