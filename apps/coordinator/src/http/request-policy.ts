import type { IncomingHttpHeaders } from 'node:http';
import { originOf } from './allowed-origins';

/** A request the API refuses before reading its body. */
export interface Refusal {
  readonly status: 403 | 415;
  readonly message: string;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether a method changes state: the requests RequestPolicyMiddleware checks and whose body it parses. */
export function changesState(method: string | undefined): boolean {
  return STATE_CHANGING.has((method ?? '').toUpperCase());
}

/**
 * Why a state-changing request is refused, or undefined. A browser page on
 * another site can send a form POST (any of the "simple" content types) with
 * no CORS preflight, and always says where it comes from in `Origin`; so a
 * request is refused when its Origin is present and is neither the
 * coordinator's own (the origin of the Host it was sent to) nor allowed, and
 * when it carries anything but a JSON body. Without an Origin (the CLI, curl,
 * scripts) only the body rule applies; a request without a body needs no
 * Content-Type, but one that names a type must name JSON.
 */
export function refusalOf(headers: IncomingHttpHeaders, allowedOrigins: readonly string[]): Refusal | undefined {
  const origin = headers.origin;
  if (origin !== undefined && !originAllowed(origin, headers.host, allowedOrigins)) {
    return {
      status: 403,
      message: `cross-origin request refused: Origin ${JSON.stringify(origin)} is neither this coordinator's own nor listed in ATTUNE_ALLOWED_ORIGINS`,
    };
  }
  const type = headers['content-type'];
  if (type === undefined) {
    return hasBody(headers) ? { status: 415, message: 'a request body must be sent with Content-Type: application/json' } : undefined;
  }
  if (mediaTypeOf(type) !== 'application/json') return { status: 415, message: `Content-Type must be application/json, got ${JSON.stringify(type)}` };
  return undefined;
}

/** Whether the request has a body (a length above 0, or a chunked one), as Node's parser saw it. */
export function hasBody(headers: IncomingHttpHeaders): boolean {
  return headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');
}

function originAllowed(origin: string, host: string | undefined, allowedOrigins: readonly string[]): boolean {
  const sent = originOf(origin);
  if (sent === undefined) return false; // "null" (a sandboxed frame, a file:// page) or garbage
  if (allowedOrigins.includes(sent)) return true;
  // Plain HTTP here, but a TLS proxy in front makes the page's origin https://<host>.
  return host !== undefined && (sent === originOf(`http://${host}`) || sent === originOf(`https://${host}`));
}

function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}
