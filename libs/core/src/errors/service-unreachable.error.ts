import { redactUrl } from '../url/redact-url';

/** A service a process needs at start. */
export type RequiredService = 'PostgreSQL' | 'Redis';

/**
 * A process could not use a service it needs at start. The message is the
 * one line a user sees: which service, where (password hidden), and why.
 */
export class ServiceUnreachableError extends Error {
  constructor(
    readonly service: RequiredService,
    url: string,
    /** The network's or the server's reason. */
    readonly reason: string,
  ) {
    super(`cannot reach ${service} at ${redactUrl(url)}: ${reason}`);
    this.name = 'ServiceUnreachableError';
  }
}
