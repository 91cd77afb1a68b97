/**
 * What every command inherits from the worker's environment, when set: where
 * its programs are, its home, locale, time zone and temporary folder. Nothing
 * else reaches it unless the target's `inheritEnv` names it, so the worker's
 * own secrets (REDIS_URL, DATABASE_URL, cloud credentials) stay out of
 * benchmark scripts. A name ending in `*` takes every variable with that prefix.
 */
export const DEFAULT_INHERITED_ENV: readonly string[] = ['PATH', 'HOME', 'LANG', 'LANGUAGE', 'LC_*', 'TZ', 'TMPDIR'];

/** The variables of `host` that `names` (exact names or `PREFIX*`) and DEFAULT_INHERITED_ENV select. */
export function inheritedEnv(host: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
  const patterns = [...DEFAULT_INHERITED_ENV, ...names];
  const exact = new Set(patterns.filter((p) => !p.endsWith('*')));
  const prefixes = patterns.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1));
  const selected: Record<string, string> = {};
  for (const [name, value] of Object.entries(host)) {
    if (exact.has(name) || prefixes.some((prefix) => name.startsWith(prefix))) selected[name] = value;
  }
  return selected;
}
