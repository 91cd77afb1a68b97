/**
 * Nearest-point lookup for hover and click over thousands of drawn points:
 * the points' pixel positions hashed into square cells, so a query looks at
 * the few cells around the cursor instead of every point.
 */
export class PointIndex {
  private readonly cells = new Map<number, number[]>();
  private positions: Map<number, number> | undefined;

  /** `xs[i]`, `ys[i]`: where item `ids[i]` is drawn, in CSS pixels (NaN: not drawn). */
  constructor(
    private readonly xs: ArrayLike<number>,
    private readonly ys: ArrayLike<number>,
    private readonly ids: ArrayLike<number>,
    private readonly cellSize = 16,
  ) {
    for (let i = 0; i < xs.length; i++) {
      if (!(Number.isFinite(xs[i]) && Number.isFinite(ys[i]))) continue;
      const key = this.key(Math.floor(xs[i] / cellSize), Math.floor(ys[i] / cellSize));
      const cell = this.cells.get(key);
      if (cell) cell.push(i);
      else this.cells.set(key, [i]);
    }
  }

  private key(cx: number, cy: number): number {
    // Pixel positions stay far below 2^20 cells in either direction.
    return (cx + 0x80000) * 0x100000 + (cy + 0x80000);
  }

  /** The id of the point nearest (x, y) within `radius` pixels, the latest-drawn of equals (it is on top); undefined when none is that close. */
  nearest(x: number, y: number, radius = 8): number | undefined {
    const reach = Math.ceil(radius / this.cellSize);
    const cx = Math.floor(x / this.cellSize);
    const cy = Math.floor(y / this.cellSize);
    let best = -1;
    let bestDistance = radius * radius;
    for (let i = cx - reach; i <= cx + reach; i++) {
      for (let j = cy - reach; j <= cy + reach; j++) {
        for (const p of this.cells.get(this.key(i, j)) ?? []) {
          const d = (this.xs[p] - x) ** 2 + (this.ys[p] - y) ** 2;
          if (d < bestDistance || (d === bestDistance && p > best)) [best, bestDistance] = [p, d];
        }
      }
    }
    return best >= 0 ? this.ids[best] : undefined;
  }

  /** Where item `id` is drawn (the last point with that id), for highlighting it; undefined when it is not drawn. */
  locate(id: number): readonly [number, number] | undefined {
    if (!this.positions) {
      this.positions = new Map();
      for (let i = 0; i < this.ids.length; i++) if (Number.isFinite(this.xs[i]) && Number.isFinite(this.ys[i])) this.positions.set(this.ids[i], i);
    }
    const i = this.positions.get(id);
    return i === undefined ? undefined : [this.xs[i], this.ys[i]];
  }
}
