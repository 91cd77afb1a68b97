import { parseCliConfig } from './cli-config';
import type { CliIo } from './cli-io';
import { CoordinatorClient, type FetchLike } from './client/coordinator-client';

/** What every command gets: its I/O, the environment it was started with, and its exit code. */
export interface CliContext {
  readonly io: CliIo;
  readonly env: NodeJS.ProcessEnv;
  /** Replaces global fetch (tests). */
  readonly fetch?: FetchLike;
  /** Set by a command that ends without throwing but must not exit 0 (a study that FAILED). */
  exitCode: number;
}

/** The client for `--url`, or for ATTUNE_URL / the default when it is not given. */
export function clientFor(ctx: CliContext, url: string | undefined): CoordinatorClient {
  const base = url ? url.replace(/\/+$/, '') : parseCliConfig(ctx.env).coordinatorUrl;
  return new CoordinatorClient(base, ctx.fetch);
}
