import type { CreatedToken, SessionJson, StudyDetail } from '@attune/core/api/responses';
import { DEFAULT_PROJECT } from '@attune/core/auth/roles';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../apps/cli/test/run-cli';
import { launchChromium } from '../support/browser';
import { expectEventually } from '../support/expect-eventually';
import { HttpClient } from '../support/http-client';
import { E2eStack } from './e2e-stack';

/** Slow enough (150 ms a trial, one at a time) to be running while the page is watched. */
const slowSpec = (name: string) => ({
  name,
  target: 'slow',
  parameters: [
    { name: 'x', type: 'float', min: 0, max: 1, default: 0.5 },
    { name: 'y', type: 'float', min: 0, max: 1, default: 0.5 },
  ],
  objective: { metric: 'value', direction: 'minimize' },
  strategy: { name: 'random', seed: 1 },
  budget: { maxTrials: 500, parallelism: 1, trialTimeoutSec: 60 },
});

describe('the dashboard with authentication on, in a real browser against a real coordinator', () => {
  const stack = new E2eStack({ ATTUNE_AUTH: 'on' });
  let admin: HttpClient;
  let browser: Browser;
  let viewerToken = '';
  let editorToken = '';
  let otherViewerToken = '';
  let running: StudyDetail;
  let stopped: StudyDetail;
  /** A study of another project (stopped at once: no worker serves its target). */
  let other: StudyDetail;
  const OTHER_PROJECT = 'e2e-other';

  async function tokenOf(role: 'viewer' | 'editor', project = '*'): Promise<string> {
    const created = await admin.post<CreatedToken>('/tokens', { project, role, name: `e2e-${role}-${project}` });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.token;
  }

  async function open(url: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The 401 of GET /session (not signed in) and a wrong token's are logged by the browser too; a 5xx or a script error is a failure.
    page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()));
    await page.goto(url);
    (page as Page & { errors: string[] }).errors = errors;
    return page;
  }

  function errorsOf(page: Page): string[] {
    return (page as Page & { errors: string[] }).errors;
  }

  async function signIn(page: Page, token: string): Promise<void> {
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  beforeAll(async () => {
    await stack.start();
    // The first admin token, straight from the database (as an operator would).
    const bootstrap = await cli(['admin', 'bootstrap', '--name', 'e2e-admin'], stack.env);
    expect(bootstrap.code, bootstrap.stderr).toBe(0);
    admin = new HttpClient(stack.url, bootstrap.stdout.trim());
    expect((await admin.post('/projects', { name: OTHER_PROJECT })).status).toBe(201);
    [viewerToken, editorToken, otherViewerToken] = await Promise.all([tokenOf('viewer'), tokenOf('editor'), tokenOf('viewer', OTHER_PROJECT)]);
    const c = await admin.post<StudyDetail>(`/studies?project=${OTHER_PROJECT}`, { ...slowSpec('e2e-auth-other'), target: 'nobody-serves-this' });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect((await admin.post<StudyDetail>(`/studies/${c.body.id}/stop`)).status).toBe(200);
    other = (await admin.get<StudyDetail>(`/studies/${c.body.id}`)).body;
    expect(other.project).toBe(OTHER_PROJECT);
    const [a, b] = await Promise.all([admin.post<StudyDetail>('/studies', slowSpec('e2e-auth-running')), admin.post<StudyDetail>('/studies', slowSpec('e2e-auth-stopped'))]);
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    running = a.body;
    expect((await admin.post<StudyDetail>(`/studies/${b.body.id}/stop`)).status).toBe(200);
    stopped = (await admin.get<StudyDetail>(`/studies/${b.body.id}`)).body;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack.stop();
  });

  it('asks for a token (GET /session is 401), and shows the coordinator’s message for a wrong one', async () => {
    const anonymous = await fetch(`${stack.url}/session`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: string }).error).toBe('UNAUTHENTICATED');
    const wrong = await new HttpClient(stack.url).post<{ message: string }>('/session', { token: 'attn_not-a-real-token' });
    expect(wrong.status).toBe(401);

    const page = await open(`${stack.url}/`);
    const field = page.getByLabel('API token');
    await field.waitFor();
    await expect(field.getAttribute('type')).resolves.toBe('password');
    await expect(page.locator('[data-testid=studies-table]').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(0);
    await field.fill('attn_not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectEventually(async () => expect(await page.getByRole('alert').textContent()).toBe(wrong.body.message));
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('a viewer sees the studies with their project, and no Stop, Verify or Enqueue; signing out asks for a token again', async () => {
    const page = await open(`${stack.url}/`);
    await signIn(page, viewerToken);
    await expect(page.getByTestId('session-role').textContent()).resolves.toBe('viewer');
    await expect(page.getByTestId('session-project').textContent()).resolves.toBe('every project');
    // The session is the cookie's: the page never keeps the token.
    await expect(page.evaluate<string>('document.cookie + JSON.stringify(localStorage) + JSON.stringify(sessionStorage)')).resolves.not.toContain(viewerToken);
    const session = await page.evaluate<SessionJson>('fetch("session").then((r) => r.json())');
    expect(session).toMatchObject({ auth: 'on', role: 'viewer', project: '*' });

    const table = page.locator('[data-testid=studies-table]');
    await expectEventually(async () => expect(await table.locator('tbody tr').count()).toBe(3), { timeoutMs: 10_000 });
    await expect(table.locator('thead th').allTextContents()).resolves.toContain('Project');
    expect([running.project, stopped.project]).toEqual([DEFAULT_PROJECT, DEFAULT_PROJECT]);
    for (const study of [running, stopped, other]) {
      await expect(page.locator(`tr[data-study-id="${study.id}"] [data-testid=study-project]`).textContent()).resolves.toBe(study.project);
    }
    // A token of every project may narrow the list to one (GET /studies?project=).
    const projectFilter = page.getByLabel('Filter by project');
    await expect(projectFilter.locator('option').allTextContents()).resolves.toEqual(['all', DEFAULT_PROJECT, OTHER_PROJECT]);
    await projectFilter.selectOption(OTHER_PROJECT);
    await expectEventually(async () => expect(await table.locator('tbody tr').getAttribute('data-study-id')).toBe(other.id));
    await projectFilter.selectOption(DEFAULT_PROJECT);
    await expectEventually(async () => expect(await table.locator('tbody tr').count()).toBe(2));
    await expect(table.locator(`tr[data-study-id="${other.id}"]`).count()).resolves.toBe(0);
    await projectFilter.selectOption('');
    await expectEventually(async () => expect(await table.locator('tbody tr').count()).toBe(3));

    await page.goto(`${stack.url}/#/studies/${running.id}`);
    await expect(page.getByTestId('study-name').textContent()).resolves.toBe(running.name);
    await page.getByRole('button', { name: 'Download CSV' }).waitFor();
    await expect(page.getByRole('button', { name: 'Stop study' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Enqueue configuration…' }).count()).resolves.toBe(0);
    await page.goto(`${stack.url}/#/studies/${stopped.id}`);
    await expect(page.getByTestId('study-name').textContent()).resolves.toBe(stopped.name);
    await page.getByRole('button', { name: 'Download CSV' }).waitFor();
    await expect(page.getByRole('button', { name: 'Verify winner' }).count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API token').waitFor();
    await expect(page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(0);
    // Both cookies are gone: a reload asks again.
    await page.reload();
    await page.getByLabel('API token').waitFor();
    await expect(page.evaluate<number>('fetch("session").then((r) => r.status)')).resolves.toBe(401);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it("a viewer of one project sees only that project's studies, no project filter, and another project's study is not found", async () => {
    const page = await open(`${stack.url}/`);
    await signIn(page, otherViewerToken);
    await expect(page.getByTestId('session-project').textContent()).resolves.toBe(OTHER_PROJECT);
    const table = page.locator('[data-testid=studies-table]');
    await expectEventually(async () => expect(await table.locator('tbody tr').getAttribute('data-study-id')).toBe(other.id), { timeoutMs: 10_000 });
    await expect(table.locator('tbody tr').count()).resolves.toBe(1);
    await expect(page.getByLabel('Filter by project').count()).resolves.toBe(0);
    await page.goto(`${stack.url}/#/studies/${running.id}`);
    await expectEventually(async () => expect(await page.getByRole('alert').first().textContent()).toMatch(/not found|does not exist|no study/i));
    await expect(page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(1);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('an editor sees Stop and stops a study from the page (its X-CSRF-Token accepted; without it, refused)', async () => {
    const page = await open(`${stack.url}/#/studies/${running.id}`);
    await signIn(page, editorToken);
    await expect(page.getByTestId('session-role').textContent()).resolves.toBe('editor');
    await expect(page.getByTestId('study-name').textContent()).resolves.toBe(running.name);
    await page.getByRole('button', { name: 'Enqueue configuration…' }).waitFor();
    // The cookie alone is not enough for an unsafe request.
    await expect(page.evaluate<number>(`fetch("studies/${running.id}/stop", { method: "POST" }).then((r) => r.status)`)).resolves.toBe(403);
    expect((await admin.get<StudyDetail>(`/studies/${running.id}`)).body.state).toBe('RUNNING');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Stop study' }).click();
    await expectEventually(async () => expect((await admin.get<StudyDetail>(`/studies/${running.id}`)).body.state).toBe('STOPPED'));
    await expectEventually(async () => expect(await page.locator('.study-header .badge').first().textContent()).toBe('STOPPED'));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Stopped');
    // Stopped, it may be verified by an editor.
    await page.getByRole('button', { name: 'Verify winner' }).waitFor();
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  }, 60_000);
});
