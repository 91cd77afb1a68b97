import { ValidationError } from '@attune/core/errors/attune-error';
import { formatZodIssues } from '@attune/core/spec/format-zod-issues';
import { z } from 'zod';

/**
 * Database settings from the environment. The coordinator's config extends
 * this schema; the TypeORM CLI's data source reads it through
 * `loadDatabaseConfig()`. Together they are the only readers of `process.env`.
 */
export const databaseEnvSchema = z.object({
  /** @default "postgres://postgres@127.0.0.1:5432/attune" */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).default('postgres://postgres@127.0.0.1:5432/attune'),
  /** Schema holding Attune's tables; created if missing. @default "public" */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier (letters, digits, underscores)')
    .default('public'),
});

export interface DatabaseConfig {
  readonly url: string;
  readonly schema: string;
}

/** Parses database settings, listing every problem at once. */
export function parseDatabaseConfig(env: Record<string, string | undefined>): DatabaseConfig {
  const parsed = databaseEnvSchema.safeParse(env);
  if (!parsed.success) throw new ValidationError(formatZodIssues(parsed.error.issues));
  return { url: parsed.data.DATABASE_URL, schema: parsed.data.DATABASE_SCHEMA };
}

/** Database settings of this process, for the TypeORM CLI's data source. */
export function loadDatabaseConfig(): DatabaseConfig {
  return parseDatabaseConfig(process.env);
}
