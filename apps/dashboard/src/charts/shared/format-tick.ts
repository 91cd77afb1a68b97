/** A tick label: short, an exponent only for very large or very small magnitudes (1e6, 2.5e-5). */
export function formatTick(value: number): string {
  if (value === 0) return '0';
  const size = Math.abs(value);
  if (size >= 1e6 || size < 1e-3) {
    const [mantissa, exponent] = value.toExponential(2).split('e');
    return `${String(Number(mantissa))}e${Number(exponent)}`;
  }
  if (size >= 1e4) return `${String(Number((value / 1e3).toPrecision(4)))}k`;
  return String(Number(value.toPrecision(4)));
}
