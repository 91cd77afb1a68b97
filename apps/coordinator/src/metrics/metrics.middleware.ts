import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { telemetry } from '@attune/telemetry/start-telemetry';

/**
 * GET /metrics: the process's metrics in the Prometheus text format, from
 * the telemetry started before Nest. A middleware rather than a controller:
 * no Nest handler span for a scrape (the HTTP instrumentation skips the path
 * too), and nothing in the API docs. A failed collection still answers 200,
 * with a comment saying why (the exporter's behaviour), never a 500.
 */
@Injectable()
export class MetricsMiddleware implements NestMiddleware {
  private readonly handler = telemetry('attune-coordinator').metricsHandler;

  use(req: IncomingMessage, res: ServerResponse): void {
    this.handler(req, res);
  }
}
