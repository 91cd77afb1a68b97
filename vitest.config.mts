import path from 'node:path';
import swc from 'unplugin-swc';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  // SWC keeps decorator metadata, which Nest's dependency injection needs; esbuild drops it.
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: [
      { find: /^@attune\/(core|strategies|persistence|queue|telemetry|targets)\/(.*)$/, replacement: `${path.resolve(import.meta.dirname, 'libs')}/$1/src/$2` },
    ],
  },
  test: {
    include: ['libs/**/*.spec.ts', 'apps/**/*.spec.ts', 'test/**/*.spec.ts', 'examples/**/*.spec.ts'],
    // The lint fixtures are trees for dependency-cruiser to read, not tests to run.
    exclude: [...configDefaults.exclude, 'test/lint/fixtures/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 120_000,
    // End-to-end files start their own processes; run files one at a time on 2 cores.
    fileParallelism: false,
    reporters: ['default', './test/support/summary-reporter.mts'],
  },
});
