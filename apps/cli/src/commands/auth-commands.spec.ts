import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, CreatedToken, ProjectJson, TokenJson } from '@attune/core/api/auth.schema';
import { fakeCoordinatorPerTest, studySummary } from '../../test/fake-coordinator';
import { cli } from '../../test/run-cli';

const fakes = fakeCoordinatorPerTest();
const exampleSpec = path.resolve(__dirname, '..', '..', '..', '..', 'examples', 'branin.study.yaml');
const TOKEN = 'attn_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

function token(overrides: Partial<TokenJson> = {}): TokenJson {
  return { id: '0b6a1c7e-0000-4000-8000-000000000001', name: 'ci', project: 'team-a', role: 'editor', prefix: 'attn_012345', createdAt: '2026-12-04T10:00:00.000Z', ...overrides };
}

function project(overrides: Partial<ProjectJson> = {}): ProjectJson {
  return { id: '0b6a1c7e-0000-4000-8000-0000000000aa', name: 'team-a', createdAt: '2026-12-04T10:00:00.000Z', limits: {}, studies: { running: 1, total: 3 }, ...overrides };
}

describe('the token it sends', () => {
  it('is --token, else ATTUNE_TOKEN, as a bearer header on every request', async () => {
    const url = await fakes.serve(() => ({ status: 200, body: { items: [], total: 0 } }));
    await cli(['study', 'list', '--url', url, '--token', TOKEN]);
    await cli(['study', 'list', '--url', url], { ATTUNE_TOKEN: 'attn_fromenv' });
    await cli(['study', 'list', '--url', url, '--token', 'attn_flag'], { ATTUNE_TOKEN: 'attn_fromenv' });
    await cli(['study', 'list', '--url', url]);
    expect(fakes.current.requests.map((r) => r.authorization)).toEqual([`Bearer ${TOKEN}`, 'Bearer attn_fromenv', 'Bearer attn_flag', undefined]);
  });

  it('is sent on the event stream too', async () => {
    const url = await fakes.serve(() => ({ status: 200, body: {}, sse: 'id: 1\nevent: study-ended\ndata: {"studyId":"s","seq":1,"at":"2026-12-04T10:00:00.000Z","kind":"study-ended","state":"COMPLETE","reason":"done"}\n\n' }));
    await cli(['study', 'watch', 's', '--url', url, '--json'], { ATTUNE_TOKEN: TOKEN });
    expect(fakes.current.requests[0].authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('says how to give one when the coordinator asks for it, and what is wrong with one it refuses', async () => {
    const url = await fakes.serve(() => ({ status: 401, body: { statusCode: 401, error: 'UNAUTHENTICATED', message: 'an API token is required' } }));
    const without = await cli(['study', 'list', '--url', url]);
    expect(without.code).toBe(1);
    expect(without.stderr.split('\n')).toEqual([
      'attune: an API token is required (HTTP 401 on GET /studies?limit=50&offset=0)',
      '  this coordinator needs an API token: set ATTUNE_TOKEN or pass --token (`attune admin bootstrap` creates the first)',
      '',
    ]);
    const refused = await cli(['workers', '--url', url, '--token', 'attn_old']);
    expect(refused.stderr).toContain('  the token sent (--token or ATTUNE_TOKEN) is unknown, expired or revoked');
  });

  it('passes on a refusal of the role and a limit with the server\'s words', async () => {
    const url = await fakes.serve(() => ({ status: 429, body: { statusCode: 429, error: 'LIMIT_EXCEEDED', message: 'project team-a allows 5 requests per minute per token (limits.requestsPerMinute): try again in 12 s' } }));
    const r = await cli(['study', 'stop', 's', '--url', url]);
    expect(r.stderr.trim()).toBe('attune: project team-a allows 5 requests per minute per token (limits.requestsPerMinute): try again in 12 s (HTTP 429 on POST /studies/s/stop)');
  });

  it('refuses a --token with spaces before sending anything', async () => {
    const r = await cli(['study', 'list', '--token', 'attn_a b']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("option '--token <token>' argument 'attn_a b' is invalid. must be a token, without spaces");
  });
});

describe('attune token', () => {
  it('create prints the token alone on stdout and what it is on stderr', async () => {
    const created: CreatedToken = { ...token({ expiresAt: '2027-01-03T10:00:00.000Z' }), token: TOKEN };
    const url = await fakes.serve(() => ({ status: 201, body: created }));
    const r = await cli(['token', 'create', '--project', 'team-a', '--role', 'editor', '--name', 'ci', '--expires', '30d', '--url', url]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${TOKEN}\n`);
    expect(r.stderr.trim()).toBe(`created editor token ${created.id} of project team-a (attn_012345…, expires 2027-01-03T10:00:00.000Z): it is shown only now, keep it secret`);
    expect(fakes.current.requests[0]).toMatchObject({ method: 'POST', path: '/tokens', body: { project: 'team-a', role: 'editor', name: 'ci', expiresInSec: 30 * 86_400 } });
    const json = await cli(['token', 'create', '--project', '*', '--role', 'viewer', '--json', '--url', url]);
    expect(JSON.parse(json.stdout)).toEqual(created);
    expect(fakes.current.requests[1].body).toEqual({ project: '*', role: 'viewer' });
  });

  it('create names a wrong role or lifetime, and a missing option', async () => {
    const role = await cli(['token', 'create', '--project', 'a', '--role', 'owner']);
    expect(role.stderr).toContain("option '--role <role>' argument 'owner' is invalid. Allowed choices are viewer, editor, admin.");
    const expires = await cli(['token', 'create', '--project', 'a', '--role', 'viewer', '--expires', '30 days']);
    expect(expires.stderr).toContain('must be a positive whole number and a unit, s, m, h, d or w (e.g. 30d), got "30 days"');
    const missing = await cli(['token', 'create', '--role', 'viewer']);
    expect(missing.stderr).toContain("required option '--project <name>' not specified");
  });

  it('list shows each token with its state, never a secret', async () => {
    const tokens = [token(), token({ id: '0b6a1c7e-0000-4000-8000-000000000002', name: undefined, role: 'viewer', revokedAt: '2026-12-04T11:00:00.000Z' }), token({ id: '0b6a1c7e-0000-4000-8000-000000000003', expiresAt: '2026-01-01T00:00:00.000Z' })];
    const url = await fakes.serve(() => ({ status: 200, body: tokens }));
    const r = await cli(['token', 'list', '--url', url]);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+PROJECT\s+ROLE\s+PREFIX\s+STATE\s+CREATED\s+EXPIRES\s+LAST USED$/);
    expect(lines[1]).toMatch(/000000000001\s+ci\s+team-a\s+editor\s+attn_012345…\s+active\s+2026-12-04 10:00:00\s+never\s+-$/);
    expect(lines[2]).toMatch(/000000000002\s+-\s+team-a\s+viewer\s+attn_012345…\s+revoked/);
    expect(lines[3]).toMatch(/000000000003\s+ci\s+team-a\s+editor\s+attn_012345…\s+expired\s+2026-12-04 10:00:00\s+2026-01-01 00:00:00/);
  });

  it('revoke says since when the token is refused', async () => {
    const url = await fakes.serve(() => ({ status: 200, body: token({ revokedAt: '2026-12-04T11:00:00.000Z' }) }));
    const r = await cli(['token', 'revoke', token().id, '--url', url]);
    expect(r.stdout.trim()).toBe(`token ${token().id} (ci) is revoked since 2026-12-04T11:00:00.000Z`);
    expect(fakes.current.requests[0]).toMatchObject({ method: 'DELETE', path: `/tokens/${token().id}` });
  });
});

describe('attune project', () => {
  it('create sends the limits given, and says what they are', async () => {
    const url = await fakes.serve(() => ({ status: 201, body: project({ limits: { maxParallelism: 16, maxConcurrentStudies: 4 } }) }));
    const r = await cli(['project', 'create', 'team-a', '--max-parallelism', '16', '--max-concurrent-studies', '4', '--description', 'team A', '--url', url]);
    expect(r.stdout.trim()).toBe('created project team-a (max-concurrent-studies 4, max-parallelism 16)');
    expect(fakes.current.requests[0]).toMatchObject({ method: 'POST', path: '/projects', body: { name: 'team-a', description: 'team A', limits: { maxParallelism: 16, maxConcurrentStudies: 4 } } });
  });

  it('create refuses a name the coordinator would refuse, and none as a limit', async () => {
    const name = await cli(['project', 'create', 'Team A']);
    expect(name.stderr).toContain('must be 1 to 63 lower-case letters, digits, "-" or "_", starting with a letter or digit, got "Team A"');
    const none = await cli(['project', 'create', 'team-a', '--max-trials-per-study', 'none']);
    expect(none.stderr).toContain('must be an integer, got "none"');
  });

  it('update changes only what is given; none removes a limit', async () => {
    const url = await fakes.serve(() => ({ status: 200, body: project({ limits: { requestsPerMinute: 600 } }) }));
    const r = await cli(['project', 'update', 'team-a', '--max-trials-per-study', 'none', '--requests-per-minute', '600', '--url', url]);
    expect(r.stdout.trim()).toBe('project team-a: requests-per-minute 600');
    expect(fakes.current.requests[0]).toMatchObject({ method: 'PATCH', path: '/projects/team-a', body: { limits: { maxTrialsPerStudy: null, requestsPerMinute: 600 } } });
    const nothing = await cli(['project', 'update', 'team-a', '--url', url]);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr.trim()).toBe('attune: nothing to change: give --description or a limit (see `attune project update --help`)');
    expect(fakes.current.requests).toHaveLength(1);
  });

  it('list shows the studies and limits of each project', async () => {
    const url = await fakes.serve(() => ({ status: 200, body: [project(), project({ name: 'default', limits: { maxTrialsPerStudy: 500 }, studies: { running: 0, total: 0 } })] }));
    const lines = (await cli(['project', 'list', '--url', url])).stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+RUNNING\s+STUDIES\s+LIMITS\s+DESCRIPTION$/);
    expect(lines[1]).toMatch(/^team-a\s+1\s+3\s+no limits$/);
    expect(lines[2]).toMatch(/^default\s+0\s+0\s+max-trials-per-study 500$/);
  });
});

describe('attune audit', () => {
  it('lists who did what, filtered by project, newest first', async () => {
    const entries: AuditEntry[] = [
      { id: 2, at: '2026-12-04T10:05:00.000Z', action: 'study.stop', project: 'team-a', actor: { tokenId: token().id, name: 'ci' }, subject: studySummary().id, detail: {} },
      { id: 1, at: '2026-12-04T10:00:00.000Z', action: 'token.create', actor: {}, subject: token().id, detail: { role: 'admin', name: 'bootstrap' } },
    ];
    const url = await fakes.serve(() => ({ status: 200, body: { items: entries, total: 7 } }));
    const r = await cli(['audit', '--project', 'team-a', '--limit', '2', '--url', url]);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^AT\s+ACTION\s+PROJECT\s+BY\s+SUBJECT\s+DETAIL$/);
    expect(lines[1]).toMatch(/^2026-12-04 10:05:00\s+study.stop\s+team-a\s+ci\s+6f1c2d3e-0000-4000-8000-000000000001$/);
    expect(lines[2]).toMatch(/^2026-12-04 10:00:00\s+token.create\s+\*\s+\(open\)\s+0b6a1c7e-\S+\s+\{"role":"admin","name":"bootstrap"\}$/);
    expect(lines[3]).toBe('(2 of 7; use --limit/--offset)');
    expect(fakes.current.requests[0].path).toBe('/audit?project=team-a&limit=2&offset=0');
  });
});

describe('studies of a project', () => {
  it('study run --project submits into it, study list --project filters and shows the project', async () => {
    const url = await fakes.serve((req) => (req.method === 'POST' ? { status: 201, body: { ...studySummary({ project: 'team-a' }), warnings: [] } } : { status: 200, body: { items: [studySummary({ project: 'team-a' })], total: 1 } }));
    const run = await cli(['study', 'run', exampleSpec, '--project', 'team-a', '--url', url]);
    expect(run.stderr).toBe('');
    expect(fakes.current.requests[0].path).toBe('/studies?project=team-a');
    const list = await cli(['study', 'list', '--project', 'team-a', '--url', url]);
    expect(list.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+PROJECT\s+STATE/);
    expect(list.stdout.split('\n')[1]).toMatch(/branin-demo\s+team-a\s+RUNNING/);
    expect(fakes.current.requests[1].path).toBe('/studies?project=team-a&limit=50&offset=0');
  });
});

describe('attune redis-acl', () => {
  const hash = 'a'.repeat(64);
  it("prints the pool user's ACL for the environment's queue prefix, as a redis-cli command or an ACL file line", async () => {
    const r = await cli(['redis-acl', '--user', 'pool-a', '--password-sha256', hash], { ATTUNE_QUEUE_PREFIX: '{prod}' });
    expect(r.stdout).toMatch(new RegExp(`^redis-cli ACL SETUSER pool-a reset on '#${hash}' '~\\{prod\\}:\\*' '&\\{prod\\}:\\*' -@all \\+bzpopmin .*\\+zscore\\n$`));
    const file = await cli(['redis-acl', '--user', 'pool-a', '--password-sha256', hash, '--format', 'aclfile']);
    expect(file.stdout).toMatch(new RegExp(`^user pool-a on #${hash} ~attune:\\* &attune:\\* -@all \\+`));
  });

  it('names a bad user, hash or prefix', async () => {
    expect((await cli(['redis-acl', '--user', 'pool a', '--password-sha256', hash])).stderr).toContain('attune: not a usable ACL user name: "pool a"');
    expect((await cli(['redis-acl', '--user', 'p', '--password-sha256', 'abc'])).stderr).toContain('attune: passwordSha256 must be 64 hexadecimal digits');
    expect((await cli(['redis-acl', '--user', 'p', '--password-sha256', hash], { ATTUNE_QUEUE_PREFIX: 'a b' })).stderr).toContain('attune: ATTUNE_QUEUE_PREFIX: must be letters, digits');
  });
});
