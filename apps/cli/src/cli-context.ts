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
  /** Calls the listener on Ctrl-C and returns how to stop listening (tests interrupt by hand). @default SIGINT of this process */
  readonly onInterrupt?: (listener: () => void) => () => void;
}

/** An AbortSignal that Ctrl-C aborts, for commands that follow a study; `dispose` stops listening. */
export function interruptSignal(ctx: CliContext): { signal: AbortSignal; dispose: () => void } {
  const abort = new AbortController();
  const listen = ctx.onInterrupt ?? onSigint;
  const dispose = listen(() => abort.abort());
  return { signal: abort.signal, dispose };
}

function onSigint(listener: () => void): () => void {
  process.once('SIGINT', listener);
  return () => void process.removeListener('SIGINT', listener);
}

/** The options of every command that talks to a coordinator (see `connectionOptions`). */
export interface ConnectionOptions {
  readonly url?: string;
  readonly token?: string;
}

/** The client for `--url` and `--token`, or for ATTUNE_URL / ATTUNE_TOKEN / the default when they are not given. */
export function clientFor(ctx: CliContext, options: ConnectionOptions): CoordinatorClient {
  const config = parseCliConfig(ctx.env);
  const base = options.url ? options.url.replace(/\/+$/, '') : config.coordinatorUrl;
  return new CoordinatorClient(base, { fetch: ctx.fetch, token: options.token ?? config.token });
}
