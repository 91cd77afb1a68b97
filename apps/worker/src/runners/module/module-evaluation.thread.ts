import { parentPort, workerData } from 'node:worker_threads';
import { loadObjective, type LoadedObjective } from '@attune/targets/load-objective';
import type { ThreadData, ThreadReply, ThreadRequest } from './thread-protocol';

/**
 * Body of an evaluation thread: loads the objective once, then evaluates the
 * params it is sent, one at a time. A hang or a crash here ends only this
 * thread; the worker terminates it and starts another.
 */
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('module-evaluation.thread must run in a worker thread');
  const { file, exportName } = workerData as ThreadData;
  let objective: LoadedObjective;
  try {
    objective = await loadObjective(file, exportName);
  } catch (e) {
    port.postMessage({ type: 'load-error', message: (e as Error).message } satisfies ThreadReply);
    return;
  }
  port.postMessage({ type: 'ready' } satisfies ThreadReply);
  port.on('message', (request: ThreadRequest) => void evaluate(objective, request, port));
}

async function evaluate(objective: LoadedObjective, { id, params }: ThreadRequest, port: NonNullable<typeof parentPort>): Promise<void> {
  try {
    const value = await objective.evaluate(params);
    // Throws DataCloneError for a value that cannot cross threads (a function, say): reported below.
    port.postMessage({ type: 'result', id, ok: true, value } satisfies ThreadReply);
  } catch (e) {
    port.postMessage({ type: 'result', id, ok: false, error: describe(e) } satisfies ThreadReply);
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `a non-error value was thrown: ${String(e)}`;
}

void main();
