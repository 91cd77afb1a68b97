import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/attune-error';
import { parseStudySpec } from '../spec/parse-study-spec';
import type { StudySpec } from '../spec/study-spec.schema';
import { DEFAULT_MEASUREMENT, normalizeObjectives } from './normalize-objectives';
import { parseObjectiveSpec } from './parse-objective-spec';

const oldFormat = {
  name: 'tune',
  target: 'branin',
  parameters: [{ name: 'x1', type: 'float', min: -5, max: 10 }],
  objective: { direction: 'minimize' },
  strategy: { name: 'random', seed: 3 },
  budget: { maxTrials: 20 },
};

describe('normalizeObjectives', () => {
  it("turns today's spec into the single objective it is today: the metric, its direction, measured once, nothing else", () => {
    const spec = parseStudySpec(oldFormat);
    const normalized = normalizeObjectives(spec);
    expect(normalized).toStrictEqual({
      kind: 'single',
      objectives: [{ metric: 'value', direction: 'minimize' }],
      constraints: [],
      measurement: { repeats: 1, warmup: 0, aggregate: 'median' },
    });
    expect(normalized.objectives).toEqual([{ metric: 'value', direction: 'minimize' }]);
  });

  it('reads a spec as stored before the measurement model existed (never re-parsed), and the same spec parsed by the new schema, alike', () => {
    const stored = JSON.parse(JSON.stringify(parseStudySpec({ ...oldFormat, objective: { metric: 'latency', direction: 'maximize' } }))) as StudySpec;
    const reparsed = parseObjectiveSpec({ objective: stored.objective });
    expect(normalizeObjectives(stored)).toEqual(normalizeObjectives(reparsed));
    expect(normalizeObjectives(stored)).toMatchObject({ kind: 'single', objectives: [{ metric: 'latency', direction: 'maximize' }], measurement: DEFAULT_MEASUREMENT });
  });

  it('turns a composite into its weighted terms, and a baseline of params into where it comes from', () => {
    const spec = parseObjectiveSpec({
      objective: { composite: [{ metric: 'p99', direction: 'minimize', weight: 2 }, { metric: 'tput', direction: 'maximize' }] },
      baseline: { params: { x1: 1.5 } },
      constraints: [{ metric: 'mem', max: 512 }],
      measurement: { repeats: 3, warmup: 1, aggregate: 'mean' },
    });
    expect(normalizeObjectives(spec)).toStrictEqual({
      kind: 'composite',
      objectives: [
        { metric: 'p99', direction: 'minimize', weight: 2 },
        { metric: 'tput', direction: 'maximize', weight: 1 },
      ],
      constraints: [{ metric: 'mem', max: 512 }],
      measurement: { repeats: 3, warmup: 1, aggregate: 'mean' },
      baseline: { from: 'params', params: { x1: 1.5 } },
    });
  });

  it("turns several objectives into a Pareto study, with no objective at all, and baseline: true into the parameters' defaults", () => {
    const spec = parseObjectiveSpec({ objectives: [{ metric: 'p99', direction: 'minimize' }, { metric: 'tput', direction: 'maximize' }], baseline: true });
    expect(normalizeObjectives(spec)).toMatchObject({
      kind: 'pareto',
      objectives: [
        { metric: 'p99', direction: 'minimize' },
        { metric: 'tput', direction: 'maximize' },
      ],
      baseline: { from: 'defaults' },
    });
  });

  it('says, as the parser would, that a spec with neither objective nor objectives has no objective', () => {
    expect(() => normalizeObjectives({})).toThrow(ValidationError);
    expect(() => normalizeObjectives({})).toThrow('objective: is required (or objectives: 2 to 4 metrics, each with a direction, for a Pareto front)');
  });
});
