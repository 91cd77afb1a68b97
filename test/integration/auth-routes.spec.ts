import { ALL_PROJECTS, type Role } from '@attune/core/auth/roles';
import { openDataSource } from '@attune/persistence/open-data-source';
import { ApiTokenRepository } from '@attune/persistence/repositories/api-token.repository';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studySpec, testCoordinator } from '../support/test-coordinator';

// Every route against every role and a token of another project. The table
// below must list every route the coordinator serves: a route added without
// an entry fails the first test, and one added without an access rule is
// refused by the AccessGuard (it fails closed), which fails the second.

type Rule = { readonly open: true } | { readonly role: Role; readonly study?: boolean; readonly allProjects?: boolean };

const ROUTES: Readonly<Record<string, Rule>> = {
  'GET /health': { open: true },
  'GET /dashboard/config': { open: true },
  'POST /session': { open: true },
  'DELETE /session': { open: true },
  'GET /session': { role: 'viewer' },
  'GET /metrics': { role: 'viewer', allProjects: true },
  'GET /workers': { role: 'viewer' },
  'GET /projects': { role: 'viewer' },
  'POST /projects': { role: 'admin', allProjects: true },
  'PATCH /projects/:name': { role: 'admin', allProjects: true },
  'GET /tokens': { role: 'admin' },
  'POST /tokens': { role: 'admin' },
  'DELETE /tokens/:id': { role: 'admin' },
  'GET /audit': { role: 'admin' },
  'GET /studies': { role: 'viewer' },
  'POST /studies': { role: 'editor' },
  'GET /studies/:id': { role: 'viewer', study: true },
  'GET /studies/:id/trials': { role: 'viewer', study: true },
  'GET /studies/:id/trials/:number/measurements': { role: 'viewer', study: true },
  'GET /studies/:id/trials/:number/steps': { role: 'viewer', study: true },
  'GET /studies/:id/steps': { role: 'viewer', study: true },
  'GET /studies/:id/best': { role: 'viewer', study: true },
  'GET /studies/:id/events': { role: 'viewer', study: true },
  'GET /studies/:id/importance': { role: 'viewer', study: true },
  'GET /studies/:id/verification': { role: 'viewer', study: true },
  'POST /studies/:id/trials': { role: 'editor', study: true },
  'POST /studies/:id/stop': { role: 'editor', study: true },
  'POST /studies/:id/verify': { role: 'editor', study: true },
};

const tc = testCoordinator({ ATTUNE_AUTH: 'on', ATTUNE_AUTH_FAILURES_PER_MINUTE: '1000' });
let ds: DataSource;
const tokens: Record<string, string> = {};
let studyA: string;
let studyB: string;
let betaTokenId: string;

interface Answer {
  readonly status: number;
  readonly body: { error?: string; message?: string; [k: string]: unknown };
  readonly headers: Headers;
}

async function send(method: string, route: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${tc.http.baseUrl}${route}`, {
    method,
    headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  // An event stream never ends: its status and headers are the answer.
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, body: {}, headers: res.headers };
  }
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : { text }, headers: res.headers };
}

/** The request each route gets: its path with ids filled in, and a body that passes validation where the route takes one. */
function requestFor(key: string, study: string): { method: string; path: string; body?: unknown } {
  const [method, pattern] = key.split(' ');
  const path = pattern.replace(':id', key.includes('/tokens/') ? betaTokenId : study).replace(':number', '0').replace(':name', 'alpha');
  const bodies: Record<string, unknown> = {
    'POST /session': { token: 'attn_not-a-real-token' },
    'POST /projects': { name: `p${Math.random().toString(36).slice(2, 8)}` },
    'PATCH /projects/:name': { description: 'touched' },
    'POST /tokens': { project: 'alpha', role: 'viewer' },
    'POST /studies': studySpec({ name: 'from-the-table', target: 'nobody-serves-this' }),
    'POST /studies/:id/trials': { trials: [{ params: { x: 1, mode: 'a' } }] },
    'POST /studies/:id/verify': {},
  };
  return { method, path, ...(bodies[key] !== undefined && { body: bodies[key] }) };
}

async function token(project: string, role: Role, name: string): Promise<string> {
  const created = await new ApiTokenRepository(ds).create({ project, role, name });
  return created.text;
}

beforeAll(async () => {
  await tc.start();
  ds = await openDataSource({ url: tc.iso.databaseUrl, schema: tc.iso.schema }, 2);
  tokens.root = await token(ALL_PROJECTS, 'admin', 'root');
  for (const name of ['alpha', 'beta']) expect((await send('POST', '/projects', tokens.root, { name })).status).toBe(201);
  for (const role of ['viewer', 'editor', 'admin'] as const) tokens[`${role}A`] = await token('alpha', role, `${role} of alpha`);
  tokens.adminB = await token('beta', 'admin', 'admin of beta');
  tokens.rootViewer = await token(ALL_PROJECTS, 'viewer', 'scraper');
  betaTokenId = (await new ApiTokenRepository(ds).findByText(tokens.adminB))!.id;
  const a = await send('POST', '/studies?project=alpha', tokens.editorA, studySpec({ name: 'alpha-study', target: 'nobody-serves-this' }));
  const b = await send('POST', '/studies?project=beta', tokens.adminB, studySpec({ name: 'beta-study', target: 'nobody-serves-this' }));
  expect([a.status, b.status]).toEqual([201, 201]);
  studyA = a.body.id as string;
  studyB = b.body.id as string;
}, 60_000);

afterAll(async () => {
  await ds?.destroy();
  await tc.destroy();
});

describe('the route table', () => {
  it('lists exactly the routes the coordinator serves', () => {
    const router = (tc.running!.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router;
    const served = router.stack
      .flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`) : []))
      // The OpenAPI UI and documents: static, served by @nestjs/swagger outside Nest's router, no data in them.
      .filter((key) => !/^GET \/docs/.test(key));
    expect([...new Set(served)].sort()).toEqual(Object.keys(ROUTES).sort());
  });
});

describe('every route, against every role and another project', () => {
  const roles: Role[] = ['viewer', 'editor', 'admin'];
  const ruled = Object.entries(ROUTES).filter((e): e is [string, Exclude<Rule, { open: true }>] => !('open' in e[1]));

  it.each(ruled)('%s: 401 without a token or with a malformed one', async (key) => {
    const { method, path, body } = requestFor(key, studyA);
    const anonymous = await send(method, path, undefined, body);
    expect(anonymous.status, key).toBe(401);
    expect(anonymous.body.error).toBe('UNAUTHENTICATED');
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="attune"');
    expect((await send(method, path, undefined, body, { authorization: 'Basic YTpi' })).status).toBe(401);
  });

  it.each(ruled)('%s: 403 for a role below it, let through at or above it', async (key, rule) => {
    const { method, path, body } = requestFor(key, studyA);
    for (const role of roles) {
      const answer = await send(method, path, tokens[`${role}A`], body);
      const allowed = roles.indexOf(role) >= roles.indexOf(rule.role) && !rule.allProjects;
      if (allowed) {
        expect([401, 403], `${key} as ${role} of alpha: ${answer.body.message}`).not.toContain(answer.status);
        expect(answer.body.message ?? '').not.toContain(`study ${studyA} does not exist`);
      } else {
        expect(answer.status, `${key} as ${role} of alpha`).toBe(403);
        expect(answer.body.error).toBe('FORBIDDEN');
      }
    }
    if (rule.allProjects) expect([401, 403]).not.toContain((await send(method, path, rule.role === 'admin' ? tokens.root : tokens.rootViewer, body)).status);
  });

  it.each(ruled.filter(([, rule]) => rule.study))('%s: another project\'s study is 404, word for word as one that does not exist', async (key) => {
    const foreign = requestFor(key, studyB);
    const answer = await send(foreign.method, foreign.path, tokens.adminA, foreign.body);
    const missing = requestFor(key, '00000000-0000-4000-8000-000000000000');
    const nothing = await send(missing.method, missing.path, tokens.adminA, missing.body);
    expect(answer.status, key).toBe(404);
    expect(answer.body.message).toBe(`study ${studyB} does not exist`);
    expect(nothing.body.message).toBe('study 00000000-0000-4000-8000-000000000000 does not exist');
  });
});

describe('what a token of one project sees of another', () => {
  it('lists only its own studies, projects, tokens and audit entries', async () => {
    const studies = await send('GET', '/studies', tokens.viewerA);
    expect((studies.body.items as { id: string; project: string }[]).map((s) => s.project)).toEqual(expect.arrayContaining(['alpha']));
    expect((studies.body.items as { id: string }[]).map((s) => s.id)).not.toContain(studyB);
    expect((await send('GET', '/studies?project=beta', tokens.viewerA)).body).toEqual({ items: [], total: 0 });
    expect(((await send('GET', '/studies?project=beta', tokens.root)).body.items as { id: string }[]).map((s) => s.id)).toEqual([studyB]);
    expect(((await send('GET', '/projects', tokens.viewerA)).body as unknown as { name: string }[]).map((p) => p.name)).toEqual(['alpha']);
    const listed = (await send('GET', '/tokens', tokens.adminA)).body as unknown as { project: string; prefix: string }[];
    expect(new Set(listed.map((t) => t.project))).toEqual(new Set(['alpha']));
    expect(JSON.stringify(listed)).not.toContain(tokens.adminA.slice(12));
    const audit = (await send('GET', '/audit', tokens.adminA)).body.items as { project?: string }[];
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((e) => e.project === 'alpha')).toBe(true);
    expect((await send('GET', '/audit?project=beta', tokens.adminA)).body).toEqual({ items: [], total: 0 });
  });

  it('cannot revoke its tokens, mint tokens for it or for every project, or put a study in it', async () => {
    expect((await send('DELETE', `/tokens/${betaTokenId}`, tokens.adminA)).status).toBe(404);
    expect(await send('POST', '/tokens', tokens.adminA, { project: 'beta', role: 'viewer' })).toMatchObject({ status: 400, body: { message: 'project: no project named "beta"' } });
    expect(await send('POST', '/tokens', tokens.adminA, { project: 'gamma', role: 'viewer' })).toMatchObject({ status: 400, body: { message: 'project: no project named "gamma"' } });
    expect((await send('POST', '/tokens', tokens.adminA, { project: '*', role: 'viewer' })).status).toBe(403);
    const spec = studySpec({ name: 'sneaky', target: 'nobody-serves-this' });
    expect(await send('POST', '/studies?project=beta', tokens.editorA, spec)).toMatchObject({ status: 400, body: { message: 'project: no project named "beta"' } });
  });

  it("cannot warm-start from its studies: refused as a study that does not exist", async () => {
    const spec = studySpec({ name: 'warm', target: 'nobody-serves-this', warmStart: { studies: [studyB] } });
    const created = await send('POST', '/studies', tokens.editorA, spec);
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body.warmStart)).toContain('does not exist');
    expect(created.body.project).toBe('alpha');
  });
});

describe('tokens that are no longer good', () => {
  it('refuses an expired token and a revoked one, saying which', async () => {
    const repo = new ApiTokenRepository(ds);
    const expired = await repo.create({ project: 'alpha', role: 'viewer', expiresAt: new Date(Date.now() - 1000) });
    expect(await send('GET', '/studies', expired.text)).toMatchObject({ status: 401, body: { message: expect.stringMatching(/^API token attn_\w*… expired at /) } });
    const created = await send('POST', '/tokens', tokens.adminA, { project: 'alpha', role: 'viewer', name: 'short-lived' });
    expect(created.status).toBe(201);
    expect((await send('GET', '/studies', created.body.token as string)).status).toBe(200);
    const revoked = await send('DELETE', `/tokens/${created.body.id as string}`, tokens.adminA);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect(await send('GET', '/studies', created.body.token as string)).toMatchObject({ status: 401, body: { message: expect.stringMatching(/was revoked$/) } });
  });
});

describe("the dashboard's session", () => {
  it('is an HTTP-only SameSite=Strict cookie; unsafe requests carried by it need the CSRF header', async () => {
    const signIn = await send('POST', '/session', undefined, { token: tokens.editorA });
    expect(signIn).toMatchObject({ status: 200, body: { auth: 'on', role: 'editor', project: 'alpha' } });
    const cookies = signIn.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('attune_session='))!;
    const csrf = cookies.find((c) => c.startsWith('attune_csrf='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(csrf).not.toMatch(/HttpOnly/);
    const jar = [session, csrf].map((c) => c.split(';')[0]).join('; ');
    const csrfValue = csrf.split(';')[0].split('=')[1];
    expect((await send('GET', '/session', undefined, undefined, { cookie: jar })).body).toMatchObject({ role: 'editor', project: 'alpha' });
    const spec = studySpec({ name: 'by-cookie', target: 'nobody-serves-this' });
    expect(await send('POST', '/studies', undefined, spec, { cookie: jar })).toMatchObject({ status: 403, body: { message: expect.stringContaining('X-CSRF-Token') } });
    expect((await send('POST', '/studies', undefined, spec, { cookie: jar, 'x-csrf-token': 'wrong-but-long-enough-value' })).status).toBe(403);
    expect((await send('POST', '/studies', undefined, spec, { cookie: jar, 'x-csrf-token': csrfValue })).status).toBe(201);
    const signOut = await send('DELETE', '/session', undefined, undefined, { cookie: jar });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.getSetCookie().every((c) => /Max-Age=0/.test(c))).toBe(true);
  });

  it('refuses a wrong token at sign-in', async () => {
    expect(await send('POST', '/session', undefined, { token: 'attn_wrong' })).toMatchObject({ status: 401, body: { message: 'unknown API token' } });
  });
});

describe("a project's limits", () => {
  it('refuses a budget above them naming the field, a study past the concurrent limit and requests past the rate', async () => {
    expect((await send('POST', '/projects', tokens.root, { name: 'small', limits: { maxParallelism: 2, maxTrialsPerStudy: 20, maxConcurrentStudies: 1 } })).status).toBe(201);
    const editor = await token('small', 'editor', 'small editor');
    const wide = await send('POST', '/studies', editor, studySpec({ target: 'nobody-serves-this', budget: { maxTrials: 50, parallelism: 4 } }));
    expect(wide.status).toBe(400);
    expect(wide.body.issues).toEqual([
      { path: 'budget.parallelism', message: 'must be at most 2, the limit of project small (limits.maxParallelism)' },
      { path: 'budget.maxTrials', message: 'must be at most 20, the limit of project small (limits.maxTrialsPerStudy)' },
    ]);
    const spec = studySpec({ target: 'nobody-serves-this', budget: { maxTrials: 10, parallelism: 2 } });
    const first = await send('POST', '/studies', editor, spec);
    expect(first.status).toBe(201);
    expect(await send('POST', '/studies', editor, spec)).toMatchObject({ status: 429, body: { error: 'LIMIT_EXCEEDED', message: expect.stringContaining('limits.maxConcurrentStudies') } });
    await send('POST', `/studies/${first.body.id as string}/stop`, editor);
    expect((await send('POST', '/studies', editor, spec)).status).toBe(201);

    expect((await send('PATCH', '/projects/small', tokens.root, { limits: { requestsPerMinute: 3 } })).body).toMatchObject({ limits: { requestsPerMinute: 3 } });
    const viewer = await token('small', 'viewer', 'small viewer');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send('GET', '/studies', viewer)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await send('GET', '/workers', viewer);
    expect(refused.body.message).toMatch(/^project small allows 3 requests per minute per token \(limits\.requestsPerMinute\)/);
    expect(Number(refused.headers.get('retry-after-token'))).toBeGreaterThan(0);
    // Per token: another token of the project is not slowed by this one.
    expect((await send('GET', '/studies', editor)).status).toBe(200);
  });
});

describe('the audit log', () => {
  it('records who created, stopped, verified and enqueued what', async () => {
    const created = await send('POST', '/studies', tokens.editorA, studySpec({ name: 'audited', target: 'nobody-serves-this' }));
    const id = created.body.id as string;
    const enqueued = await send('POST', `/studies/${id}/trials`, tokens.editorA, { trials: [{ params: { x: 2, mode: 'b' } }] });
    expect(enqueued.status).toBe(201);
    await send('POST', `/studies/${id}/stop`, tokens.editorA);
    const entries = ((await send('GET', '/audit?limit=1000', tokens.root)).body.items as { action: string; subject: string; actor: { name?: string }; detail: Record<string, unknown> }[]).filter((e) => e.subject === id);
    expect(entries.map((e) => e.action)).toEqual(['study.stop', 'trial.enqueue', 'study.create']);
    expect(entries.every((e) => e.actor.name === 'editor of alpha')).toBe(true);
    expect(entries[1].detail).toEqual({ trials: (enqueued.body.trials as { number: number }[]).map((t) => t.number) });
    expect(entries[2].detail).toEqual({ name: 'audited', target: 'nobody-serves-this', strategy: 'random' });
  });
});
