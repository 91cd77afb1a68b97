import type { StudySummary, TrialRow } from '@attune/core/api/responses';
import { objectiveChoice, studyObjectiveChoices, valueOf, type ObjectiveChoice } from './shared/objective';
import { rankColours } from './shared/objective-colours';
import { extent, fromUnit, paddedScale, toUnit, type Scale } from './shared/scale';
import { parameterScale, studyParameters } from './shared/study-parameters';

/** One vertical axis: a parameter, or an objective (or a composite's term). */
export interface ParallelAxis {
  readonly key: string;
  readonly label: string;
  readonly kind: 'parameter' | 'objective';
  readonly scale: Scale;
  readonly choice?: ObjectiveChoice;
}

/**
 * A brush: a range on one axis, kept in the axis's values for a numeric axis
 * (so that it stays on the same values when new trials rescale the axis),
 * in unit positions for a categorical one (it selects the categories whose
 * centres it covers).
 */
export interface Brush {
  readonly low: number;
  readonly high: number;
}

export type Brushes = ReadonlyMap<string, Brush>;

export interface ParallelModel {
  readonly axes: readonly ParallelAxis[];
  /** Index into the trials of each line (completed trials). */
  readonly lines: Int32Array;
  /** Unit position of line l on axis a at [l · axes.length + a]; NaN when the trial has no value there. */
  readonly units: Float64Array;
  /** Colour position of each line, worst 0 to best 1 by rank of the colouring objective (NaN: no value). */
  readonly colours: Float64Array;
  readonly colourBy: ObjectiveChoice;
  /** The colouring objective's value of each line. */
  readonly colourValues: Float64Array;
  readonly summary: string;
}

type ParallelStudy = Pick<StudySummary, 'objectives' | 'direction' | 'metric' | 'parameters'>;

/** The objective axes: each objective, and for a composite its terms after its score. */
function objectiveChoices(study: ParallelStudy): ObjectiveChoice[] {
  const choices = studyObjectiveChoices(study);
  if (study.objectives?.kind === 'composite') for (const t of study.objectives.objectives) choices.push(objectiveChoice(study, t.metric));
  return choices;
}

function objectiveAxis(choice: ObjectiveChoice, values: readonly number[]): ParallelAxis {
  const scale = paddedScale(extent(values) ?? [0, 1], false, 0.02);
  const label = choice.direction ? `${choice.metric} (${choice.direction === 'minimize' ? 'min' : 'max'})` : choice.metric;
  return { key: `objective:${choice.metric}`, label, kind: 'objective', scale, choice };
}

/** The axes (parameters in the study's order, then objectives) and a line per completed trial, coloured by the first objective. */
export function parallelModel(study: ParallelStudy, trials: readonly TrialRow[]): ParallelModel {
  const completed = trials.flatMap((t, i) => (t.state === 'COMPLETE' ? [i] : []));
  const done = completed.map((i) => trials[i]);
  const parameters = studyParameters(study.parameters, done);
  const choices = objectiveChoices(study);
  const objectiveValues = choices.map((c) => done.map((t) => valueOf(t, c)));
  const axes: ParallelAxis[] = [
    ...parameters.map((p): ParallelAxis => ({ key: `parameter:${p.name}`, label: p.name, kind: 'parameter', scale: parameterScale(p, done) })),
    ...choices.map((c, k) => objectiveAxis(c, objectiveValues[k])),
  ];
  const units = new Float64Array(completed.length * axes.length);
  done.forEach((t, l) => {
    parameters.forEach((p, a) => (units[l * axes.length + a] = toUnit(axes[a].scale, t.params[p.name])));
    choices.forEach((_, k) => (units[l * axes.length + parameters.length + k] = toUnit(axes[parameters.length + k].scale, objectiveValues[k][l])));
  });
  const colourBy = choices[0];
  const colourValues = Float64Array.from(objectiveValues[0]);
  const colours = rankColours(colourValues, colourBy.direction ?? 'minimize');
  const summary = `Parallel coordinates of ${completed.length} completed trials over ${parameters.length} parameters and ${choices.length} objective${choices.length === 1 ? '' : 's'}, coloured by ${colourBy.metric}.`;
  return { axes, lines: Int32Array.from(completed), units, colours, colourBy, colourValues, summary };
}

/** A brush's range in unit positions of its axis, low ≤ high. */
export function brushUnits(brush: Brush, scale: Scale): readonly [number, number] {
  if (scale.kind === 'categorical') return [brush.low, brush.high];
  const [a, b] = [toUnit(scale, brush.low), toUnit(scale, brush.high)];
  return a <= b ? [a, b] : [b, a];
}

/** The brush covering unit positions [a, b] of an axis (in either order). */
export function brushFromUnits(scale: Scale, a: number, b: number): Brush {
  const [low, high] = [Math.max(0, Math.min(a, b)), Math.min(1, Math.max(a, b))];
  return scale.kind === 'categorical' ? { low, high } : { low: fromUnit(scale, low), high: fromUnit(scale, high) };
}

/**
 * The lines inside every brush (brushes ANDed), as indices into `model.lines`;
 * undefined when no brush is set. A trial without a value on a brushed axis
 * is outside that brush.
 */
export function brushedLines(model: ParallelModel, brushes: Brushes): Uint8Array | undefined {
  const active = model.axes.flatMap((axis, a) => {
    const brush = brushes.get(axis.key);
    return brush ? [{ a, range: brushUnits(brush, axis.scale) }] : [];
  });
  if (active.length === 0) return undefined;
  const inside = new Uint8Array(model.lines.length);
  const stride = model.axes.length;
  const eps = 1e-9;
  for (let l = 0; l < model.lines.length; l++) {
    inside[l] = active.every(({ a, range }) => {
      const u = model.units[l * stride + a];
      return u >= range[0] - eps && u <= range[1] + eps;
    })
      ? 1
      : 0;
  }
  return inside;
}

/** The trial numbers the brushes select; undefined when no brush is set. */
export function brushedTrials(model: ParallelModel, brushes: Brushes, trials: readonly Pick<TrialRow, 'number'>[]): ReadonlySet<number> | undefined {
  const inside = brushedLines(model, brushes);
  if (!inside) return undefined;
  const numbers = new Set<number>();
  inside.forEach((flag, l) => flag && numbers.add(trials[model.lines[l]].number));
  return numbers;
}

/** What a key does to the brush of the focused axis. */
export type BrushKey = 'up' | 'down' | 'grow' | 'shrink' | 'clear';

const KEY_STEP = 0.05;

/**
 * The keyboard's brush. On a numeric axis the first key sets one over the
 * middle fifth of the axis; up and down move it by a twentieth of the axis
 * (its width kept), grow and shrink widen or narrow it by as much. On a
 * categorical axis the steps are whole categories: the first key selects
 * the middle one, up and down move to the next, grow takes in the one
 * below (above at the bottom), shrink lets the lowest go. Clear removes it.
 */
export function keyedBrush(brush: Brush | undefined, scale: Scale, key: BrushKey): Brush | undefined {
  if (key === 'clear') return undefined;
  const step = scale.kind === 'categorical' ? 1 / scale.values.length : KEY_STEP;
  if (!brush) {
    if (scale.kind !== 'categorical') return brushFromUnits(scale, 0.4, 0.6);
    const middle = Math.floor((scale.values.length - 1) / 2);
    return brushFromUnits(scale, middle * step, (middle + 1) * step);
  }
  let [low, high] = brushUnits(brush, scale);
  const eps = 1e-9;
  if (key === 'up' || key === 'down') {
    const shift = key === 'up' ? Math.min(step, 1 - high) : -Math.min(step, low);
    [low, high] = [low + shift, high + shift];
  } else if (key === 'grow') {
    if (scale.kind !== 'categorical') [low, high] = [low - step / 2, high + step / 2];
    else if (low - step >= -eps) low -= step;
    else high += step;
  } else if (high - low > step * 1.5) {
    if (scale.kind === 'categorical') low += step;
    else [low, high] = [low + step / 2, high - step / 2];
  }
  return brushFromUnits(scale, low, high);
}
