import { cssVar } from '../chart-theme';

const RAMP = `linear-gradient(to right, ${[0, 1, 2, 3, 4].map((i) => cssVar(`--chart-ramp-${i}` as '--chart-ramp-0')).join(', ')})`;

/** The ramp as a horizontal bar between the labels of its ends, the middle's label under it. */
export function ColourBar({ title, start, middle, end }: { title: string; start: string; middle?: string; end: string }) {
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: '2px 6px', maxWidth: '100%', color: cssVar('--chart-text-muted') }}>
      <span style={{ color: cssVar('--chart-text') }}>{title}</span>
      <span style={{ whiteSpace: 'nowrap' }}>{start}</span>
      <span style={{ position: 'relative', width: '120px', height: '8px', borderRadius: '2px', background: RAMP }} title={middle && `middle: ${middle}`} />
      <span style={{ whiteSpace: 'nowrap' }}>{end}</span>
      {middle !== undefined && <span style={{ whiteSpace: 'nowrap' }}>(median {middle})</span>}
    </span>
  );
}
