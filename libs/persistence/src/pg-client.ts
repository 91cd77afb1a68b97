import { Client } from 'pg';

/** Runs `fn` on a fresh connection to `url` that gives up connecting after `timeoutMs`, then closes it. */
export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>, timeoutMs = 5000): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** pg's message, or the first of an AggregateError's (a refused connection to every address of a host). */
export function pgFailureReason(e: unknown): string {
  const err = e as { code?: string; message?: string; errors?: { message?: string }[] };
  return err.message || err.errors?.[0]?.message || err.code || String(e);
}
