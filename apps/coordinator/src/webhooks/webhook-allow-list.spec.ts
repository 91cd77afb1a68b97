import { describe, expect, it } from 'vitest';
import { parseWebhookHosts, webhookAllowed } from './webhook-allow-list';

describe('the webhook allow-list', () => {
  it('parses host and host:port entries, IPv6 included, and refuses anything else', () => {
    expect(parseWebhookHosts(' hooks.example.com, 127.0.0.1:9000 ,[::1]:8080,')).toEqual({
      hosts: [{ hostname: 'hooks.example.com' }, { hostname: '127.0.0.1', port: 9000 }, { hostname: '[::1]', port: 8080 }],
    });
    expect(parseWebhookHosts('')).toEqual({ hosts: [] });
    expect(parseWebhookHosts('ok.example.com,http://x/')).toEqual({ invalid: 'http://x/' });
    expect(parseWebhookHosts('a b')).toEqual({ invalid: 'a b' });
    expect(parseWebhookHosts('user@host')).toEqual({ invalid: 'user@host' });
  });

  it('allows only listed hosts, on the listed port or the default one', () => {
    const { hosts } = parseWebhookHosts('hooks.example.com,127.0.0.1:9000') as { hosts: never[] };
    expect(webhookAllowed('https://hooks.example.com/attune', hosts)).toBe(true);
    expect(webhookAllowed('http://hooks.example.com/attune', hosts)).toBe(true);
    expect(webhookAllowed('https://hooks.example.com:8443/attune', hosts)).toBe(false);
    expect(webhookAllowed('http://127.0.0.1:9000/x', hosts)).toBe(true);
    expect(webhookAllowed('http://127.0.0.1:9001/x', hosts)).toBe(false);
    expect(webhookAllowed('http://127.0.0.1/x', hosts)).toBe(false);
    expect(webhookAllowed('http://evil.example.com/hooks.example.com', hosts)).toBe(false);
    expect(webhookAllowed('http://hooks.example.com.evil.io/', hosts)).toBe(false);
    expect(webhookAllowed('https://hooks.example.com/', [])).toBe(false);
    expect(webhookAllowed('ftp://hooks.example.com/', hosts)).toBe(false);
  });
});
