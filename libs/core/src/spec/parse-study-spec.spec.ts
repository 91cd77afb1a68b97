import { describe, expect, it } from 'vitest';
import { parseStudySpec, parseStudySpecText } from './parse-study-spec';
import { issuesOf as issuesOfParse } from './testing/issues-of';

const valid = {
  name: 'tune',
  target: 'branin',
  parameters: [
    { name: 'x1', type: 'float', min: -5, max: 10 },
    { name: 'n', type: 'int', min: 1, max: 64, log: true },
    { name: 'mode', type: 'categorical', values: ['a', 'b'] },
  ],
  objective: { direction: 'minimize' },
  strategy: { name: 'random', seed: 3 },
  budget: { maxTrials: 20, parallelism: 4 },
};

const issuesOf = (spec: unknown) => issuesOfParse(parseStudySpec, spec);

function withParam(p: unknown) {
  return { ...valid, parameters: [p] };
}

describe('parseStudySpec', () => {
  it('accepts a valid spec and applies defaults', () => {
    const spec = parseStudySpec(valid);
    expect(spec.objective).toEqual({ metric: 'value', direction: 'minimize' });
    expect(spec.budget.trialTimeoutSec).toBe(600);
    expect(spec.strategy.options).toEqual({});
    expect(spec.strategy.seed).toBe(3);
    expect(spec).not.toHaveProperty('notify');
  });

  it('takes an optional webhook: an http(s) url and known event kinds, new bests and the end by default', () => {
    expect(parseStudySpec({ ...valid, notify: { url: 'https://hooks.example.com/attune' } }).notify).toEqual({
      url: 'https://hooks.example.com/attune',
      events: ['new-best', 'study-ended'],
    });
    expect(parseStudySpec({ ...valid, notify: { url: 'http://127.0.0.1:9000/', events: ['trial-finished'] } }).notify?.events).toEqual(['trial-finished']);
    expect(issuesOf({ ...valid, notify: { url: 'ftp://x/', events: ['teleported'] } }).map((i) => i.path).sort()).toEqual(['notify.events[0]', 'notify.url']);
    expect(issuesOf({ ...valid, notify: { url: 'https://x/', events: [] } })).toEqual([{ path: 'notify.events', message: 'must list at least one kind of event' }]);
  });

  it('takes an optional warm start: 1 to 10 distinct study ids', () => {
    const a = '00000000-0000-4000-8000-00000000000a';
    const b = '00000000-0000-4000-8000-00000000000b';
    expect(parseStudySpec(valid)).not.toHaveProperty('warmStart');
    expect(parseStudySpec({ ...valid, warmStart: { studies: [a, b] } }).warmStart).toEqual({ studies: [a, b] });
    expect(issuesOf({ ...valid, warmStart: { studies: [a, 'nope', a] } })).toEqual([
      { path: 'warmStart.studies[1]', message: expect.stringContaining('must be a study id') },
      { path: 'warmStart.studies[2]', message: 'duplicates warmStart.studies[0]' },
    ]);
    expect(issuesOf({ ...valid, warmStart: { studies: [] } })).toEqual([{ path: 'warmStart.studies', message: 'must list at least one study' }]);
    const eleven = Array.from({ length: 11 }, (_, i) => `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`);
    expect(issuesOf({ ...valid, warmStart: { studies: eleven } })).toEqual([{ path: 'warmStart.studies', message: 'must list at most 10 studies' }]);
    expect(issuesOf({ ...valid, warmStart: { from: [a] } }).map((i) => i.path).sort()).toEqual(['warmStart.from', 'warmStart.studies']);
  });

  it.each([
    [{ name: 'x', type: 'float', min: 5, max: 1 }, 'parameters[0].max', 'must be above min (5)'],
    [{ name: 'x', type: 'float', min: 0, max: 1, log: true }, 'parameters[0].min', 'must be above 0 on a log scale'],
    [{ name: 'x', type: 'categorical', values: [] }, 'parameters[0].values', 'at least one value'],
    [{ name: 'x', type: 'categorical', values: ['a', 'a'] }, 'parameters[0].values[1]', 'duplicates the value "a"'],
    [{ name: 'x', type: 'vector', min: 0, max: 1 }, 'parameters[0].type', '"float", "int" or "categorical"'],
    [{ name: 'x', type: 'int', min: 0.5, max: 3 }, 'parameters[0].min', 'must be an integer'],
    [{ name: 'x', type: 'float', min: 0, max: 1, colour: 'red' }, 'parameters[0].colour', 'is not a known field'],
    [{ name: 'x', type: 'float', min: 0, max: 1, step: 2 }, 'parameters[0].step', 'must not exceed max - min'],
    [{ name: 'x', type: 'float', min: 0, max: 1, step: -1 }, 'parameters[0].step', 'must be above 0'],
    [{ name: 'bad name', type: 'float', min: 0, max: 1 }, 'parameters[0].name', 'letters, digits and underscores'],
    [{ name: 'x', type: 'float', max: 1 }, 'parameters[0].min', 'is required'],
    [{ name: 'x', type: 'float', min: '0', max: 1 }, 'parameters[0].min', 'must be a number, got string "0"'],
  ])('rejects parameter %j at %s', (param, path, message) => {
    const issues = issuesOf(withParam(param));
    expect(issues).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it.each([
    [{ name: 'x', type: 'float', min: -1e308, max: 1e308 }, 'parameters[0].max', 'max - min must be a finite number, got Infinity'],
    [{ name: 'n', type: 'int', min: 0, max: 2 ** 60 }, 'parameters[0].max', 'must be an integer from -(2^53 - 1) to 2^53 - 1'],
    [{ name: 'x', type: 'float', min: 1e16, max: 1e16 + 10, step: 1 }, 'parameters[0].step', 'must be above 2, the spacing of doubles near 10000000000000010: finer levels would collide'],
    [{ name: 'n', type: 'int', min: 0, max: 10, step: 3 }, 'parameters[0].step', 'must divide max - min exactly (levels are min + k·step): the last level would be 9, never max (10); use max: 9 or max: 12'],
    [{ name: 'x', type: 'float', min: 0, max: 1, step: 0.3 }, 'parameters[0].step', 'the last level would be 0.9, never max (1); use max: 0.9 or max: 1.2'],
    [{ name: 'größe', type: 'float', min: 0, max: 1 }, 'parameters[0].name', 'must start with an ASCII letter or underscore and hold only ASCII letters, digits and underscores (command targets get it as the environment variable ATTUNE_PARAM_<NAME>)'],
    [{ name: '__proto__', type: 'float', min: 0, max: 1 }, 'parameters[0].name', 'is a reserved name'],
    [{ name: 'constructor', type: 'float', min: 0, max: 1 }, 'parameters[0].name', 'is a reserved name'],
    [{ name: 'toString', type: 'int', min: 0, max: 1 }, 'parameters[0].name', 'is a reserved name'],
    [{ name: 'x', type: 'categorical', values: ['a\u0000b'] }, 'parameters[0].values[0]', 'must not hold NUL (\\u0000) or an unpaired UTF-16 surrogate'],
  ])('rejects parameter %j at %s: %s', (param, path, message) => {
    const issues = issuesOf(withParam(param));
    expect(issues).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('accepts steps that divide the range, in decimal: 0.1 to 0.7 by 0.2', () => {
    expect(parseStudySpec(withParam({ name: 'x', type: 'float', min: 0.1, max: 0.7, step: 0.2 })).parameters[0]).toMatchObject({ step: 0.2 });
    expect(parseStudySpec(withParam({ name: 'n', type: 'int', min: 1, max: 8_999_999_999_999_998, step: 3 })).parameters).toHaveLength(1);
  });

  it('refuses reserved names for metrics and as keys anywhere, __proto__ included', () => {
    const strategy = JSON.parse('{"name": "random", "options": {"__proto__": {"maxRedraws": 1}, "constructor": 1}}') as unknown;
    const issues = issuesOf({ ...valid, objective: { metric: 'constructor', direction: 'minimize' }, strategy });
    expect(issues.map((i) => i.path).sort()).toEqual(['objective.metric', 'strategy.options.__proto__', 'strategy.options.constructor']);
    for (const issue of issues) expect(issue.message).toMatch(/^is a reserved name \(__proto__, constructor, prototype and the other members of Object.prototype/);
  });

  it('refuses control characters in the name and description, and NUL or unpaired surrogates anywhere', () => {
    const issues = issuesOf({ ...valid, name: 'tune\u001b[2J\u001b[H', description: 'a\u0000b', target: 'branin' });
    expect(issues).toEqual([
      { path: 'name', message: 'must not hold control characters (escape sequences would reach terminals)' },
      { path: 'description', message: 'must not hold NUL (\\u0000) or an unpaired UTF-16 surrogate: it could not be stored' },
    ]);
    expect(issuesOf({ ...valid, name: 'half \ud83d' })).toEqual([{ path: 'name', message: expect.stringContaining('unpaired UTF-16 surrogate') }]);
    expect(issuesOf({ ...valid, description: 'bell\u0007' })).toEqual([{ path: 'description', message: expect.stringContaining('other than tab and newline') }]);
    const keyed = JSON.parse('{"name": "random", "options": {"a\\u0000": 1}}') as unknown;
    expect(issuesOf({ ...valid, strategy: keyed })).toEqual([{ path: 'strategy.options.a\\u0000', message: expect.stringContaining('is a key that holds NUL') }]);
    const ok = parseStudySpec({ ...valid, name: 'tune 🚀 façade', description: 'line one\n\tline two' });
    expect(ok.name).toBe('tune 🚀 façade');
  });

  it('rejects duplicate parameter names, case-insensitively', () => {
    const issues = issuesOf({
      ...valid,
      parameters: [
        { name: 'size', type: 'int', min: 1, max: 2 },
        { name: 'SIZE', type: 'int', min: 1, max: 2 },
      ],
    });
    expect(issues).toEqual([
      {
        path: 'parameters[1].name',
        message:
          'duplicates parameters[0].name "size" when case is ignored: names must differ in more than case (both would be the environment variable ATTUNE_PARAM_SIZE)',
      },
    ]);
  });

  it('rejects a bad budget, objective and unknown top-level fields', () => {
    const issues = issuesOf({
      ...valid,
      objective: { direction: 'up' },
      budget: { maxTrials: 10, parallelism: 0 },
      extra: true,
    });
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['objective.direction', 'budget.parallelism', 'extra']));
    expect(issues.find((i) => i.path === 'budget.parallelism')?.message).toContain('at least 1');
    expect(issues.find((i) => i.path === 'objective.direction')?.message).toContain('"minimize", "maximize"');
  });

  it('holds the parameters that parse to the rules even when other fields are broken', () => {
    const issues = issuesOf({
      ...valid,
      parameters: [{ name: 'x', type: 'float', min: 5, max: 1 }, { name: 'n', type: 'nope' }, { name: 'X', type: 'int', min: 0, max: 3, log: true }],
      budget: { maxTrials: 0 },
    });
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['budget.maxTrials', 'parameters[1].type', 'parameters[0].max', 'parameters[2].min', 'parameters[2].name']),
    );
  });

  it('reports missing required fields by name', () => {
    const paths = issuesOf({ name: 'x' }).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['target', 'parameters', 'objective', 'strategy', 'budget']));
  });
});

describe('parseStudySpecText', () => {
  it('parses YAML and JSON alike', () => {
    const yaml = parseStudySpecText(
      'name: t\ntarget: branin\nparameters:\n  - {name: x1, type: float, min: 0, max: 1}\nobjective: {direction: minimize}\nstrategy: {name: random}\nbudget: {maxTrials: 3}\n',
    );
    const json = parseStudySpecText(JSON.stringify({ ...valid }));
    expect(yaml.parameters[0].name).toBe('x1');
    expect(json.parameters).toHaveLength(3);
  });

  it('points at the line and column of a bad field', () => {
    const text = 'name: t\ntarget: branin\nparameters:\n  - name: x1\n    type: float\n    min: 5\n    max: 1\nobjective: {direction: minimize}\nstrategy: {name: random}\nbudget: {maxTrials: 3}\n';
    expect(() => parseStudySpecText(text, 'study.yaml')).toThrow(/parameters\[0\]\.max: must be above min \(5\), got 1 \(study\.yaml:7:10\)/);
  });

  it('says what is wrong with YAML values JSON does not have, and with a second document', () => {
    const text = 'name: t\ntarget: branin\nparameters:\n  - {name: x1, type: float, min: 0, max: .inf}\nobjective: {direction: minimize}\nstrategy: {name: random}\nbudget: {maxTrials: 3}\n';
    expect(() => parseStudySpecText(text, 'study.yaml')).toThrow('parameters[0].max: must be a finite number, got Infinity (study.yaml:4:42)');
    expect(() => parseStudySpecText(`${text}---\nname: u\n`, 'study.yaml')).toThrow(
      'study.yaml:8:1: a second YAML document starts here; a study spec is one document: remove this "---" and what follows, or move it to a file of its own',
    );
    expect(() => parseStudySpecText(text.replace('name: x1', '__proto__: 1, name: x1'), 'study.yaml')).toThrow(/parameters\[0\]\.__proto__: is a reserved name .*\(study\.yaml:4:17\)/);
  });

  it('reports YAML syntax errors with a position', () => {
    expect(() => parseStudySpecText('name: [unclosed\n', 'bad.yaml')).toThrow(/bad\.yaml:\d+:\d+/);
  });
});
