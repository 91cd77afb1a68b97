import { cssVar } from '../chart-theme';

/** What a chart shows when it has nothing to plot: the reason, in the space the chart would take. */
export function ChartEmpty({ message, height }: { message: string; height: number }) {
  return (
    <div
      class="chart-empty"
      role="note"
      style={{
        height: `${height}px`,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        textAlign: 'center',
        padding: '0 16px',
        font: cssVar('--chart-font'),
        color: cssVar('--chart-text-muted'),
        border: `1px dashed ${cssVar('--chart-grid')}`,
        borderRadius: '4px',
      }}
    >
      {message}
    </div>
  );
}
