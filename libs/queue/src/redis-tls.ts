import { readFileSync } from 'node:fs';
import { ValidationError, type ValidationIssue } from '@attune/core/errors/attune-error';

/** What a rediss:// connection verifies the server with, and presents itself (PEM), beyond the system's CAs. */
export interface RedisTls {
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

/** The variables of queueEnvSchema that redisTlsOf reads. */
export interface RedisTlsEnv {
  readonly REDIS_URL: string;
  readonly REDIS_TLS_CA_FILE?: string;
  readonly REDIS_TLS_CERT_FILE?: string;
  readonly REDIS_TLS_KEY_FILE?: string;
}

const FILES = ['REDIS_TLS_CA_FILE', 'REDIS_TLS_CERT_FILE', 'REDIS_TLS_KEY_FILE'] as const;

/**
 * The TLS files of a Redis connection, read once at start: undefined when none
 * is set. Each problem names its variable: a file that cannot be read, TLS
 * files with a plain redis:// URL (they would be ignored: the connection would
 * silently not be encrypted), a certificate without its key or the reverse.
 */
export function redisTlsOf(env: RedisTlsEnv, read: (file: string) => Buffer = readFileSync): RedisTls | undefined {
  const set = FILES.filter((name) => env[name] !== undefined);
  if (set.length === 0) return undefined;
  const issues: ValidationIssue[] = [];
  if (!env.REDIS_URL.startsWith('rediss:')) issues.push(...set.map((path) => ({ path, message: 'needs a rediss:// REDIS_URL (TLS); with redis:// it would be ignored' })));
  if ((env.REDIS_TLS_CERT_FILE === undefined) !== (env.REDIS_TLS_KEY_FILE === undefined))
    issues.push({ path: env.REDIS_TLS_CERT_FILE === undefined ? 'REDIS_TLS_CERT_FILE' : 'REDIS_TLS_KEY_FILE', message: 'a client certificate needs both REDIS_TLS_CERT_FILE and REDIS_TLS_KEY_FILE' });
  const files: Partial<Record<(typeof FILES)[number], Buffer>> = {};
  for (const name of set) {
    try {
      files[name] = read(env[name]!);
    } catch (e) {
      issues.push({ path: name, message: `cannot read ${env[name]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { ...(files.REDIS_TLS_CA_FILE && { ca: files.REDIS_TLS_CA_FILE }), ...(files.REDIS_TLS_CERT_FILE && { cert: files.REDIS_TLS_CERT_FILE, key: files.REDIS_TLS_KEY_FILE }) };
}
