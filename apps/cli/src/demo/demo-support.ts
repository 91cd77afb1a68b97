import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from '../cli-error';

/** The repository (or installed package) root: the first ancestor holding bin/attune.js. */
export function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'bin', 'attune.js')) && existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new CliError(`cannot find the attune package root above ${from}`);
  }
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `<url>/health` until it answers 200; gives up after `timeoutMs` or when `signal` aborts. */
export async function waitForHealthy(url: string, signal: AbortSignal, timeoutMs = 90_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!signal.aborted) {
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new CliError(`the coordinator at ${url} did not become healthy within ${timeoutMs / 1000} s`);
    await sleep(250, undefined, { signal }).catch(() => undefined);
  }
  return false;
}

/** The last lines of a log file, indented, for a failure message. */
export function tailOf(file: string, lines = 15): string[] {
  try {
    const all = readFileSync(file, 'utf8').trimEnd().split('\n');
    return all.slice(-lines).map((l) => `| ${l}`);
  } catch {
    return [];
  }
}
