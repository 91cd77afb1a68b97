import { z } from 'zod';

/** The coordinator the CLI talks to when `--url` is not given. */
export const DEFAULT_COORDINATOR_URL = 'http://127.0.0.1:3000';

const cliConfigSchema = z.object({
  /** Base URL of the coordinator's REST API. @default "http://127.0.0.1:3000" */
  ATTUNE_URL: z
    .url({ protocol: /^https?$/, error: 'ATTUNE_URL: must be an http(s) URL' })
    .default(DEFAULT_COORDINATOR_URL),
});

/** What the CLI itself takes from the environment (the apps parse their own). */
export interface CliConfig {
  readonly coordinatorUrl: string;
}

/** Parses the CLI's environment once; an invalid value is a clear error. */
export function parseCliConfig(env: NodeJS.ProcessEnv): CliConfig {
  const parsed = cliConfigSchema.safeParse({ ATTUNE_URL: env.ATTUNE_URL || undefined });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  return { coordinatorUrl: parsed.data.ATTUNE_URL.replace(/\/+$/, '') };
}
