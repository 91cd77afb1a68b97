import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../apps/cli/test/run-cli';
import { expectEventually } from '../support/expect-eventually';
import { studySpec, testCoordinator } from '../support/test-coordinator';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// ATTUNE_AUTH=auto on loopback: open until `attune admin bootstrap` writes the first token.
const tc = testCoordinator();
const specFile = path.join(mkdtempSync(path.join(tmpdir(), 'attune-cli-auth-')), 'study.json');

beforeAll(async () => {
  await tc.start();
  writeFileSync(specFile, JSON.stringify(studySpec({ name: 'of-team-a' })));
});
afterAll(() => tc.destroy());

/** The CLI against the test coordinator and its database, with `token` as ATTUNE_TOKEN. */
function attune(args: string[], token?: string) {
  return cli(args, { ...tc.iso.env, ATTUNE_URL: tc.http.baseUrl, ...(token !== undefined && { ATTUNE_TOKEN: token }) });
}

describe('the CLI managing access on a real coordinator', () => {
  let admin = '';
  let editor = '';

  it('admin bootstrap writes the first admin token in the database, once, and the coordinator then asks for tokens', async () => {
    const first = await attune(['admin', 'bootstrap']);
    expect(first.code).toBe(0);
    admin = first.stdout.trim();
    expect(admin).toMatch(/^attn_[A-Za-z0-9_-]{43}$/);
    expect(first.stderr).toMatch(/^created admin token \S+ of every project \(attn_\S+…, never expires\): it is shown only now, keep it secret\n$/);
    const again = await attune(['admin', 'bootstrap']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^attune: a usable admin token of every project already exists in schema "\S+" of postgres:\/\/\S+: use it/);
    const forced = await attune(['admin', 'bootstrap', '--force', '--name', 'recovery', '--expires', '1h', '--json']);
    expect(JSON.parse(forced.stdout)).toMatchObject({ token: expect.stringMatching(/^attn_/), project: '*', role: 'admin', expiresAt: expect.any(String) });
    // The coordinator looks for a first token every 2 s.
    const refused = await expectEventually(async () => {
      const r = await attune(['study', 'list']);
      expect(r.code).toBe(1);
      return r;
    });
    expect(refused.stderr).toContain('this coordinator needs an API token: set ATTUNE_TOKEN or pass --token');
    expect((await attune(['study', 'list'], admin)).stdout.trim()).toBe('no studies');
  });

  it('an admin creates a project with limits and an editor token of it; the editor runs a study there within them', async () => {
    const created = await attune(['project', 'create', 'team-a', '--max-parallelism', '2', '--description', 'team A'], admin);
    expect(created.stdout.trim()).toBe('created project team-a (max-parallelism 2)');
    const token = await attune(['token', 'create', '--project', 'team-a', '--role', 'editor', '--name', 'ci', '--expires', '30d'], admin);
    expect(token.code).toBe(0);
    editor = token.stdout.trim();
    const tooWide = await attune(['study', 'run', specFile], editor);
    expect(tooWide.code).toBe(1);
    expect(tooWide.stderr).toMatch(/^attune: budget\.parallelism: .*2.*\(HTTP 400 on POST \/studies\)/);
    writeFileSync(specFile, JSON.stringify(studySpec({ name: 'of-team-a', budget: { maxTrials: 4, parallelism: 2 } })));
    const run = await attune(['study', 'run', specFile], editor);
    expect(run.code).toBe(0);
    const list = await attune(['study', 'list', '--project', 'team-a'], editor);
    expect(list.stdout).toMatch(/of-team-a\s+team-a\s+/);
    const projects = await attune(['project', 'list'], editor);
    expect(projects.stdout).toMatch(/^team-a\s+\d+\s+1\s+max-parallelism 2\s+team A$/m);
  });

  it('an editor may not manage tokens; an admin lists and revokes, and the revoked token is refused', async () => {
    const denied = await attune(['token', 'list'], editor);
    expect(denied.code).toBe(1);
    expect(denied.stderr.trim()).toBe('attune: this needs the role admin; the token has editor (HTTP 403 on GET /tokens)');
    const listed = await attune(['token', 'list', '--json'], admin);
    const tokens = JSON.parse(listed.stdout) as { id: string; name?: string; project: string; role: string }[];
    expect(tokens.map((t) => [t.name, t.project, t.role])).toEqual([
      ['ci', 'team-a', 'editor'],
      ['recovery', '*', 'admin'],
      ['bootstrap', '*', 'admin'],
    ]);
    const ci = tokens[0];
    expect((await attune(['token', 'revoke', ci.id], admin)).stdout).toMatch(new RegExp(`^token ${ci.id} \\(ci\\) is revoked since `));
    const refused = await attune(['study', 'list'], editor);
    expect(refused.stderr).toContain('the token sent (--token or ATTUNE_TOKEN) is unknown, expired or revoked');
  });

  it('audit lists who did what, newest first, bootstrap included', async () => {
    const r = await attune(['audit', '--json'], admin);
    const actions = (JSON.parse(r.stdout) as { items: { action: string; actor: { name?: string } }[] }).items.map((e) => `${e.action} by ${e.actor.name ?? '(open)'}`);
    expect(actions).toEqual(['token.revoke by bootstrap', 'study.create by ci', 'token.create by bootstrap', 'project.create by bootstrap', 'token.create by (open)', 'token.create by (open)']);
    const teamA = await attune(['audit', '--project', 'team-a'], admin);
    expect(teamA.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s{2,}/)[1])).toEqual(['token.revoke', 'study.create', 'token.create', 'project.create']);
  });
});
