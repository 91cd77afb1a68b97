import { BadRequestException, ForbiddenException, Inject, Injectable, UnsupportedMediaTypeException, type NestMiddleware } from '@nestjs/common';
import { json } from 'body-parser';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { bodyParserError } from './body-parser-error';
import { changesState, hasBody, refusalOf } from './request-policy';

type Next = (error?: unknown) => void;

/**
 * Every state-changing request passes here, before any route: it is refused
 * when it comes from a foreign browser origin (403) or carries anything but
 * JSON (415); then its body is read, at most ATTUNE_MAX_BODY_BYTES (413), and
 * must be a well-formed JSON object (400). It is the only body parser (Nest's
 * own is off), so no form or text body is ever read.
 */
@Injectable()
export class RequestPolicyMiddleware implements NestMiddleware {
  private readonly parseJson: (req: IncomingMessage, res: ServerResponse, next: Next) => void;

  constructor(@Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig) {
    // Not strict: `null` or `3` parse, so that the check below can name what was sent.
    this.parseJson = json({ limit: config.http.maxBodyBytes, strict: false });
  }

  use(req: IncomingMessage & { body?: unknown }, res: ServerResponse, next: Next): void {
    if (!changesState(req.method)) return next();
    const refusal = refusalOf(req.headers, this.config.http.allowedOrigins);
    if (refusal) return next(refusal.status === 403 ? new ForbiddenException(refusal.message) : new UnsupportedMediaTypeException(refusal.message));
    if (!hasBody(req.headers)) return next();
    this.parseJson(req, res, (error) => {
      if (error) return next(bodyParserError(error, this.config.http.maxBodyBytes));
      if (!isObject(req.body)) return next(new BadRequestException(`the request body must be a JSON object, got ${describe(req.body)}`));
      next();
    });
  }
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
