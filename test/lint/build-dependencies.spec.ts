import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** What `attune`, the TypeORM CLI and the Dockerfile load from dist/. */
const ENTRY_POINTS = [
  'dist/apps/cli/src/main.js',
  'dist/apps/coordinator/src/main.js',
  'dist/apps/worker/src/main.js',
  'dist/libs/persistence/src/data-source.js',
];

function distFiles(): string[] {
  if (!existsSync(DIST)) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  return readdirSync(DIST, { recursive: true, encoding: 'utf8' }).map((f) => path.join('dist', f));
}

/** The package a bare specifier names: `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function bareRequires(file: string): string[] {
  const source = readFileSync(path.join(ROOT, file), 'utf8');
  const specifiers = [...source.matchAll(/\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  return specifiers.filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:'));
}

describe('the build (dist/, from `npm run build`)', () => {
  it('holds no specs, test support, testing helpers or fixtures', () => {
    const testOnly = distFiles().filter((f) => /\.spec\.js$|(^|\/)(test|test-support|testing|fixtures)\//.test(f.slice('dist/'.length)));
    expect(testOnly).toEqual([]);
  });

  it('requires only Node built-ins and packages declared in `dependencies`', () => {
    const runtime = new Set([...Object.keys(manifest.dependencies), ...builtinModules]);
    const strays = distFiles()
      .filter((f) => f.endsWith('.js'))
      .flatMap((f) => bareRequires(f).filter((s) => !runtime.has(packageOf(s))).map((s) => `${f} requires ${s}`));
    expect(strays).toEqual([]);
  });

  it('loads its entry points with every devDependency refused', () => {
    // A resolver that throws for devDependencies stands in for `npm install --omit=dev`.
    const script = `
      const Module = require('node:module');
      const dev = new Set(${JSON.stringify(Object.keys(manifest.devDependencies))});
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        const parts = request.split('/');
        const name = request.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
        if (dev.has(name)) throw new Error('the build requires the devDependency ' + request);
        return resolve.call(this, request, ...rest);
      };
      for (const entry of ${JSON.stringify(ENTRY_POINTS)}) require(require('node:path').resolve(entry));
      process.stdout.write('loaded');
    `;
    distFiles();
    const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    expect(out).toBe('loaded');
  });
});
