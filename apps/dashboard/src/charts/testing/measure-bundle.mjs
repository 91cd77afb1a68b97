// The charts' weight in the bundle: every chart built as one library, Preact left out
// (the app carries it anyway), minified, then gzipped.
//   node apps/dashboard/src/charts/testing/measure-bundle.mjs
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const here = import.meta.dirname;
const outDir = '/tmp/attune-charts-bundle';
await build({
  configFile: path.resolve(here, '../../../vite.config.mts'),
  logLevel: 'error',
  build: {
    outDir,
    emptyOutDir: true,
    lib: { entry: path.resolve(here, 'all-charts.ts'), formats: ['es'], fileName: 'charts' },
    // Lib mode keeps the whitespace of an ES build; minify all of it, as the app's build does.
    rollupOptions: { external: [/^preact/], output: { minify: true } },
  },
});
for (const file of readdirSync(outDir)) {
  const code = readFileSync(path.join(outDir, file));
  console.log(`${file}: ${(code.length / 1024).toFixed(1)} KB minified, ${(gzipSync(code, { level: 9 }).length / 1024).toFixed(1)} KB gzipped`);
}
rmSync(outDir, { recursive: true });
