import { z } from 'zod';

/** The coordinator the CLI talks to when `--url` is not given. */
export const DEFAULT_COORDINATOR_URL = 'http://127.0.0.1:3000';

const cliConfigSchema = z.object({
  /** Base URL of the coordinator's REST API. @default "http://127.0.0.1:3000" */
  ATTUNE_URL: z
    .url({ protocol: /^https?$/, error: 'ATTUNE_URL: must be an http(s) URL' })
    .default(DEFAULT_COORDINATOR_URL),
  /** The API token sent as `Authorization: Bearer …` when `--token` is not given. @default none (a coordinator running open) */
  ATTUNE_TOKEN: z.string().regex(/^\S+$/, 'ATTUNE_TOKEN: must be a token, without spaces').optional(),
});

/** What the CLI itself takes from the environment (the apps parse their own). */
export interface CliConfig {
  readonly coordinatorUrl: string;
  readonly token?: string;
}

/** Parses the CLI's environment once; an invalid value is a clear error. */
export function parseCliConfig(env: NodeJS.ProcessEnv): CliConfig {
  const parsed = cliConfigSchema.safeParse({ ATTUNE_URL: env.ATTUNE_URL || undefined, ATTUNE_TOKEN: env.ATTUNE_TOKEN?.trim() || undefined });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  return { coordinatorUrl: parsed.data.ATTUNE_URL.replace(/\/+$/, ''), ...(parsed.data.ATTUNE_TOKEN !== undefined && { token: parsed.data.ATTUNE_TOKEN }) };
}
