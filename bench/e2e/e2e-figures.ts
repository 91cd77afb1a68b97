import { row } from '../bench-table';

/** How a figure is judged: at most or at least `value`. */
export interface Target {
  readonly op: '<=' | '>=';
  readonly value: number;
}

/** One measured number, with its target when it has one. */
export interface Figure {
  readonly scenario: string;
  readonly name: string;
  readonly value: number | undefined;
  readonly unit: string;
  readonly target?: Target;
  /** PASS / MISS against the target; INFO without one; MISS when nothing was measured. */
  readonly verdict: 'PASS' | 'MISS' | 'INFO';
  readonly note?: string;
}

/** A figure judged against its target (a missing value misses). */
export function figure(scenario: string, name: string, value: number | undefined, unit: string, target?: Target, note?: string): Figure {
  const measured = value !== undefined && !Number.isNaN(value);
  const verdict = !target ? 'INFO' : measured && (target.op === '<=' ? value <= target.value : value >= target.value) ? 'PASS' : 'MISS';
  return { scenario, name, value: measured ? value : undefined, unit, target, verdict, note };
}

export const atMost = (value: number): Target => ({ op: '<=', value });
export const atLeast = (value: number): Target => ({ op: '>=', value });

/** A figure's number: whole above 100, else three significant digits. */
export function num(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 100) return x.toFixed(0);
  return Number(x.toPrecision(3)).toString();
}

/** The figures of one scenario as a table: figure, value, target, verdict, note. */
export function figureTable(title: string, figures: readonly Figure[]): string {
  const widths = [44, 12, 6, 12, 5];
  const lines = [`\n## ${title}`, row(['figure', 'value', 'unit', 'target', ''], widths)];
  for (const f of figures) {
    const target = f.target ? `${f.target.op} ${num(f.target.value)}` : '';
    const verdict = f.verdict === 'INFO' ? '' : f.verdict;
    lines.push(row([f.name, num(f.value), f.unit, target, verdict], widths) + (f.note ? `  ${f.note}` : ''));
  }
  return lines.join('\n');
}
