import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

describe('JSON through `npm run`', () => {
  it('`npm run -s attune -- … --json` prints nothing but the JSON (npm prints its banner on stdout without -s)', async () => {
    const args = ['run', '-s', 'attune', '--', 'optimize', '--objective', 'examples/objectives/branin.mjs', '--trials', '3', '--json'];
    const { stdout } = await run('npm', args, { cwd: root });
    expect(JSON.parse(stdout).trials).toHaveLength(3);
  });

  it('the docs tell to use `npm run -s` wherever they pipe or capture --json from the npm script', () => {
    for (const doc of ['README.md', 'docs/cli.md']) {
      const text = readFileSync(path.join(root, doc), 'utf8');
      expect(text, doc).toContain('npm run -s attune --');
      const unsafe = text.split('\n').filter((line) => /npm run attune -- .*--json/.test(line));
      expect(unsafe, doc).toEqual([]);
    }
  });
});
