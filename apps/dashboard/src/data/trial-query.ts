import type { TrialRow, TrialStateName } from '@attune/core/api/responses';
import { between } from '../format/format';

/** One condition of the trial table's filter: `threads>=4`, `p99<20`, `codec=lz4`. */
export interface Condition {
  readonly field: string;
  readonly op: '<' | '<=' | '>' | '>=' | '=' | '!=';
  readonly value: string;
}

/** A column the trial table sorts by: the number, the value, the duration, the state, the last step reported, a parameter or a metric. */
export type SortKey = { readonly kind: 'number' | 'value' | 'duration' | 'state' | 'step' } | { readonly kind: 'param' | 'metric'; readonly name: string };

export interface TrialQuery {
  readonly states: ReadonlySet<TrialStateName>;
  readonly conditions: readonly Condition[];
  /** Trials picked elsewhere (brushed in the parallel coordinates); undefined: no such restriction. */
  readonly only?: ReadonlySet<number>;
  readonly sort: SortKey;
  readonly descending: boolean;
}

const CONDITION = /^([A-Za-z_][\w.-]*)(<=|>=|!=|<|>|=)(.+)$/;

/** The conditions of a filter text (terms separated by spaces), and the terms that are not conditions, to say so. */
export function parseConditions(text: string): { conditions: Condition[]; invalid: string[] } {
  const conditions: Condition[] = [];
  const invalid: string[] = [];
  for (const term of text.split(/\s+/).filter((t) => t.length > 0)) {
    const match = CONDITION.exec(term);
    if (match) conditions.push({ field: match[1], op: match[2] as Condition['op'], value: match[3] });
    else invalid.push(term);
  }
  return { conditions, invalid };
}

/** A trial's value of a field: a parameter's, else a metric's (`value` is the objective). */
function fieldOf(trial: TrialRow, field: string): unknown {
  if (field === 'value') return trial.value;
  if (field in trial.params) return trial.params[field];
  return trial.metrics?.[field];
}

function holds(trial: TrialRow, c: Condition): boolean {
  const actual = fieldOf(trial, c.field);
  if (actual === undefined || actual === null) return false;
  const wanted = Number(c.value);
  if (typeof actual === 'number' && Number.isFinite(wanted)) return compare(actual - wanted, c.op);
  const text = String(actual);
  if (c.op === '=') return text === c.value;
  if (c.op === '!=') return text !== c.value;
  return compare(text.localeCompare(c.value), c.op);
}

function compare(difference: number, op: Condition['op']): boolean {
  switch (op) {
    case '<':
      return difference < 0;
    case '<=':
      return difference <= 0;
    case '>':
      return difference > 0;
    case '>=':
      return difference >= 0;
    case '=':
      return difference === 0;
    case '!=':
      return difference !== 0;
  }
}

/** What a trial sorts by; trials without it go last whichever the direction. */
function sortValue(trial: TrialRow, key: SortKey): number | string | undefined {
  switch (key.kind) {
    case 'number':
      return trial.number;
    case 'value':
      return trial.value;
    case 'state':
      return trial.state;
    case 'duration':
      return between(trial.startedAt, trial.endedAt);
    case 'step':
      return trial.lastStep;
    case 'param': {
      const v = trial.params[key.name];
      return typeof v === 'boolean' ? String(v) : v;
    }
    case 'metric': {
      const v = trial.metrics?.[key.name];
      return typeof v === 'number' ? v : undefined;
    }
  }
}

/** The trials the table shows, in its order. */
export function queryTrials(trials: readonly TrialRow[], query: TrialQuery): TrialRow[] {
  const kept = trials.filter((t) => (query.states.size === 0 || query.states.has(t.state)) && (!query.only || query.only.has(t.number)) && query.conditions.every((c) => holds(t, c)));
  const keyed = kept.map((trial) => ({ trial, key: sortValue(trial, query.sort) }));
  const sign = query.descending ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.key === undefined || b.key === undefined) return a.key === b.key ? a.trial.number - b.trial.number : a.key === undefined ? 1 : -1;
    const order = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : String(a.key).localeCompare(String(b.key));
    return order === 0 ? a.trial.number - b.trial.number : sign * order;
  });
  return keyed.map((k) => k.trial);
}
