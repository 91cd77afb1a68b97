/** A colour as red, green, blue in 0..255. */
export type Rgb = readonly [number, number, number];

/** Reads `#rgb`, `#rrggbb` (alpha digits ignored) or `rgb(r, g, b)` / `rgba(...)`; undefined for anything else. */
export function parseColor(text: string): Rgb | undefined {
  const s = text.trim();
  const hex = /^#([0-9a-f]{3,8})$/i.exec(s)?.[1];
  if (hex && (hex.length === 3 || hex.length === 4)) return [0, 1, 2].map((i) => parseInt(hex[i] + hex[i], 16)) as unknown as Rgb;
  if (hex && (hex.length === 6 || hex.length === 8)) return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb;
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(s);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : undefined;
}

export function rgbText([r, g, b]: Rgb, alpha = 1): string {
  return alpha >= 1 ? `rgb(${r},${g},${b})` : `rgba(${r},${g},${b},${alpha})`;
}

/** The colour at t in [0, 1] (clamped) of a ramp through evenly spaced stops, interpolated linearly between neighbours. */
export function rampAt(stops: readonly Rgb[], t: number): Rgb {
  if (stops.length === 1) return stops[0];
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [stops[i], stops[i + 1]];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/**
 * `count` colours sampled along the ramp, as CSS text: charts bin points by
 * colour and fill each bin in one path, which keeps 10,000 points to a few
 * dozen canvas state changes.
 */
export function rampPalette(stops: readonly Rgb[], count: number, alpha = 1): string[] {
  return Array.from({ length: count }, (_, i) => rgbText(rampAt(stops, count === 1 ? 1 : i / (count - 1)), alpha));
}

/** The bin of t in a palette of `count` colours. */
export function paletteIndex(t: number, count: number): number {
  if (!Number.isFinite(t)) return 0;
  return Math.min(count - 1, Math.max(0, Math.round(t * (count - 1))));
}
