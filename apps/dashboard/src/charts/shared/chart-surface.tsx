import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { readChartTheme, type ChartTheme } from '../chart-theme';
import { ChartTooltip } from './chart-tooltip';
import { useElementWidth } from './use-element-width';
import { useThemeVersion } from './use-theme-version';

/** What a draw sees: the size in CSS pixels and the colours. */
export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly theme: ChartTheme;
}

/**
 * What a draw leaves behind for interaction, computed from the same layout
 * it drew with: which item is under a point, how to highlight one, and
 * (for brushes) pointer handling of its own. Coordinates in CSS pixels.
 */
export interface DrawnChart {
  pick?(x: number, y: number): number | undefined;
  highlight?(ctx: CanvasRenderingContext2D, item: number): void;
  /** True when the chart takes the drag (no tooltip while it lasts). */
  pointerDown?(x: number, y: number): boolean;
  /** A move during the drag; `overlay` is the highlight canvas, to draw the drag's feedback on. */
  pointerMove?(x: number, y: number, overlay: CanvasRenderingContext2D): void;
  /** The drag's end; false when it did nothing, so that a press without a drag is still a click. */
  pointerUp?(x: number, y: number): boolean;
}

export interface ChartSurfaceProps {
  /** The summary a screen reader reads for the whole picture. */
  readonly label: string;
  /** Height in CSS pixels; the width is the container's. */
  readonly height: number;
  /** Draws everything; called again when it changes (give a new function for new data), on resize, on a theme change. */
  readonly draw: (ctx: CanvasRenderingContext2D, frame: Frame) => DrawnChart | void;
  readonly tooltip?: (item: number) => ComponentChildren;
  /** A click (or tap) on an item. */
  readonly onActivate?: (item: number) => void;
  /** Elements laid over the canvas (axis handles). */
  readonly children?: ComponentChildren;
}

const CLICK_SLOP = 4;

function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number, ratio: number): CanvasRenderingContext2D | null {
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

/**
 * A canvas chart: sharp at any device pixel ratio, as wide as its container,
 * redrawn on data, size and theme changes, with a hover tooltip drawn as one
 * DOM element and the hovered item highlighted on a second canvas, so that
 * hovering never redraws the 10,000 points underneath. The draw's duration
 * is left in the canvas's `data-draw-ms`.
 */
export function ChartSurface({ label, height, draw, tooltip, onActivate, children }: ChartSurfaceProps) {
  const box = useRef<HTMLDivElement>(null);
  const base = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<DrawnChart>({});
  const press = useRef<{ x: number; y: number; captured: boolean } | undefined>(undefined);
  const pointer = useRef<{ x: number; y: number } | undefined>(undefined);
  const { width, pixelRatio } = useElementWidth(box);
  const themeVersion = useThemeVersion();
  const [hover, setHover] = useState<{ item: number; x: number; y: number } | undefined>(undefined);

  useEffect(() => {
    const canvas = base.current;
    if (!canvas || width <= 0) return;
    const ctx = sizeCanvas(canvas, width, height, pixelRatio);
    if (!ctx) return;
    const theme = readChartTheme(canvas);
    const started = performance.now();
    drawn.current = draw(ctx, { width, height, theme }) ?? {};
    canvas.dataset.drawMs = (performance.now() - started).toFixed(1);
    if (overlay.current) sizeCanvas(overlay.current, width, height, pixelRatio);
    // Live data redraws every few seconds: the tooltip follows what is now under a resting pointer instead of vanishing.
    const at = pointer.current;
    const item = at && !press.current?.captured ? drawn.current.pick?.(at.x, at.y) : undefined;
    setHover(item === undefined || !at ? undefined : { item, ...at });
  }, [draw, width, height, pixelRatio, themeVersion]);

  useEffect(() => {
    const ctx = overlay.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, width, height);
    if (hover) drawn.current.highlight?.(ctx, hover.item);
  }, [hover, width, height]);

  const at = (e: PointerEvent) => {
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const onPointerMove = (e: PointerEvent) => {
    const { x, y } = at(e);
    pointer.current = { x, y };
    const overlayCtx = overlay.current?.getContext('2d');
    if (press.current?.captured) return overlayCtx && drawn.current.pointerMove?.(x, y, overlayCtx);
    const item = drawn.current.pick?.(x, y);
    setHover(item === undefined ? undefined : { item, x, y });
  };
  const onPointerDown = (e: PointerEvent) => {
    const { x, y } = at(e);
    const captured = drawn.current.pointerDown?.(x, y) ?? false;
    if (captured) (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    press.current = { x, y, captured };
    if (captured) setHover(undefined);
  };
  const onPointerUp = (e: PointerEvent) => {
    const { x, y } = at(e);
    const pressed = press.current;
    press.current = undefined;
    if (pressed?.captured && drawn.current.pointerUp?.(x, y)) return;
    if (!pressed || Math.hypot(x - pressed.x, y - pressed.y) > CLICK_SLOP) return;
    const item = drawn.current.pick?.(x, y);
    if (item !== undefined) onActivate?.(item);
  };

  return (
    <div ref={box} style={{ position: 'relative', width: '100%', height: `${height}px` }}>
      <div
        role="img"
        aria-label={label}
        style={{ position: 'absolute', inset: 0, touchAction: 'none', cursor: hover && onActivate ? 'pointer' : 'default' }}
        onPointerMove={onPointerMove}
        onPointerDown={onPointerDown}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (press.current = undefined)}
        onPointerLeave={() => {
          pointer.current = undefined;
          if (!press.current?.captured) setHover(undefined);
        }}
      >
        <canvas ref={base} style={{ position: 'absolute', inset: 0 }} />
        <canvas ref={overlay} style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }} />
      </div>
      {children}
      {hover && tooltip && <ChartTooltip x={hover.x} y={hover.y} width={width} height={height}>{tooltip(hover.item)}</ChartTooltip>}
    </div>
  );
}
