/** One entry of ATTUNE_WEBHOOK_HOSTS: a host name or address, with a port or (undefined) the scheme's default port. */
export interface WebhookHost {
  readonly hostname: string;
  readonly port?: number;
}

/**
 * Parses `hooks.example.com,127.0.0.1:9000,[::1]:8080` (commas, spaces
 * ignored). Returns the entries, or the first entry that is not a host.
 */
export function parseWebhookHosts(list: string): { hosts: WebhookHost[] } | { invalid: string } {
  const hosts: WebhookHost[] = [];
  for (const entry of list.split(',').map((e) => e.trim()).filter(Boolean)) {
    let u: URL;
    try {
      u = new URL(`http://${entry}`);
    } catch {
      return { invalid: entry };
    }
    if (u.username || u.password || u.pathname !== '/' || u.search || u.hash || `${u.host}` !== entry.toLowerCase().replace(/:80$/, '')) return { invalid: entry };
    hosts.push({ hostname: u.hostname, ...(/:\d+$/.test(entry) && { port: Number(entry.slice(entry.lastIndexOf(':') + 1)) }) });
  }
  return { hosts };
}

/**
 * True when the operator allows webhooks to `url`: an http(s) URL whose host
 * is listed, on the listed port (or, for an entry without one, the scheme's
 * default port). An empty list allows nothing.
 */
export function webhookAllowed(url: string, hosts: readonly WebhookHost[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  const defaultPort = u.protocol === 'https:' ? 443 : 80;
  const port = u.port ? Number(u.port) : defaultPort;
  return hosts.some((h) => h.hostname === u.hostname && (h.port ?? defaultPort) === port);
}
