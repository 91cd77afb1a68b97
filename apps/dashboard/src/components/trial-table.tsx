import type { TrialRow, TrialStateName } from '@attune/core/api/responses';
import { TRIAL_STATES } from '@attune/core/trial/trial-state';
import { useMemo, useState } from 'preact/hooks';
import { parseConditions, queryTrials, type SortKey } from '../data/trial-query';
import { hasSteps } from '../data/curve-store';
import { between, formatDuration, formatParam, formatValue } from '../format/format';
import { StateBadge } from './state-badge';
import { VirtualRows } from './virtual-rows';

interface TrialTableProps {
  readonly trials: readonly TrialRow[];
  readonly paramNames: readonly string[];
  readonly metricNames: readonly string[];
  /** Trials brushed in the parallel coordinates, if any. */
  readonly only?: ReadonlySet<number>;
  readonly selected?: number;
  readonly onSelect: (number: number) => void;
}

const ROW_HEIGHT = 32;

function sameKey(a: SortKey, b: SortKey): boolean {
  return a.kind === b.kind && ('name' in a ? a.name : '') === ('name' in b ? b.name : '');
}

/** Every trial, sorted and filtered by state, parameter and metric, virtualised; a row opens the trial's details. */
export function TrialTable({ trials, paramNames, metricNames, only, selected, onSelect }: TrialTableProps) {
  const [states, setStates] = useState<ReadonlySet<TrialStateName>>(new Set());
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortKey>({ kind: 'number' });
  const [descending, setDescending] = useState(false);
  const parsed = useMemo(() => parseConditions(filter), [filter]);
  const rows = useMemo(() => queryTrials(trials, { states, conditions: parsed.conditions, only, sort, descending }), [trials, states, parsed, only, sort, descending]);
  const steps = useMemo(() => hasSteps(trials), [trials]);

  const sortBy = (key: SortKey) => {
    if (sameKey(key, sort)) setDescending(!descending);
    else {
      setSort(key);
      setDescending(false);
    }
  };
  const heading = (key: SortKey, label: string, numeric = true) => {
    const active = sameKey(key, sort);
    return (
      <th scope="col" class={numeric ? 'num' : ''} aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" class="sort" onClick={() => sortBy(key)}>
          {label}
          {active ? (descending ? ' ▼' : ' ▲') : ''}
        </button>
      </th>
    );
  };
  const toggleState = (state: TrialStateName) => {
    const next = new Set(states);
    if (next.has(state)) next.delete(state);
    else next.add(state);
    setStates(next);
  };

  return (
    <section class="card" aria-labelledby="trials-heading">
      <div class="toolbar">
        <h2 id="trials-heading">Trials</h2>
        <fieldset class="chips">
          <legend class="visually-hidden">States shown</legend>
          {TRIAL_STATES.map((s) => (
            <label class={`chip ${states.has(s) ? 'on' : ''}`}>
              <input type="checkbox" checked={states.has(s)} onChange={() => toggleState(s)} />
              {s.toLowerCase().replace('_', ' ')}
            </label>
          ))}
        </fieldset>
        <input
          type="search"
          class="grow"
          placeholder="Filter: threads>=4 p99<20 codec=lz4"
          aria-label="Filter trials by parameter and metric, e.g. threads>=4 p99<20"
          value={filter}
          onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
        />
        <span class="muted" aria-live="polite" data-testid="trial-table-count">
          {rows.length} of {trials.length}
          {only ? ' (brushed)' : ''}
        </span>
      </div>
      {parsed.invalid.length > 0 && <p class="error small">Not a condition (name, one of &lt; &lt;= &gt; &gt;= = !=, value): {parsed.invalid.join(' ')}</p>}
      <VirtualRows
        items={rows}
        rowHeight={ROW_HEIGHT}
        height={420}
        label="Trials table"
        header={
          <tr>
            {heading({ kind: 'number' }, '#')}
            {heading({ kind: 'state' }, 'State', false)}
            {heading({ kind: 'value' }, 'Value')}
            {steps && heading({ kind: 'step' }, 'Step')}
            {metricNames.map((m) => heading({ kind: 'metric', name: m }, m))}
            {paramNames.map((p) => heading({ kind: 'param', name: p }, p))}
            {heading({ kind: 'duration' }, 'Duration')}
            <th scope="col">Worker</th>
          </tr>
        }
        row={(t) => (
          <tr
            key={t.number}
            class={`clickable ${selected === t.number ? 'selected' : ''}`}
            style={{ height: `${ROW_HEIGHT}px` }}
            tabIndex={0}
            data-trial={t.number}
            aria-selected={selected === t.number}
            onClick={() => onSelect(t.number)}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onSelect(t.number))}
          >
            <td class="num">{t.number}</td>
            <td>
              <StateBadge state={t.state} />
              {t.origin && <span class="muted small"> {t.origin}</span>}
              {t.feasible === false && <span class="badge infeasible">infeasible</span>}
            </td>
            <td class="num">{formatValue(t.value)}</td>
            {steps && (
              <td class="num" title={t.state === 'PRUNED' && t.lastStep !== undefined ? `pruned at step ${t.lastStep}` : undefined}>
                {t.lastStep ?? '—'}
              </td>
            )}
            {metricNames.map((m) => (
              <td class="num">{formatValue(t.metrics?.[m] as number | undefined)}</td>
            ))}
            {paramNames.map((p) => (
              <td class="num">{formatParam(t.params[p])}</td>
            ))}
            <td class="num">{formatDuration(between(t.startedAt, t.endedAt))}</td>
            <td class="small truncate" title={t.workerId}>
              {/* A pruned trial's error is the pruner's reason: no failure. */}
              {t.workerId ?? (t.error ? <span class={t.state === 'PRUNED' ? 'muted' : 'error'}>{t.error.slice(0, 40)}</span> : '—')}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
