/** A metric value for people: up to 6 significant digits, no exponent for ordinary magnitudes. */
export function formatValue(value: number | undefined | null): string {
  if (value === undefined || value === null) return '-';
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) >= 1e7 || Math.abs(value) < 1e-4)) return value.toExponential(4);
  return String(Number(value.toPrecision(6)));
}
