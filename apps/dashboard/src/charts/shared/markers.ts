/** Marker shapes added to the current path, so that thousands of them are filled or stroked in one call. */

export function addCircle(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.moveTo(x + r, y);
  ctx.arc(x, y, r, 0, 2 * Math.PI);
}

/** A ring of radius `r` around a point: how every chart marks the trial under the pointer. */
export function strokeRing(ctx: CanvasRenderingContext2D, at: readonly [number, number], r: number, colour: string): void {
  ctx.beginPath();
  addCircle(ctx, at[0], at[1], r);
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  ctx.stroke();
}

export function addDiamond(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.moveTo(x, y - r);
  ctx.lineTo(x + r, y);
  ctx.lineTo(x, y + r);
  ctx.lineTo(x - r, y);
  ctx.closePath();
}

/** An ×, for stroking. */
export function addCross(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.moveTo(x - r, y - r);
  ctx.lineTo(x + r, y + r);
  ctx.moveTo(x - r, y + r);
  ctx.lineTo(x + r, y - r);
}

export function addTriangle(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.moveTo(x, y - r);
  ctx.lineTo(x + r, y + r * 0.8);
  ctx.lineTo(x - r, y + r * 0.8);
  ctx.closePath();
}


/**
 * A crowded chart's point: a square of side 2r. At the 4 pixels of a chart
 * of thousands it reads like a disc, and a software rasteriser fills
 * 10,000 squares in about half the time of 10,000 arcs (measured in the
 * gallery: 20 ms against 36 ms; octagons were ten times slower than arcs).
 */
export function addSquare(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.rect(x - r, y - r, 2 * r, 2 * r);
}

/** Points above this count are drawn as squares (`addSquare`), below it as circles. */
export const CROWDED = 2000;

/** The marker for a chart of `count` points. */
export function dotFor(count: number): typeof addCircle {
  return count > CROWDED ? addSquare : addCircle;
}
