import type { TrialRow } from '@attune/core/api/responses';
import { formatValue } from '@attune/core/text/format-value';

const MAX_PARAMS = 12;
const MAX_ERROR = 140;

/** A value line of a tooltip: a label and a number or text. */
export type TooltipLine = readonly [label: string, value: number | string];

function shown(value: number | string): string {
  return typeof value === 'number' ? formatValue(value) : value;
}

/** A trial in a tooltip: its number and state, the values the chart plots, its parameters, and what went wrong. */
export function TrialTooltip({ trial, lines = [] }: { trial: TrialRow; lines?: readonly TooltipLine[] }) {
  const params = Object.entries(trial.params);
  const feasibility = trial.feasible === false ? `infeasible${trial.violation !== undefined ? ` (violation ${formatValue(trial.violation)})` : ''}` : undefined;
  return (
    <div>
      <div style={{ fontWeight: 600 }}>
        Trial {trial.number}
        {trial.state !== 'COMPLETE' && ` · ${trial.state}`}
        {trial.origin && ` · ${trial.origin}`}
      </div>
      {lines.map(([label, value]) => (
        <div key={label}>
          {label}: <b>{shown(value)}</b>
        </div>
      ))}
      {feasibility && <div>{feasibility}</div>}
      {params.slice(0, MAX_PARAMS).map(([name, value]) => (
        <div key={name} style={{ opacity: 0.85 }}>
          {name} = {typeof value === 'number' ? formatValue(value) : String(value)}
        </div>
      ))}
      {params.length > MAX_PARAMS && <div style={{ opacity: 0.7 }}>… {params.length - MAX_PARAMS} more</div>}
      {trial.error && <div style={{ whiteSpace: 'normal', opacity: 0.85 }}>{trial.error.length > MAX_ERROR ? `${trial.error.slice(0, MAX_ERROR)}…` : trial.error}</div>}
    </div>
  );
}
