import { ALL_PROJECTS } from '@attune/core/auth/roles';
import { AttuneError } from '@attune/core/errors/attune-error';
import type { ApiTokenRecord } from '@attune/persistence/records/auth.record';
import { ApiTokenRepository } from '@attune/persistence/repositories/api-token.repository';
import { Injectable } from '@nestjs/common';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { AuthMode } from './auth-mode.service';
import { credentialsOf, type Credentials } from './credentials';
import { FailedAuthentications } from './failed-authentications';
import { ProjectDirectory } from './project-directory.service';
import { OPEN_PRINCIPAL, type Principal } from './principal';

/** A principal with what the per-request checks need. */
export interface AuthenticatedPrincipal extends Principal {
  /** The CSRF cookie of a cookie-authenticated request. */
  readonly csrf?: string;
  /** The project's requests per minute per token, when it has that limit. */
  readonly requestsPerMinute?: number;
}

/** Who a request comes from: its bearer token or session cookie, checked against the stored tokens. */
@Injectable()
export class Authenticator {
  constructor(
    private readonly mode: AuthMode,
    private readonly tokens: ApiTokenRepository,
    private readonly failures: FailedAuthentications,
    private readonly projects: ProjectDirectory,
  ) {}

  /** principalOf a request, with the headers its refusal needs: WWW-Authenticate on a 401, Retry-After on a 429. */
  async principalOfRequest(req: IncomingMessage & { ip?: string }, res: ServerResponse): Promise<AuthenticatedPrincipal> {
    try {
      return await this.principalOf(req.headers, clientAddressOf(req));
    } catch (e) {
      if (e instanceof AttuneError && e.code === 'UNAUTHENTICATED') res.setHeader('WWW-Authenticate', 'Bearer realm="attune"');
      if (e instanceof AttuneError && e.code === 'LIMIT_EXCEEDED') res.setHeader('Retry-After', '60');
      throw e;
    }
  }

  /** The caller; UNAUTHENTICATED (or LIMIT_EXCEEDED, for an address that guessed too often) when authentication is on and it has no valid token. */
  async principalOf(headers: IncomingHttpHeaders, address: string): Promise<AuthenticatedPrincipal> {
    if (!(await this.mode.isOn())) return OPEN_PRINCIPAL;
    const credentials = credentialsOf(headers);
    if (credentials.via === 'none') throw unauthenticated('this coordinator requires an API token: send `Authorization: Bearer <token>` (CLI: ATTUNE_TOKEN or --token)');
    this.failures.assertAllowed(address);
    if (credentials.via === 'malformed') return this.refuse(address, credentials.reason);
    return this.principalFor(credentials, await this.verify(credentials.token, address));
  }

  /** The token whose text this is, when it is usable now; counts a failure against `address` otherwise. */
  async verify(text: string, address: string): Promise<ApiTokenRecord> {
    this.failures.assertAllowed(address);
    const token = await this.tokens.findByText(text);
    const now = new Date();
    if (!token) return this.refuse(address, 'unknown API token');
    if (token.revokedAt) return this.refuse(address, `API token ${token.prefix}… was revoked`);
    if (token.expiresAt && token.expiresAt <= now) return this.refuse(address, `API token ${token.prefix}… expired at ${token.expiresAt.toISOString()}`);
    await this.tokens.touch(token, now);
    return token;
  }

  private async principalFor(credentials: Extract<Credentials, { token: string }>, token: ApiTokenRecord): Promise<AuthenticatedPrincipal> {
    const limits = token.project === ALL_PROJECTS ? {} : await this.projects.limitsOf(token.project);
    return {
      role: token.role,
      project: token.project,
      token,
      via: credentials.via,
      ...(credentials.via === 'cookie' && credentials.csrf !== undefined && { csrf: credentials.csrf }),
      ...(limits.requestsPerMinute !== undefined && { requestsPerMinute: limits.requestsPerMinute }),
    };
  }

  private async refuse(address: string, reason: string): Promise<never> {
    await this.failures.record(address);
    throw unauthenticated(reason);
  }
}

/** Where a request comes from, as the failure count knows it: Express's `req.ip` (the socket's peer; no proxy header is trusted). */
export function clientAddressOf(req: IncomingMessage & { ip?: string }): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

function unauthenticated(message: string): AttuneError {
  return new AttuneError('UNAUTHENTICATED', message);
}
