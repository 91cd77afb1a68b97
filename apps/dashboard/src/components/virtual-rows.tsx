import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

interface VirtualRowsProps<T> {
  readonly items: readonly T[];
  /** Every row's height in px: fixed, so that the rows in view follow from the scroll position alone. */
  readonly rowHeight: number;
  /** The height of the scrolling area in px. */
  readonly height: number;
  readonly header: ComponentChildren;
  readonly row: (item: T, index: number) => ComponentChildren;
  readonly label: string;
}

/** Rows drawn beyond the visible ones, so that scrolling shows no gap before the next frame. */
const OVERSCAN = 8;

/**
 * A table body of many rows that renders only those in view (plus a few):
 * 10,000 trials cost the DOM of about forty. The header stays in place; the
 * spacer rows above and below keep the scroll bar true.
 */
export function VirtualRows<T>({ items, rowHeight, height, header, row, label }: VirtualRowsProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    // A shorter list than the scroll position shows: back into range.
    const el = scroller.current;
    if (el && el.scrollTop > items.length * rowHeight) el.scrollTop = 0;
  }, [items.length, rowHeight]);
  const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((top + height) / rowHeight) + OVERSCAN);
  return (
    <div class="table-scroll virtual" style={{ maxHeight: `${height}px` }} ref={scroller} onScroll={(e) => setTop((e.target as HTMLDivElement).scrollTop)} tabIndex={0} aria-label={label}>
      <table aria-rowcount={items.length + 1}>
        <thead>{header}</thead>
        <tbody>
          {first > 0 && <tr aria-hidden="true" style={{ height: `${first * rowHeight}px` }} />}
          {items.slice(first, last).map((item, i) => row(item, first + i))}
          {last < items.length && <tr aria-hidden="true" style={{ height: `${(items.length - last) * rowHeight}px` }} />}
        </tbody>
      </table>
    </div>
  );
}
