import { ApiTokenRepository } from '@attune/persistence/repositories/api-token.repository';
import { Inject, Injectable } from '@nestjs/common';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { isLoopback } from '../listening-lines';

/** How often an open coordinator (auto mode, loopback, no token yet) looks for a token made elsewhere (`attune admin bootstrap`, another coordinator). */
const RECHECK_MS = 2000;

/**
 * Whether the API asks for a token. ATTUNE_AUTH=on or off decides alone;
 * `auto` is on when HOST is not loopback, and on loopback once any token
 * exists. Once on, it stays on for the life of the process: tokens are
 * revoked, never deleted, so "some token exists" never becomes false again.
 */
@Injectable()
export class AuthMode {
  private on: boolean;
  private checkedAt = 0;
  private checking?: Promise<boolean>;

  constructor(
    @Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig,
    private readonly tokens: ApiTokenRepository,
  ) {
    this.on = config.auth.mode === 'on' || (config.auth.mode === 'auto' && !isLoopback(config.host));
  }

  /** What the coordinator says once, at start, of who may call the API. */
  async startupLines(): Promise<string[]> {
    if (this.config.auth.mode === 'off') {
      if (isLoopback(this.config.host)) return ['warning: ATTUNE_AUTH=off: the API has no authentication'];
      return [
        `warning: ATTUNE_AUTH=off and ${this.config.host} is not a loopback address: the API has no authentication, anyone who can reach it can create and stop studies ` +
          '(unset ATTUNE_AUTH, or set HOST=127.0.0.1, or restrict access with a firewall or network policy)',
      ];
    }
    if (!(await this.isOn())) return ['authentication is off: listening on loopback and no API token exists (`attune admin bootstrap` creates the first; from then on every request needs one)'];
    if (await this.tokens.usableRootAdminExists(new Date())) return ['authentication is on: every request needs an API token'];
    return ['authentication is on, and no usable admin token of every project exists: create one with `attune admin bootstrap`'];
  }

  async isOn(): Promise<boolean> {
    if (this.on || this.config.auth.mode === 'off') return this.on;
    if (Date.now() - this.checkedAt < RECHECK_MS) return false;
    this.checking ??= this.tokens.anyExists().finally(() => {
      this.checkedAt = Date.now();
      this.checking = undefined;
    });
    this.on = await this.checking;
    return this.on;
  }

  /** A token was just made here: from now on every request needs one. */
  tokenCreated(): void {
    if (this.config.auth.mode === 'auto') this.on = true;
  }
}
