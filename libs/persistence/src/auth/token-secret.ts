import { createHash, randomBytes } from 'node:crypto';

/** What every token starts with, so that one pasted in the wrong place is recognised (and secret scanners can find it). */
export const TOKEN_PREFIX = 'attn_';

/** Characters of a token shown in listings: the prefix and a few of the secret, too few to guess the rest. */
const SHOWN_CHARACTERS = TOKEN_PREFIX.length + 6;

/** A new token's text: 32 random bytes, base64url. */
export function newTokenText(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * What is stored of a token: its SHA-256. The secret has 256 bits of entropy,
 * so a fast hash is enough (no salt or key stretching needed, unlike a
 * password), and a lookup by hash is an index scan.
 */
export function tokenHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The part of a token shown in listings. */
export function tokenShownPrefix(text: string): string {
  return text.slice(0, SHOWN_CHARACTERS);
}
