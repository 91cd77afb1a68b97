import { ALL_PROJECTS, DEFAULT_PROJECT } from '@attune/core/auth/roles';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedEnv } from '../../../../test/support/isolated-env';
import { tokenHash } from '../auth/token-secret';
import { openDataSource } from '../open-data-source';
import { runMigrations } from '../run-migrations';
import { ApiTokenRepository } from './api-token.repository';
import { AuditRepository } from './audit.repository';
import { ProjectRepository } from './project.repository';
import { sampleSpec } from './sample-spec.fixture';
import { StudyRepository } from './study.repository';

const iso = createIsolatedEnv();
let ds: DataSource;
let projects: ProjectRepository;
let tokens: ApiTokenRepository;
let audit: AuditRepository;

beforeAll(async () => {
  ds = await openDataSource({ url: iso.databaseUrl, schema: iso.schema }, 4);
  await runMigrations(ds);
  projects = new ProjectRepository(ds);
  tokens = new ApiTokenRepository(ds);
  audit = new AuditRepository(ds);
});
afterAll(async () => {
  await ds?.destroy();
  await iso.cleanup();
});

describe('ProjectRepository', () => {
  it('has the default project from the migration, and refuses a second project of one name', async () => {
    expect((await projects.find(DEFAULT_PROJECT))?.limits).toEqual({});
    await projects.insert({ name: 'team-a', description: 'team A', limits: { maxParallelism: 8 } });
    await expect(projects.insert({ name: 'team-a' })).rejects.toMatchObject({ code: 'CONFLICT', message: 'a project named "team-a" exists' });
  });

  it('sets, keeps and removes limits: a number sets, undefined keeps, null removes', async () => {
    await projects.insert({ name: 'limits', limits: { maxParallelism: 4, maxTrialsPerStudy: 100 } });
    const updated = await projects.update('limits', { limits: { maxParallelism: null, requestsPerMinute: 60 } });
    expect(updated?.limits).toEqual({ maxTrialsPerStudy: 100, requestsPerMinute: 60 });
    expect(await projects.update('nobody', { description: 'x' })).toBeUndefined();
  });

  it("lists with each project's running and total studies", async () => {
    await projects.insert({ name: 'counted' });
    const studies = new StudyRepository(ds);
    const a = await studies.insert(sampleSpec(), undefined, 'counted');
    await studies.insert(sampleSpec(), undefined, 'counted');
    await studies.end(a.id, 'STOPPED', 'test');
    expect(await projects.list('counted')).toEqual([expect.objectContaining({ name: 'counted', studies: { running: 1, total: 2 } })]);
    expect(await studies.countRunning('counted')).toBe(1);
    expect((await projects.list()).map((p) => p.name)).toEqual(expect.arrayContaining(['counted', DEFAULT_PROJECT, 'team-a']));
  });
});

describe('ApiTokenRepository', () => {
  it('returns the text once and stores only its hash', async () => {
    const { record, text } = await tokens.create({ project: DEFAULT_PROJECT, role: 'editor', name: 'ci' });
    expect(text).toMatch(/^attn_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ project: DEFAULT_PROJECT, role: 'editor', name: 'ci', prefix: text.slice(0, 11) });
    const [row]: { secret_hash: string }[] = await ds.query(`SELECT secret_hash FROM "${iso.schema}".api_tokens WHERE id = $1`, [record.id]);
    expect(row.secret_hash).toBe(tokenHash(text));
    expect(JSON.stringify(await ds.query(`SELECT * FROM "${iso.schema}".api_tokens`))).not.toContain(text.slice(5));
    expect(await tokens.findByText(text)).toEqual(record);
    expect(await tokens.findByText(`${text}x`)).toBeUndefined();
  });

  it('scopes a token of every project as "*" and counts a usable root admin', async () => {
    const now = new Date();
    const expired = await tokens.create({ project: ALL_PROJECTS, role: 'admin', expiresAt: new Date(now.getTime() - 1000) });
    expect(expired.record.project).toBe(ALL_PROJECTS);
    expect(await tokens.usableRootAdminExists(now)).toBe(false);
    const root = await tokens.create({ project: ALL_PROJECTS, role: 'admin' });
    expect(await tokens.usableRootAdminExists(now)).toBe(true);
    await tokens.revoke(root.record.id);
    expect(await tokens.usableRootAdminExists(now)).toBe(false);
  });

  it('revokes once (the first time stays) and lists by project', async () => {
    const { record } = await tokens.create({ project: 'team-a', role: 'viewer' });
    const first = await tokens.revoke(record.id);
    expect(first?.revokedAt).toBeInstanceOf(Date);
    expect((await tokens.revoke(record.id))?.revokedAt).toEqual(first?.revokedAt);
    expect((await tokens.list('team-a')).map((t) => t.id)).toEqual([record.id]);
    expect((await tokens.list(ALL_PROJECTS)).length).toBeGreaterThan(1);
    expect(await tokens.anyExists()).toBe(true);
  });

  it('records a use at most once a minute', async () => {
    const { record } = await tokens.create({ project: DEFAULT_PROJECT, role: 'viewer' });
    const t0 = new Date('2026-01-01T00:00:00Z');
    await tokens.touch(record, t0);
    const touched = (await tokens.find(record.id))!;
    expect(touched.lastUsedAt).toEqual(t0);
    await tokens.touch(touched, new Date(t0.getTime() + 30_000));
    expect((await tokens.find(record.id))!.lastUsedAt).toEqual(t0);
    await tokens.touch(touched, new Date(t0.getTime() + 61_000));
    expect((await tokens.find(record.id))!.lastUsedAt).toEqual(new Date(t0.getTime() + 61_000));
  });
});

describe('AuditRepository', () => {
  it('lists newest first, by project, with the actor', async () => {
    await audit.append({ action: 'study.create', project: 'team-a', actor: { tokenId: '00000000-0000-4000-8000-000000000001', name: 'ci' }, subject: 's1', detail: { name: 'one' } });
    await audit.append({ action: 'study.stop', project: 'team-a', actor: {}, subject: 's1', detail: {} });
    await audit.append({ action: 'token.create', actor: {}, subject: 't1', detail: { role: 'admin' } });
    const teamA = await audit.list({ project: 'team-a', limit: 10, offset: 0 });
    expect(teamA.total).toBe(2);
    expect(teamA.items.map((e) => e.action)).toEqual(['study.stop', 'study.create']);
    expect(teamA.items[1]).toMatchObject({ actor: { tokenId: '00000000-0000-4000-8000-000000000001', name: 'ci' }, detail: { name: 'one' }, at: expect.any(Date) });
    const all = await audit.list({ limit: 1, offset: 0 });
    expect(all).toMatchObject({ total: 3, items: [{ action: 'token.create', subject: 't1' }] });
    expect(all.items[0].project).toBeUndefined();
  });
});
