import type { StudySummary, TrialRow } from '@attune/core/api/responses';
import { isNumeric, type Parameter } from '@attune/core/search-space/parameter';
import { contourGrid, type ContourGrid, type GridAxis } from './contour-grid';
import { isBetter, objectiveChoice, valueOf, type ObjectiveChoice } from './shared/objective';
import { toUnit, type Scale } from './shared/scale';
import { parameterScale, studyParameters } from './shared/study-parameters';

/** Cells along a numeric axis: fine enough for smooth bands once interpolated, coarse enough to stay fast. */
export const NUMERIC_CELLS = 48;

export interface ContourAxis {
  readonly parameter: Parameter;
  readonly scale: Scale;
}

/** A trial at unit positions on both axes. */
export interface ContourPoint {
  readonly index: number;
  readonly u: number;
  readonly v: number;
  readonly value: number;
}

export type ContourModel =
  | { readonly kind: 'problem'; readonly message: string; readonly parameters: readonly Parameter[] }
  | {
      readonly kind: 'surface';
      readonly parameters: readonly Parameter[];
      readonly choice: ObjectiveChoice;
      readonly x: ContourAxis;
      readonly y: ContourAxis;
      readonly points: readonly ContourPoint[];
      /** The best feasible point (for the objective's direction); undefined for a metric without one. */
      readonly best?: ContourPoint;
      readonly grid: ContourGrid;
      readonly summary: string;
    };

type ContourStudy = Pick<StudySummary, 'objectives' | 'direction' | 'metric' | 'parameters'>;

/** The axes a contour starts on: the first two numeric parameters, else the first two of any kind. */
export function defaultContourAxes(parameters: readonly Parameter[]): [string, string] | undefined {
  const numeric = parameters.filter(isNumeric);
  const pick = numeric.length >= 2 ? numeric : parameters;
  return pick.length >= 2 ? [pick[0].name, pick[1].name] : undefined;
}

function gridAxis(scale: Scale): GridAxis {
  return scale.kind === 'categorical' ? { cells: scale.values.length, smooth: false } : { cells: NUMERIC_CELLS, smooth: true };
}

/** The surface of the objective (or `metric`) over parameters `xName` and `yName`, from the completed trials; or why there is none. */
export function contourModel(study: ContourStudy, trials: readonly TrialRow[], xName: string, yName: string, metric?: string): ContourModel {
  const done = trials.filter((t) => t.state === 'COMPLETE');
  const parameters = studyParameters(study.parameters, done);
  const px = parameters.find((p) => p.name === xName);
  const py = parameters.find((p) => p.name === yName);
  if (parameters.length < 2) return { kind: 'problem', message: 'A contour needs two parameters; the study has fewer', parameters };
  if (!px || !py || px === py) return { kind: 'problem', message: 'Choose two different parameters', parameters };
  const choice = objectiveChoice(study, metric);
  const x = { parameter: px, scale: parameterScale(px, done) };
  const y = { parameter: py, scale: parameterScale(py, done) };
  const points: ContourPoint[] = [];
  let best: ContourPoint | undefined;
  trials.forEach((t, index) => {
    if (t.state !== 'COMPLETE') return;
    const point = { index, u: toUnit(x.scale, t.params[px.name]), v: toUnit(y.scale, t.params[py.name]), value: valueOf(t, choice) };
    if (!(Number.isFinite(point.u) && Number.isFinite(point.v) && Number.isFinite(point.value))) return;
    points.push(point);
    if (choice.direction && t.feasible !== false && (!best || isBetter(point.value, best.value, choice.direction))) best = point;
  });
  if (points.length === 0) return { kind: 'problem', message: `No completed trials with ${choice.metric} and both parameters yet`, parameters };
  const grid = contourGrid(
    points.map((p) => ({ x: p.u, y: p.v, value: p.value })),
    gridAxis(x.scale),
    gridAxis(y.scale),
  );
  const summary = `Contour of ${choice.metric} over ${px.name} and ${py.name} from ${points.length} trials, from ${grid.range[0].toPrecision(4)} to ${grid.range[1].toPrecision(4)}.`;
  return { kind: 'surface', parameters, choice, x, y, points, ...(best && { best }), grid, summary };
}
