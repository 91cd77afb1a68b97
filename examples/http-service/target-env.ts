import { z } from 'zod';
import { serviceConfigSchema, type ServiceConfig } from './service-config';

const seconds = (fallback: number) => z.coerce.number().positive().max(600).default(fallback);

/** The load's shape, from ATTUNE_DEMO_* variables (CI sets short ones). */
const loadEnvSchema = z.object({
  /** Seconds of load whose latency, throughput and resources are reported. @default 2 */
  ATTUNE_DEMO_LOAD_SEC: seconds(2),
  /** Seconds of load first, not reported: fills the caches, warms the JIT. @default 1 */
  ATTUNE_DEMO_WARMUP_SEC: z.coerce.number().min(0).max(600).default(1),
  /** Concurrent client connections. @default 16 */
  ATTUNE_DEMO_CONNECTIONS: z.coerce.number().int().min(1).max(1000).default(16),
  /** Seed of the key stream: every configuration sees the same requests. @default 1 */
  ATTUNE_DEMO_SEED: z.coerce.number().int().default(1),
});

export interface TargetEnv {
  readonly config: ServiceConfig;
  readonly loadSec: number;
  readonly warmupSec: number;
  readonly connections: number;
  readonly seed: number;
}

/**
 * The target's whole input, parsed once: the service configuration from
 * ATTUNE_PARAM_<KNOB> (the knob's name upper-cased, as a command target gets
 * its parameters; a knob the study does not tune keeps its default) and the
 * load's shape. Every problem is listed.
 */
export function parseTargetEnv(env: Readonly<Record<string, string | undefined>>): TargetEnv {
  const knobs = Object.fromEntries(
    Object.keys(serviceConfigSchema.shape).flatMap((knob) => {
      const raw = env[`ATTUNE_PARAM_${knob.toUpperCase()}`];
      return raw === undefined || raw === '' ? [] : [[knob, raw]];
    }),
  );
  const config = serviceConfigSchema.safeParse(knobs);
  const load = loadEnvSchema.safeParse(Object.fromEntries(Object.keys(loadEnvSchema.shape).map((name) => [name, env[name] || undefined])));
  const problems = [...(config.error?.issues ?? []).map((i) => `ATTUNE_PARAM_${String(i.path[0] ?? '').toUpperCase()}: ${i.message}`), ...(load.error?.issues ?? []).map((i) => `${String(i.path[0])}: ${i.message}`)];
  if (!config.success || !load.success) throw new Error(problems.join('; '));
  const l = load.data;
  return { config: config.data, loadSec: l.ATTUNE_DEMO_LOAD_SEC, warmupSec: l.ATTUNE_DEMO_WARMUP_SEC, connections: l.ATTUNE_DEMO_CONNECTIONS, seed: l.ATTUNE_DEMO_SEED };
}
