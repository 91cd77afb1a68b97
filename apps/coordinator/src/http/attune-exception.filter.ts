import { AttuneError } from '@attune/core/errors/attune-error';
import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { httpStatusOf } from './http-status-of';

/** The error body of every failed request: `{statusCode, error: CODE, message, issues?}`. */
export interface ErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly issues?: readonly { path: string; message: string }[];
}

/**
 * The coordinator's only exception filter. Coded errors map through
 * `httpStatusOf`; Nest's own HTTP errors (unknown route, malformed JSON) keep
 * their status with a code-style `error`; anything else is a 500 and is logged.
 */
@Catch()
export class AttuneExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(AttuneExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    const [status, body] = this.toBody(exception);
    res.status(status).json(body);
  }

  private toBody(exception: unknown): [number, ErrorBody | object] {
    if (exception instanceof AttuneError) {
      const status = httpStatusOf(exception.code);
      const issues = exception.issues.length > 0 ? { issues: exception.issues } : {};
      return [status, { statusCode: status, error: exception.code, message: exception.message, ...issues }];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      // Terminus answers /health with its own report; keep it as it is.
      if (typeof response === 'object' && response !== null && 'status' in response && 'info' in response) return [status, response];
      return [status, { statusCode: status, error: codeOf(status), message: messageOf(response, exception.message) }];
    }
    this.logger.error((exception as Error)?.stack ?? String(exception));
    const status = HttpStatus.INTERNAL_SERVER_ERROR;
    return [status, { statusCode: status, error: 'INTERNAL', message: 'internal error; see the coordinator log' }];
  }
}

function codeOf(status: number): string {
  return (HttpStatus[status] as string | undefined) ?? 'ERROR';
}

function messageOf(response: string | object, fallback: string): string {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : fallback;
}
