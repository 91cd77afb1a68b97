import { ALL_PROJECTS } from '@attune/core/auth/roles';
import { AttuneError } from '@attune/core/errors/attune-error';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { telemetry } from '@attune/telemetry/start-telemetry';
import { Authenticator } from '../auth/authenticator.service';

/**
 * GET /metrics: the process's metrics in the Prometheus text format, from
 * the telemetry started before Nest. A middleware rather than a controller:
 * no Nest handler span for a scrape (the HTTP instrumentation skips the path
 * too), and nothing in the API docs. A failed collection still answers 200,
 * with a comment saying why (the exporter's behaviour), never a 500. With
 * authentication on, the scraper needs a token of every project (the
 * metrics name every study): Prometheus's `authorization` setting sends it.
 */
@Injectable()
export class MetricsMiddleware implements NestMiddleware {
  private readonly handler = telemetry('attune-coordinator').metricsHandler;

  constructor(private readonly authenticator: Authenticator) {}

  use(req: IncomingMessage & { ip?: string }, res: ServerResponse, next: (error?: unknown) => void): void {
    this.authenticator.principalOfRequest(req, res).then((principal) => {
      if (principal.project !== ALL_PROJECTS) return next(new AttuneError('FORBIDDEN', `GET /metrics needs a token of every project ("${ALL_PROJECTS}"); the token is of project ${principal.project}`));
      this.handler(req, res);
    }, next);
  }
}
