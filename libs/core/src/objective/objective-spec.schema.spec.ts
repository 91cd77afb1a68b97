import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { objectiveSpecSchema } from './objective-spec.schema';
import { parseObjectiveSpec } from './parse-objective-spec';
import { issuesOf as issuesOfParse } from '../spec/testing/issues-of';

const issuesOf = (spec: unknown) => issuesOfParse(parseObjectiveSpec, spec);

const minimize = (metric: string) => ({ metric, direction: 'minimize' });
const maximize = (metric: string) => ({ metric, direction: 'maximize' });
const single = { direction: 'minimize' };
const NEEDS_BASELINE =
  "needs a baseline: each metric is scored by its relative change from the baseline's measurement; add baseline: {params: {...}}, or baseline: true for the parameters' defaults";

describe('the measurement model of a spec', () => {
  it("parses today's objective as it always did, and adds nothing a spec did not say", () => {
    expect(parseObjectiveSpec({ objective: single })).toEqual({ objective: { metric: 'value', direction: 'minimize' } });
    expect(parseObjectiveSpec({ objective: maximize('tput') })).toEqual({ objective: { metric: 'tput', direction: 'maximize' } });
  });

  it('parses every field, with the defaults inside each', () => {
    const spec = parseObjectiveSpec({
      objective: { composite: [{ ...minimize('p99'), weight: 2 }, maximize('tput')] },
      constraints: [{ metric: 'mem', max: 512 }, { metric: 'cpu', min: 0.1, max: 0.9 }],
      baseline: { params: { threads: 4, mode: 'fast', cache: true } },
      measurement: { repeats: 5 },
    });
    expect(spec).toEqual({
      objective: { composite: [{ ...minimize('p99'), weight: 2 }, { ...maximize('tput'), weight: 1 }] },
      constraints: [{ metric: 'mem', max: 512 }, { metric: 'cpu', min: 0.1, max: 0.9 }],
      baseline: { params: { threads: 4, mode: 'fast', cache: true } },
      measurement: { repeats: 5, warmup: 0, aggregate: 'median' },
    });
    expect(parseObjectiveSpec({ objectives: [minimize('p99'), maximize('tput')], baseline: true }).baseline).toBe(true);
  });

  it('names the field and the value of every bad weight, all in one pass', () => {
    expect(issuesOf({ objective: { composite: [{ ...minimize('a'), weight: 0 }, { ...maximize('b'), weight: -1.5 }] }, baseline: true })).toEqual([
      { path: 'objective.composite[0].weight', message: 'must be above 0, got 0' },
      { path: 'objective.composite[1].weight', message: 'must be above 0, got -1.5' },
    ]);
  });

  it('refuses a composite and several objectives at once, a composite without a baseline, and whatever else is wrong beside them', () => {
    const issues = issuesOf({
      objective: { composite: [minimize('a'), { metric: 'a', direction: 'up' }], metric: 'x', direction: 'minimize' },
      objectives: [minimize('a'), maximize('b')],
    });
    expect(issues).toEqual([
      { path: 'objective.composite[1].direction', message: 'must be one of "minimize", "maximize"' },
      { path: 'objective.composite[1].metric', message: 'duplicates objective.composite[0].metric "a"' },
      { path: 'objective.metric', message: 'cannot be combined with composite: each metric of a composite names its own' },
      { path: 'objective.direction', message: 'cannot be combined with composite: each metric of a composite has its own direction' },
      {
        path: 'objectives',
        message: 'cannot be combined with objective.composite: a composite is one objective (a weighted score); objectives are several, for a Pareto front; give one or the other',
      },
      { path: 'objective.composite', message: NEEDS_BASELINE },
    ]);
  });

  it('decides: a composite needs a baseline (it scores relative changes from it); a baseline that is there but wrong says only that', () => {
    const composite = { composite: [minimize('a'), maximize('b')] };
    expect(issuesOf({ objective: composite })).toEqual([{ path: 'objective.composite', message: NEEDS_BASELINE }]);
    expect(issuesOf({ objective: composite, baseline: false })).toEqual([
      { path: 'baseline', message: "must be true (measure the parameters' default values) or {params: {name: value, ...}}" },
    ]);
    expect(parseObjectiveSpec({ objective: composite, baseline: true }).objective).toEqual({ composite: [{ ...minimize('a'), weight: 1 }, { ...maximize('b'), weight: 1 }] });
  });

  it('refuses a composite of fewer than 2 metrics, and a composite from a spec that misspells it', () => {
    expect(issuesOf({ objective: { composite: [minimize('a')] }, baseline: true })).toEqual([
      { path: 'objective.composite', message: 'must list at least 2 metrics (for one, give {metric, direction} instead)' },
    ]);
    expect(issuesOf({ objective: { composit: [minimize('a')] } })).toEqual([
      { path: 'objective.composit', message: 'is not a known field' },
      { path: 'objective.direction', message: 'is required' },
    ]);
  });

  it('wants one objective or several, not both and not neither', () => {
    expect(issuesOf({ objective: single, objectives: [minimize('a'), maximize('b')] })).toEqual([
      { path: 'objectives', message: 'cannot be combined with objective: give one objective, or 2 to 4 objectives for a Pareto front' },
    ]);
    expect(issuesOf({})).toEqual([{ path: 'objective', message: 'is required (or objectives: 2 to 4 metrics, each with a direction, for a Pareto front)' }]);
    expect(issuesOf({ objective: null })).toEqual([{ path: 'objective', message: 'must be an object, got null' }]);
  });

  it('holds several objectives to 2 to 4 named, distinct metrics', () => {
    expect(issuesOf({ objectives: [minimize('a')] })).toEqual([{ path: 'objectives', message: 'must list at least 2 objectives (for one, give objective instead)' }]);
    expect(issuesOf({ objectives: ['a', 'b', 'c', 'd', 'e'].map(minimize) })).toEqual([{ path: 'objectives', message: 'must list at most 4 objectives' }]);
    expect(issuesOf({ objectives: [single, maximize('a'), minimize('a')] })).toEqual([
      { path: 'objectives[0].metric', message: 'is required' },
      { path: 'objectives[2].metric', message: 'duplicates objectives[1].metric "a"' },
    ]);
  });

  it('refuses a constraint with neither min nor max, an empty range, a bad bound and a metric constrained twice', () => {
    expect(
      issuesOf({
        objective: single,
        constraints: [{ metric: 'mem' }, { metric: 'cpu', min: 5, max: 3 }, { metric: 'cpu', max: 'x' }, { metric: 'p', max: 1, mix: 3 }, { metric: 'q', min: 2, max: 2 }],
      }),
    ).toEqual([
      { path: 'constraints[0]', message: 'needs max, min or both: a constraint bounds its metric' },
      { path: 'constraints[1].max', message: 'must be above min (5), got 3' },
      { path: 'constraints[2].max', message: 'must be a number, got string "x"' },
      { path: 'constraints[3].mix', message: 'is not a known field' },
      { path: 'constraints[4].max', message: 'must be above min (2), got 2' },
      { path: 'constraints[2].metric', message: 'duplicates constraints[1].metric "cpu"' },
    ]);
  });

  it('takes a baseline as true or {params}, and says what is wrong inside {params}', () => {
    expect(issuesOf({ objective: single, baseline: { params: { x: null, y: [1] } } })).toEqual([
      { path: 'baseline.params.x', message: 'must be a string, a finite number or a boolean' },
      { path: 'baseline.params.y', message: 'must be a string, a finite number or a boolean' },
    ]);
    expect(issuesOf({ objective: single, baseline: { param: {} } })).toEqual([
      { path: 'baseline.params', message: 'is required' },
      { path: 'baseline.param', message: 'is not a known field' },
    ]);
    expect(issuesOf({ objective: single, baseline: 'defaults' })).toEqual([
      { path: 'baseline', message: "must be true (measure the parameters' default values) or {params: {name: value, ...}}" },
    ]);
  });

  it('holds repeats to 1..50, warm-ups to 0..10 and the aggregate to median or mean', () => {
    expect(issuesOf({ objective: single, measurement: { repeats: 0, warmup: 11, aggregate: 'mode' } })).toEqual([
      { path: 'measurement.repeats', message: 'must be an integer from 1 to 50, got 0' },
      { path: 'measurement.warmup', message: 'must be an integer from 0 to 10, got 11' },
      { path: 'measurement.aggregate', message: 'must be one of "median", "mean"' },
    ]);
    expect(issuesOf({ objective: single, measurement: { repeats: 2.5, warmup: -1 } })).toEqual([
      { path: 'measurement.repeats', message: 'must be an integer from 1 to 50, got number 2.5' },
      { path: 'measurement.warmup', message: 'must be an integer from 0 to 10, got -1' },
    ]);
    expect(parseObjectiveSpec({ objective: single, measurement: {} }).measurement).toEqual({ repeats: 1, warmup: 0, aggregate: 'median' });
  });

  it('refuses reserved and empty metric names wherever a metric is named', () => {
    const issues = issuesOf({ objectives: [minimize('constructor'), maximize('')], constraints: [{ metric: '__proto__', max: 1 }] });
    expect(issues.map((i) => i.path)).toEqual(['objectives[0].metric', 'objectives[1].metric', 'constraints[0].metric']);
    expect(issues[0].message).toMatch(/^is a reserved name/);
    expect(issues[1].message).toBe('must not be empty');
  });

  it('can be described in the API docs (an OpenAPI schema of what a user writes)', () => {
    expect(() => z.toJSONSchema(objectiveSpecSchema, { io: 'input', target: 'openapi-3.0' })).not.toThrow();
  });
});
