import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTargetsFile, parseTargetsText } from './load-targets-file';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-targets-'));
fs.writeFileSync(path.join(dir, 'objective.mjs'), 'export const evaluate = () => 1;\n');
const file = path.join(dir, 'targets.yaml');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function problems(text: string): string[] {
  try {
    parseTargetsText(text, file);
  } catch (e) {
    return (e as { issues: { path: string; message: string }[] }).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected the targets file to be rejected');
}

describe('targets file', () => {
  it('resolves module and cwd paths against the file and defaults env', () => {
    fs.writeFileSync(
      file,
      ['targets:', '  - {name: obj, type: module, module: ./objective.mjs, export: evaluate, timeoutSec: 5}', '  - name: cmd', '    type: command', '    command: [node, run.mjs]', '    env: {PORT: 8080}', ''].join('\n'),
    );
    expect(loadTargetsFile(file)).toEqual([
      { name: 'obj', type: 'module', module: path.join(dir, 'objective.mjs'), export: 'evaluate', timeoutSec: 5 },
      { name: 'cmd', type: 'command', command: ['node', 'run.mjs'], cwd: dir, env: { PORT: '8080' }, inheritEnv: [] },
    ]);
  });

  it('accepts JSON', () => {
    const targets = parseTargetsText(JSON.stringify({ targets: [{ name: 'a.b-c_1', type: 'command', command: ['true'] }] }), file);
    expect(targets[0]).toMatchObject({ name: 'a.b-c_1', cwd: dir, env: {}, inheritEnv: [] });
  });

  it('names every problem with its path', () => {
    const text = JSON.stringify({
      targets: [
        { name: 'ok', type: 'module', module: 'objective.mjs' },
        { name: 'cmd', type: 'command', command: 'node run.mjs' },
        { name: 'ok', type: 'module', module: 'missing.mjs' },
        { name: 'x', type: 'http' },
        { name: 'bad name', type: 'command', command: [], timeoutSec: 0, shell: true },
        { name: 'd', type: 'command', command: ['x'], cwd: 'nowhere', env: { 'A-B': 'x' } },
        { name: 'e', type: 'command', command: ['x'], inheritEnv: ['GOOD', 'CUDA_*', 'BAD-NAME', '*'] },
        { name: 'f', type: 'command', command: ['x'], inheritEnv: 'HOME' },
      ],
    });
    expect(problems(text)).toEqual([
      'targets[1].command: must be a non-empty list of strings',
      'targets[3].type: must have a type of "module" or "command"',
      'targets[4].name: must start with a letter or digit and hold only letters, digits, "_", "." and "-"',
      'targets[4].command: must be a non-empty list of strings',
      'targets[4].timeoutSec: must be above 0',
      'targets[4].shell: is not a known field',
      'targets[5].env.A-B: must be a valid environment variable name',
      'targets[6].inheritEnv[2]: must be an environment variable name, or a prefix followed by "*"',
      'targets[6].inheritEnv[3]: must be an environment variable name, or a prefix followed by "*"',
      'targets[7].inheritEnv: must be a list of variable names, got string "HOME"',
      // The targets that do parse are held to the rest in the same pass.
      'targets[2].name: duplicates the target name "ok"',
      `targets[2].module: no such file: ${path.join(dir, 'missing.mjs')}`,
    ]);
  });

  it('checks duplicate names, module files and working directories after the shape', () => {
    const text = JSON.stringify({
      targets: [
        { name: 'ok', type: 'module', module: 'objective.mjs' },
        { name: 'ok', type: 'module', module: 'missing.mjs' },
        { name: 'd', type: 'command', command: ['x'], cwd: 'nowhere' },
      ],
    });
    expect(problems(text)).toEqual([
      'targets[1].name: duplicates the target name "ok"',
      `targets[1].module: no such file: ${path.join(dir, 'missing.mjs')}`,
      `targets[2].cwd: no such directory: ${path.join(dir, 'nowhere')}`,
    ]);
  });

  it('reports an empty file, a YAML syntax error and a missing file with the path', () => {
    expect(problems('')).toEqual(['targets: is required']);
    expect(problems('targets: []')).toEqual(['targets: must declare at least one target']);
    expect(() => parseTargetsText('targets: [\n  {name: a', file)).toThrow(new RegExp(`^invalid targets file ${file}: line \\d+, column \\d+`));
    expect(() => parseTargetsText('targets: []\n---\ntargets: []\n', file)).toThrow(
      `invalid targets file ${file}: line 2, column 1: a second YAML document starts here; a targets file is one document: remove this "---" and what follows, or move it to a file of its own`,
    );
    expect(() => loadTargetsFile(path.join(dir, 'none.yaml'))).toThrow(`targets file not found: ${path.join(dir, 'none.yaml')}`);
  });
});
