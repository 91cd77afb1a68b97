/** A value a parameter can take. Numbers for float and int, anything listed for categorical. */
export type ParamValue = number | string | boolean;

/** One configuration: parameter name to value. */
export type Params = Record<string, ParamValue>;

/**
 * An empty configuration to fill in, without a prototype: a parameter's name
 * is a user's word, and must never meet an inherited member (`constructor`)
 * or the prototype setter (`__proto__`) of a plain object.
 */
export function emptyParams(): Params {
  return Object.create(null) as Params;
}

/** A real-valued knob in [min, max]; `log` searches it on a log scale, `step` snaps it to min + k·step. */
export interface FloatParameter {
  readonly name: string;
  readonly type: 'float';
  readonly min: number;
  readonly max: number;
  readonly log?: boolean;
  readonly step?: number;
  /** The value the system runs with today (what `baseline: true` measures). */
  readonly default?: number;
}

/** An integer knob in [min, max]; `step` (default 1) snaps it to min + k·step. */
export interface IntParameter {
  readonly name: string;
  readonly type: 'int';
  readonly min: number;
  readonly max: number;
  readonly log?: boolean;
  readonly step?: number;
  /** The value the system runs with today (what `baseline: true` measures). */
  readonly default?: number;
}

/** An unordered choice among listed values. */
export interface CategoricalParameter {
  readonly name: string;
  readonly type: 'categorical';
  readonly values: readonly ParamValue[];
  /** The value the system runs with today (what `baseline: true` measures). */
  readonly default?: ParamValue;
}

export type NumericParameter = FloatParameter | IntParameter;
export type Parameter = NumericParameter | CategoricalParameter;

/** The ordered list of parameters a study searches over. */
export type SearchSpace = readonly Parameter[];

export function isNumeric(p: Parameter): p is NumericParameter {
  return p.type !== 'categorical';
}
