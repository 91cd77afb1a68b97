import type { TokenJson } from '@attune/core/api/auth.schema';

/** A token's state as `token list` prints it. */
export function tokenState(token: TokenJson, now: Date): 'revoked' | 'expired' | 'active' {
  if (token.revokedAt !== undefined) return 'revoked';
  if (token.expiresAt !== undefined && Date.parse(token.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

/** The rows of `token list`: ID, NAME, PROJECT, ROLE, PREFIX, STATE, CREATED, EXPIRES, LAST USED. */
export function tokenLines(tokens: readonly TokenJson[], now: Date): string[][] {
  return tokens.map((t) => [t.id, t.name ?? '-', t.project, t.role, `${t.prefix}…`, tokenState(t, now), shortTime(t.createdAt), t.expiresAt ? shortTime(t.expiresAt) : 'never', t.lastUsedAt ? shortTime(t.lastUsedAt) : '-']);
}

/** `2026-12-04 19:02:18` (UTC) from an ISO time. */
export function shortTime(iso: string): string {
  return iso.replace('T', ' ').slice(0, 19);
}
