/** The rectangle inside a chart's margins where the data is drawn, in CSS pixels. */
export interface PlotArea {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface Margins {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export function plotArea(width: number, height: number, m: Margins): PlotArea {
  return { left: m.left, top: m.top, width: Math.max(1, width - m.left - m.right), height: Math.max(1, height - m.top - m.bottom) };
}

/** The pixel column of a unit position (0 at the left edge). */
export function xAt(area: PlotArea, unit: number): number {
  return area.left + unit * area.width;
}

/** The pixel row of a unit position (0 at the bottom edge). */
export function yAt(area: PlotArea, unit: number): number {
  return area.top + (1 - unit) * area.height;
}

/** The unit position of a pixel column, or row (inverse of `xAt` / `yAt`). */
export function unitAtX(area: PlotArea, x: number): number {
  return (x - area.left) / area.width;
}

export function unitAtY(area: PlotArea, y: number): number {
  return 1 - (y - area.top) / area.height;
}

export function contains(area: PlotArea, x: number, y: number, slack = 0): boolean {
  return x >= area.left - slack && x <= area.left + area.width + slack && y >= area.top - slack && y <= area.top + area.height + slack;
}
