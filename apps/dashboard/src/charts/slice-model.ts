import type { StudySummary, TrialRow } from '@attune/core/api/responses';
import type { Parameter } from '@attune/core/search-space/parameter';
import { objectiveChoice, valueOf, type ObjectiveChoice } from './shared/objective';
import { extent, toUnit, type Scale } from './shared/scale';
import { parameterScale, studyParameters } from './shared/study-parameters';

/** A completed trial on one parameter's slice: x its unit position on the parameter's axis (categories spread in their band). */
export interface SlicePoint {
  readonly index: number;
  readonly x: number;
  readonly value: number;
  readonly feasible: boolean;
  /** Colour position: the trial's place in trial order, first 0 to last 1. */
  readonly age: number;
}

export interface SlicePanel {
  readonly parameter: Parameter;
  readonly scale: Scale;
  readonly points: readonly SlicePoint[];
}

export interface SliceModel {
  readonly choice: ObjectiveChoice;
  readonly panels: readonly SlicePanel[];
  /** Shared by every panel, so that the slices compare; undefined when no trial has a value. */
  readonly yRange?: readonly [number, number];
  readonly canLog: boolean;
  /** The first and last trial numbers plotted (the colour bar's ends). */
  readonly numbers?: readonly [number, number];
  readonly summary: string;
}

/** Half the width of the spread of a category's points, as a fraction of its band. */
const SPREAD = 0.35;

/** A fixed offset in [-SPREAD, SPREAD] of a band for a trial number, so that a category's points fan out into a strip and stay put between redraws. */
export function categorySpread(number: number): number {
  const h = Math.imul(number ^ 0x5bd1e995, 0x27d4eb2d) >>> 0;
  return (h / 0xffffffff - 0.5) * 2 * SPREAD;
}

type SliceStudy = Pick<StudySummary, 'objectives' | 'direction' | 'metric' | 'parameters'>;

/** One small scatter per parameter of the completed trials' values, coloured by trial order. */
export function sliceModel(study: SliceStudy, trials: readonly TrialRow[], metric?: string): SliceModel {
  const choice = objectiveChoice(study, metric);
  const measured = trials.flatMap((t, index) => {
    const value = t.state === 'COMPLETE' ? valueOf(t, choice) : Number.NaN;
    return Number.isFinite(value) ? [{ index, value, trial: t }] : [];
  });
  const byNumber = measured.map((m) => m.trial.number).sort((a, b) => a - b);
  const last = Math.max(1, byNumber.length - 1);
  const rank = new Map(byNumber.map((n, i) => [n, byNumber.length === 1 ? 1 : i / last]));
  const parameters = studyParameters(
    study.parameters,
    measured.map((m) => m.trial),
  );
  const panels = parameters.map((parameter): SlicePanel => {
    const scale = parameterScale(
      parameter,
      measured.map((m) => m.trial),
    );
    const band = scale.kind === 'categorical' ? 1 / scale.values.length : 0;
    const points = measured.flatMap(({ index, value, trial }) => {
      const u = toUnit(scale, trial.params[parameter.name]);
      if (!Number.isFinite(u)) return [];
      return [{ index, x: u + band * categorySpread(trial.number), value, feasible: trial.feasible !== false, age: rank.get(trial.number)! }];
    });
    return { parameter, scale, points };
  });
  const yRange = extent(measured.map((m) => m.value));
  const canLog = measured.length > 0 && measured.every((m) => m.value > 0);
  const numbers = byNumber.length > 0 ? ([byNumber[0], byNumber.at(-1)!] as const) : undefined;
  const summary = `Slices of ${choice.metric} over ${parameters.length} parameters, ${measured.length} completed trials.`;
  return { choice, panels, ...(yRange && { yRange }), canLog, ...(numbers && { numbers }), summary };
}
