// Branin-Hoo, the classic 2-D test function (three global minima, value 0.397887).
// A module target: the worker imports this file and calls evaluate(params) per trial;
// `attune optimize --objective examples/objectives/branin.mjs` runs it in process.

export const parameters = [
  { name: 'x1', type: 'float', min: -5, max: 10 },
  { name: 'x2', type: 'float', min: 0, max: 15 },
];

export const direction = 'minimize';

/** @param {{x1: number, x2: number}} p */
export function evaluate({ x1, x2 }) {
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
}
