import type { TrialRow } from '@attune/core/api/responses';
import type { Parameter, ParamValue } from '@attune/core/search-space/parameter';
import { categoricalScale, extent, numericScale, type Scale } from './scale';

type Declared = Record<string, unknown>;

function isNumericDeclaration(p: Declared): boolean {
  return (p.type === 'float' || p.type === 'int') && Number.isFinite(p.min) && Number.isFinite(p.max);
}

function isCategoricalDeclaration(p: Declared): boolean {
  return p.type === 'categorical' && Array.isArray(p.values) && p.values.length > 0;
}

/** The study's declared parameters that have a shape the charts can read (typed, but the dashboard does not parse the responses it reads). */
function declaredParameters(declared: readonly unknown[]): Parameter[] {
  return declared.filter((p): p is Parameter => {
    if (typeof p !== 'object' || p === null || typeof (p as Declared).name !== 'string') return false;
    return isNumericDeclaration(p as Declared) || isCategoricalDeclaration(p as Declared);
  });
}

/** Parameters read off the trials themselves, for a summary without declarations: numeric when every value is a number. */
function observedParameters(trials: readonly Pick<TrialRow, 'params'>[]): Parameter[] {
  const seen = new Map<string, ParamValue[]>();
  for (const t of trials) {
    for (const [name, value] of Object.entries(t.params)) {
      let values = seen.get(name);
      if (!values) seen.set(name, (values = []));
      values.push(value);
    }
  }
  return [...seen].map(([name, values]): Parameter => {
    const range = values.every((v) => typeof v === 'number') ? extent(values as number[]) : undefined;
    return range ? { name, type: 'float', min: range[0], max: range[1] } : { name, type: 'categorical', values: [...new Set(values)] };
  });
}

/** The parameters to chart: the study's declarations, or when it has none, what its trials hold. */
export function studyParameters(parameters: readonly unknown[] | undefined, trials: readonly Pick<TrialRow, 'params'>[]): Parameter[] {
  const declared = declaredParameters(parameters ?? []);
  return declared.length > 0 ? declared : observedParameters(trials);
}

/**
 * The axis of a parameter: its declared range (log when searched on a log
 * scale) widened to hold every trial's value, or its listed values followed
 * by any other value a trial holds (a trial enqueued by hand, a list edited
 * since), so no trial falls off the chart.
 */
export function parameterScale(p: Parameter, trials: readonly Pick<TrialRow, 'params'>[]): Scale {
  if (p.type === 'categorical') {
    const values = [...p.values];
    const listed = new Set(values);
    for (const t of trials) {
      const v = t.params[p.name];
      if (v !== undefined && !listed.has(v)) listed.add(v), values.push(v);
    }
    return categoricalScale(values);
  }
  const log = p.log === true && p.min > 0;
  const observed = extent(
    trials.map((t) => t.params[p.name] as number),
    log,
  );
  const min = observed ? Math.min(p.min, observed[0]) : p.min;
  const max = observed ? Math.max(p.max, observed[1]) : p.max;
  return numericScale(min, max, log);
}
