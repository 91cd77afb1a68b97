/** Named numeric results of one evaluation. */
export type Metrics = Record<string, number>;

/** Either the metrics of a successful evaluation or why its output is unusable. */
export type MetricsCheck = { readonly ok: true; readonly metrics: Metrics } | { readonly ok: false; readonly error: string };

const SNIPPET_CHARS = 200;

/**
 * Turns what an evaluation produced into metrics and checks them: a number is
 * the metric `value`; an object must hold only finite numbers; the study's
 * `metric` must be among them. `raw` undefined means no usable output at all;
 * `shown` is the output quoted in messages (default: `raw` as JSON).
 */
export function checkMetrics(raw: unknown, metric: string, shown?: string): MetricsCheck {
  const snippet = clip(shown ?? show(raw));
  if (raw === undefined) return fail(`metric "${metric}" is missing from the output: ${snippet}`);
  const metrics = typeof raw === 'number' ? { value: raw } : raw;
  if (typeof metrics !== 'object' || metrics === null || Array.isArray(metrics)) {
    return fail(`the output is not a number or an object of numeric metrics: ${snippet}`);
  }
  for (const [name, value] of Object.entries(metrics)) {
    if (typeof value !== 'number') return fail(`metric "${name}" is not a number: ${clip(show(value))}`);
    if (!Number.isFinite(value)) return fail(`metric "${name}" is not a finite number: ${String(value)}`);
  }
  if (!(metric in metrics)) return fail(`metric "${metric}" is missing from the output: ${snippet}`);
  return { ok: true, metrics: { ...(metrics as Metrics) } };
}

function fail(error: string): MetricsCheck {
  return { ok: false, error };
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
