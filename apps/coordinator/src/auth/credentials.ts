import { parse } from 'cookie';
import type { IncomingHttpHeaders } from 'node:http';

/** The HTTP-only cookie holding the dashboard's token. */
export const SESSION_COOKIE = 'attune_session';
/** The cookie the dashboard's script reads and echoes in CSRF_HEADER (double-submit). */
export const CSRF_COOKIE = 'attune_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** A request's token and how it came; a bearer header wins over the cookie. */
export type Credentials = { readonly via: 'bearer' | 'cookie'; readonly token: string; readonly csrf?: string } | { readonly via: 'none' } | { readonly via: 'malformed'; readonly reason: string };

export function credentialsOf(headers: IncomingHttpHeaders): Credentials {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    return match ? { via: 'bearer', token: match[1] } : { via: 'malformed', reason: 'the Authorization header must be "Bearer <token>"' };
  }
  const cookies = headers.cookie === undefined ? {} : parse(headers.cookie);
  const token = cookies[SESSION_COOKIE];
  if (!token) return { via: 'none' };
  return { via: 'cookie', token, ...(cookies[CSRF_COOKIE] !== undefined && { csrf: cookies[CSRF_COOKIE] }) };
}

/** Whether a cookie-authenticated request proves it comes from the dashboard's own page: the CSRF header equals the CSRF cookie. */
export function csrfHolds(headers: IncomingHttpHeaders, cookieValue: string | undefined): boolean {
  const header = headers[CSRF_HEADER];
  return typeof header === 'string' && cookieValue !== undefined && cookieValue.length >= 16 && header === cookieValue;
}
