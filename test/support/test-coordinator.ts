import { createIsolatedEnv, type IsolatedEnv, type IsolatedEnvOptions } from './isolated-env';
import { HttpClient } from './http-client';
import { startCoordinator, type RunningCoordinator } from '../../apps/coordinator/src/main';

/** A coordinator started in this process on its own schema and queue prefix. */
export interface TestCoordinator {
  readonly iso: IsolatedEnv;
  readonly http: HttpClient;
  running?: RunningCoordinator;
  /** Starts (or starts again, on the same schema and prefix). */
  start(): Promise<void>;
  /** Stops the coordinator, keeping its data. */
  stop(): Promise<void>;
  /** Stops it and drops its schema and Redis keys. */
  destroy(): Promise<void>;
}

export function testCoordinator(extraEnv: Record<string, string> = {}, isolation: IsolatedEnvOptions = {}): TestCoordinator {
  const iso = createIsolatedEnv(isolation);
  const env = { ...iso.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ATTUNE_SWEEP_MS: '200', ...extraEnv };
  const tc: TestCoordinator = {
    iso,
    http: new HttpClient(''),
    async start() {
      tc.running = await startCoordinator({ env });
      (tc as { http: HttpClient }).http = new HttpClient(tc.running.url);
    },
    async stop() {
      await tc.running?.close();
      tc.running = undefined;
    },
    async destroy() {
      await tc.stop();
      await iso.cleanup();
    },
  };
  return tc;
}

/** A valid study spec (JSON body) on one float and one categorical parameter, random strategy. */
export function studySpec(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'coordinator-test',
    target: 'quadratic',
    parameters: [
      { name: 'x', type: 'float', min: -5, max: 5 },
      { name: 'mode', type: 'categorical', values: ['a', 'b'] },
    ],
    objective: { direction: 'minimize' },
    strategy: { name: 'random', seed: 7 },
    budget: { maxTrials: 12, parallelism: 3 },
    ...overrides,
  };
}
