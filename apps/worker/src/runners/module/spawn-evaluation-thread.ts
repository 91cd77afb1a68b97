import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ThreadData } from './thread-protocol';

/**
 * Starts a thread running module-evaluation.thread. From compiled JS that is
 * the .js file next to this one; from TypeScript sources (tests) the entry is
 * compiled on the fly by jiti, with the @attune path aliases it needs.
 */
export function spawnEvaluationThread(data: ThreadData): Worker {
  if (!__filename.endsWith('.ts')) return new Worker(path.join(__dirname, 'module-evaluation.thread.js'), { workerData: data });
  const entry = path.join(__dirname, 'module-evaluation.thread.ts');
  const libs = path.resolve(__dirname, '..', '..', '..', '..', '..', 'libs');
  const alias = { '@attune/targets': path.join(libs, 'targets', 'src'), '@attune/core': path.join(libs, 'core', 'src') };
  const jiti = createRequire(__filename).resolve('jiti');
  const code = `require(${JSON.stringify(jiti)}).createJiti(${JSON.stringify(entry)}, { alias: ${JSON.stringify(alias)} })(${JSON.stringify(entry)});`;
  return new Worker(code, { eval: true, workerData: data });
}
