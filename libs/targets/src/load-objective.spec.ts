import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadObjective } from './load-objective';
import { parseObjectiveRef } from './objective-ref';

const fixtures = path.resolve(__dirname, '..', 'fixtures');
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const problemsFile = path.resolve(repoRoot, '..', 'shared', 'bench', 'problems.mjs');

describe('parseObjectiveRef', () => {
  it('splits FILE#export at the last #', () => {
    expect(parseObjectiveRef('a/b.mjs#branin')).toEqual({ file: 'a/b.mjs', exportName: 'branin' });
    expect(parseObjectiveRef('a#b/c.mjs#x')).toEqual({ file: 'a#b/c.mjs', exportName: 'x' });
    expect(parseObjectiveRef('a/b.mjs')).toEqual({ file: 'a/b.mjs' });
  });

  it('rejects an empty file or export', () => {
    expect(() => parseObjectiveRef('#x')).toThrow(/module path is empty/);
    expect(() => parseObjectiveRef('f.mjs#')).toThrow(/export name after "#" is empty/);
  });
});

describe('loadObjective', () => {
  it('picks a problem by name from a problems array (bench/problems.mjs#branin)', async () => {
    const o = await loadObjective(problemsFile, 'branin');
    expect(o.name).toBe('branin');
    expect(o.direction).toBe('minimize');
    expect(o.parameters?.map((p) => p.name)).toEqual(['x1', 'x2']);
    expect(o.evaluate({ x1: Math.PI, x2: 2.275 })).toBeCloseTo(0.397887, 5);
  });

  it('takes a named function export as evaluate', async () => {
    const o = await loadObjective('named.mjs', 'sphere', fixtures);
    expect(o).toMatchObject({ name: 'sphere', file: path.join(fixtures, 'named.mjs') });
    expect(o.parameters).toBeUndefined();
    expect(o.evaluate({ x: 3 })).toBe(9);
  });

  it('takes a named object with evaluate, with its parameters and direction', async () => {
    const o = await loadObjective('named.mjs', 'shaped', fixtures);
    expect(o.direction).toBe('maximize');
    expect(o.parameters).toHaveLength(1);
    expect(o.evaluate({ x: 2 })).toBe(-2);
  });

  it('without a name uses the evaluate export and its siblings', async () => {
    const o = await loadObjective('evaluate-export.mjs', undefined, fixtures);
    expect(o).toMatchObject({ name: 'evaluate-export', direction: 'minimize' });
    expect(o.evaluate({ n: 3 })).toEqual({ value: 3, cost: 6 });
  });

  it('without a name falls back to a default function or object (CJS and TS)', async () => {
    expect((await loadObjective('default-function.cjs', undefined, fixtures)).evaluate({ x: 1 })).toBe(2);
    expect((await loadObjective('default-object.cjs', undefined, fixtures)).evaluate({ x: 5 })).toBe(5);
    expect((await loadObjective('default-object.cjs', 'double', fixtures)).evaluate({ x: 5 })).toBe(10);
    const ts = await loadObjective('typed.ts', undefined, fixtures);
    expect(ts.direction).toBe('minimize');
    expect(ts.evaluate({ x: 3 })).toBe(9);
  });

  it('hands evaluate a context as its second argument; without one, a context that reports nowhere and is never aborted', async () => {
    const o = await loadObjective('reports.mjs', undefined, fixtures);
    expect(o.evaluate({ x: 2 })).toEqual({ value: 2, aborted: 0 });
    const reports: unknown[] = [];
    const controller = new AbortController();
    controller.abort();
    expect(o.evaluate({ x: 3 }, { report: (step, metrics) => reports.push([step, metrics]), signal: controller.signal })).toEqual({ value: 3, aborted: 1 });
    expect(reports).toEqual([[0, 3]]);
  });

  it('names the file and the export when nothing matches', async () => {
    const file = path.join(fixtures, 'named.mjs');
    await expect(loadObjective(file, 'nope')).rejects.toThrow(
      `objective ${file}#nope: no export "nope" that is a function or an object with evaluate() and no problem of that name in its "problems" array (line)`,
    );
    await expect(loadObjective(file, 'notAnObjective')).rejects.toThrow(/#notAnObjective: no export "notAnObjective"/);
    await expect(loadObjective('nothing.mjs', undefined, fixtures)).rejects.toThrow(
      /nothing\.mjs: the module has no "evaluate" export .* \(exports: "answer"\)/,
    );
  });

  it('reports a missing file and malformed declared parameters', async () => {
    await expect(loadObjective('missing.mjs', undefined, fixtures)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `objective module not found: ${path.join(fixtures, 'missing.mjs')}`,
    });
    await expect(loadObjective('bad-parameters.mjs', undefined, fixtures)).rejects.toThrow(
      /bad-parameters\.mjs: parameters\[0\]\.max: is required/,
    );
  });
});
