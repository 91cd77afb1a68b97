/**
 * How many ticks may run at once on a PostgreSQL pool of `poolSize`. A tick
 * holds one connection (its study's advisory lock and transaction), so ticks
 * get 2/5 of the pool, at least one: with the default pool of 10, four ticks,
 * and six connections that the API and result ingestion can always have.
 */
export function maxConcurrentTicks(poolSize: number): number {
  return Math.max(1, Math.floor((poolSize * 2) / 5));
}
