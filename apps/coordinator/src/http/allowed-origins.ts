/**
 * Parses ATTUNE_ALLOWED_ORIGINS, `https://dash.example.com,http://localhost:5173`
 * (commas, spaces ignored), into origins as browsers send them
 * (`scheme://host[:port]`, lower case, without the scheme's default port).
 * Returns the origins, or the first entry that is not an http(s) origin.
 */
export function parseAllowedOrigins(list: string): { origins: string[] } | { invalid: string } {
  const origins: string[] = [];
  for (const entry of list.split(',').map((e) => e.trim()).filter(Boolean)) {
    const origin = originOf(entry);
    const u = origin === undefined ? undefined : new URL(entry);
    const bare = u && !u.username && !u.password && u.pathname === '/' && !u.search && !u.hash && !/[?#]$/.test(entry);
    if (!bare) return { invalid: entry };
    origins.push(origin!);
  }
  return { origins };
}

/** The origin (`scheme://host[:port]`) of an http(s) URL, or undefined for anything else. */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}
