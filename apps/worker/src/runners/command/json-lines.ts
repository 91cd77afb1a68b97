/** A line of a command's stdout that reports a step: a JSON object with a `step` field; the other fields are its metrics. */
export interface StepLine {
  readonly step: unknown;
  readonly metrics: Record<string, unknown>;
}

/** The step a line of stdout reports, if it is a JSON object with a `step` field; undefined for any other line. */
export function stepOfLine(line: string): StepLine | undefined {
  const value = jsonOf(line);
  if (!isObject(value) || !Object.hasOwn(value, 'step')) return undefined;
  const { step, ...metrics } = value;
  return { step, metrics };
}

/**
 * A command's final metrics from its stdout: the last line that parses as
 * JSON and is a number or an object without a `step` field. When there is
 * none, the metrics of the last step line (the `step` field left out): a
 * command that reports steps need not repeat the last one. Undefined when no
 * line is usable. Other lines (logs, progress) are ignored.
 */
export function finalMetricsOf(stdout: string): unknown {
  const lines = stdout.split(/\r?\n/);
  let lastStep: StepLine | undefined;
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const value = jsonOf(lines[i]);
    if (typeof value === 'number') return value;
    if (!isObject(value)) continue;
    if (!Object.hasOwn(value, 'step')) return value;
    lastStep ??= stepOfLine(lines[i]);
  }
  return lastStep?.metrics;
}

/** The line as JSON when it may be a number or an object; undefined otherwise. */
function jsonOf(text: string): unknown {
  const line = text.trim();
  if (!line.startsWith('{') && !/^-?\d/.test(line)) return undefined;
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
