/** A study as the chaos run reads it back: its row and its trials. */
export interface StudyOutcome {
  readonly name: string;
  readonly state: string;
  readonly maxTrials: number;
  readonly trials: readonly TrialOutcome[];
}

export interface TrialOutcome {
  readonly number: number;
  readonly state: string;
  readonly value: number | null;
  readonly metrics: Record<string, unknown> | null;
}

/** One verdict of the run, with what it found when it fails. */
export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

const PENDING = new Set(['QUEUED', 'RUNNING']);

/**
 * What must hold of a study after the chaos, whatever the faults did: it
 * ended (COMPLETE) with exactly its budget of trials, numbered 0..budget-1
 * once each, none left pending, and every COMPLETE trial has its value and a
 * finite `value` metric.
 */
export function checkStudy(s: StudyOutcome): Check[] {
  const numbers = s.trials.map((t) => t.number).sort((a, b) => a - b);
  const duplicates = numbers.filter((n, i) => i > 0 && numbers[i - 1] === n);
  const missing = Array.from({ length: s.maxTrials }, (_, n) => n).filter((n) => !numbers.includes(n));
  const pending = s.trials.filter((t) => PENDING.has(t.state));
  const withoutMetrics = s.trials.filter((t) => t.state === 'COMPLETE' && !hasMetrics(t));
  const states = countBy(s.trials.map((t) => t.state));
  return [
    check(`${s.name}: ended COMPLETE`, s.state === 'COMPLETE', `state ${s.state}`),
    check(`${s.name}: exactly its budget of trials`, s.trials.length === s.maxTrials, `${s.trials.length} trials, budget ${s.maxTrials} (${states})`),
    check(
      `${s.name}: every trial number once`,
      duplicates.length === 0 && missing.length === 0 && numbers.every((n) => n >= 0 && n < s.maxTrials),
      `duplicated: ${list(duplicates)}; missing: ${list(missing)}; out of range: ${list(numbers.filter((n) => n < 0 || n >= s.maxTrials))}`,
    ),
    check(`${s.name}: nothing left pending`, pending.length === 0, `pending: ${list(pending.map((t) => `#${t.number} ${t.state}`))}`),
    check(`${s.name}: every COMPLETE trial has its metrics`, withoutMetrics.length === 0, `without: ${list(withoutMetrics.map((t) => `#${t.number}`))}`),
  ];
}

function hasMetrics(t: TrialOutcome): boolean {
  return t.value !== null && Number.isFinite(t.value) && t.metrics !== null && typeof t.metrics.value === 'number' && Number.isFinite(t.metrics.value);
}

function check(name: string, ok: boolean, detail: string): Check {
  return { name, ok, detail };
}

function list(items: readonly (string | number)[]): string {
  if (items.length === 0) return 'none';
  return items.length <= 10 ? items.join(', ') : `${items.slice(0, 10).join(', ')} and ${items.length - 10} more`;
}

function countBy(items: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}
