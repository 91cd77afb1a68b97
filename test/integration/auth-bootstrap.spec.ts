import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCoordinator } from '../support/test-coordinator';

// ATTUNE_AUTH=auto on loopback: open until the first token exists, then closed for good.
const tc = testCoordinator({ ATTUNE_AUTH_FAILURES_PER_MINUTE: '3' });

let first = '';

beforeAll(() => tc.start());
afterAll(() => tc.destroy());

async function get(route: string, token?: string): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${tc.http.baseUrl}${route}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

describe('a coordinator on loopback with no token', () => {
  it('runs open, says so, and asks for a token from the first one created on', async () => {
    expect(tc.running!.startupLines).toContain(
      'authentication is off: listening on loopback and no API token exists (`attune admin bootstrap` creates the first; from then on every request needs one)',
    );
    expect((await get('/session')).body).toEqual({ auth: 'off', role: 'admin', project: '*' });
    expect((await get('/studies')).status).toBe(200);
    const created = await tc.http.post('/tokens', { project: '*', role: 'admin', name: 'first' });
    first = created.body.token;
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^attn_/);
    expect((await get('/studies')).status).toBe(401);
    expect((await get('/studies', created.body.token)).status).toBe(200);
    // The audit log names no actor for what was done while open.
    const audit = await get('/audit', created.body.token);
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'token.create', actor: {}, detail: { role: 'admin', name: 'first' } })]);
  });
});

describe('guessing tokens', () => {
  it('is refused for a minute past ATTUNE_AUTH_FAILURES_PER_MINUTE failures from one address, even with a right token', async () => {
    const right = (await tc.http.withToken(first).post('/tokens', { project: '*', role: 'viewer' })).body.token as string;
    expect(right).toMatch(/^attn_/);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get('/studies', `attn_guess${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const blocked = await get('/studies', right);
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toMatch(/^too many failed authentications from this address \(more than 3 a minute, ATTUNE_AUTH_FAILURES_PER_MINUTE\): try again in \d+ s$/);
    expect(blocked.headers.get('retry-after')).toBe('60');
    const signIn = await fetch(`${tc.http.baseUrl}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: right }) });
    expect(signIn.status).toBe(429);
    // What needs no token is not blocked.
    expect((await fetch(`${tc.http.baseUrl}/health`)).status).toBe(200);
  });
});

