import type { ComponentChildren } from 'preact';
import { cssVar } from '../chart-theme';

const OFFSET = 14;

/** The hover box, beside the cursor and on the side with more room, so it never covers what it describes. */
export function ChartTooltip({ x, y, width, height, children }: { x: number; y: number; width: number; height: number; children: ComponentChildren }) {
  const left = x < width / 2;
  const above = y > height / 2;
  return (
    <div
      aria-hidden="true"
      class="chart-tooltip"
      style={{
        position: 'absolute',
        ...(left ? { left: `${x + OFFSET}px` } : { right: `${width - x + OFFSET}px` }),
        ...(above ? { bottom: `${height - y + OFFSET}px` } : { top: `${y + OFFSET}px` }),
        pointerEvents: 'none',
        zIndex: 2,
        maxWidth: '320px',
        padding: '6px 8px',
        borderRadius: '4px',
        font: cssVar('--chart-font'),
        lineHeight: 1.4,
        background: cssVar('--chart-tooltip-bg'),
        color: cssVar('--chart-tooltip-text'),
        border: `1px solid ${cssVar('--chart-tooltip-border')}`,
        boxShadow: '0 2px 8px rgba(0, 0, 0, 0.15)',
        whiteSpace: 'nowrap',
        overflow: 'hidden',
      }}
    >
      {children}
    </div>
  );
}
