import path from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

/**
 * The dashboard's static bundle, built by `npm run build` into dist/dashboard
 * and served by the coordinator at `/`. Relative asset URLs, no CDN: it works
 * offline and behind any path prefix.
 */
export default defineConfig({
  root,
  base: './',
  logLevel: 'warn',
  resolve: {
    alias: [{ find: /^@attune\/core\/(.*)$/, replacement: `${path.resolve(root, '../../libs/core/src')}/$1` }],
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: path.resolve(root, '../../dist/dashboard'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
});
