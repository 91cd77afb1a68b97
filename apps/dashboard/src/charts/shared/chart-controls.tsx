import type { ComponentChildren } from 'preact';
import { cssVar, type ChartVariable } from '../chart-theme';

const ROW = { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '4px 14px', marginBottom: '6px', font: cssVar('--chart-font'), color: cssVar('--chart-text') } as const;

/** The row above a chart: its selects, toggles and legend. */
export function ChartControls({ children }: { children: ComponentChildren }) {
  return (
    <div class="chart-controls" style={ROW}>
      {children}
    </div>
  );
}

export function ChartSelect<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: readonly T[]; onChange: (value: T) => void }) {
  return (
    <label style={{ display: 'inline-flex', alignItems: 'center', gap: '4px' }}>
      {label}
      <select value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value as T)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ChartToggle({ label, checked, disabled, title, onChange }: { label: string; checked: boolean; disabled?: boolean; title?: string; onChange: (checked: boolean) => void }) {
  return (
    <label style={{ display: 'inline-flex', alignItems: 'center', gap: '4px', opacity: disabled ? 0.5 : 1 }} title={title}>
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} />
      {label}
    </label>
  );
}

export type LegendShape = 'dot' | 'ring' | 'line' | 'dash' | 'tick' | 'diamond' | 'cross' | 'bar';

export interface LegendEntry {
  readonly label: string;
  readonly colour: ChartVariable;
  readonly shape: LegendShape;
}

function swatch(shape: LegendShape, colour: string): ComponentChildren {
  const common = { display: 'inline-block', flex: 'none' } as const;
  switch (shape) {
    case 'dot':
      return <span style={{ ...common, width: '7px', height: '7px', borderRadius: '50%', background: colour }} />;
    case 'ring':
      return <span style={{ ...common, width: '7px', height: '7px', borderRadius: '50%', border: `1.5px solid ${colour}` }} />;
    case 'line':
      return <span style={{ ...common, width: '14px', height: '2px', background: colour }} />;
    case 'dash':
      return <span style={{ ...common, width: '14px', borderTop: `2px dashed ${colour}` }} />;
    case 'tick':
      return <span style={{ ...common, width: '2px', height: '9px', background: colour }} />;
    case 'diamond':
      return <span style={{ ...common, width: '7px', height: '7px', transform: 'rotate(45deg)', background: colour }} />;
    case 'cross':
      return <span style={{ ...common, color: colour, fontWeight: 700, lineHeight: 1 }}>×</span>;
    case 'bar':
      return <span style={{ ...common, width: '12px', height: '8px', background: colour }} />;
  }
}

/** What the marks mean (only the ones the chart shows). */
export function ChartLegend({ entries }: { entries: readonly LegendEntry[] }) {
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: '2px 12px', color: cssVar('--chart-text-muted') }}>
      {entries.map((e) => (
        <span key={e.label} style={{ display: 'inline-flex', alignItems: 'center', gap: '5px' }}>
          {swatch(e.shape, cssVar(e.colour))}
          {e.label}
        </span>
      ))}
    </span>
  );
}
