import type { Page as ApiPage, StudyDetail, StudySummary, TrialCurve, TrialRow } from '@attune/core/api/responses';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatValue } from '../../apps/dashboard/src/format/format';
import { REPO_ROOT } from '../support/attune-processes';
import { launchChromium } from '../support/browser';
import { expectEventually } from '../support/expect-eventually';
import { HttpClient } from '../support/http-client';
import { E2eStack } from './e2e-stack';

/** Screenshots the README shows, rewritten by every run of this test. */
const DOCS = path.join(REPO_ROOT, 'docs');

const space = [
  { name: 'x', type: 'float', min: 0, max: 1, default: 0.5 },
  { name: 'y', type: 'float', min: 0, max: 1, default: 0.5 },
];

const singleSpec = {
  name: 'e2e-dashboard-latency',
  description: 'p99 of a simulated service, measured twice a trial, against its defaults',
  target: 'system',
  parameters: space,
  objective: { metric: 'p99', direction: 'minimize' },
  baseline: true,
  measurement: { repeats: 2 },
  strategy: { name: 'tpe', seed: 5 },
  budget: { maxTrials: 24, parallelism: 4, trialTimeoutSec: 60 },
  verification: false,
};

const paretoSpec = {
  name: 'e2e-dashboard-pareto',
  target: 'system',
  parameters: space,
  objectives: [
    { metric: 'p99', direction: 'minimize' },
    { metric: 'rps', direction: 'maximize' },
  ],
  constraints: [{ metric: 'mem', max: 150 }],
  strategy: { name: 'nsga2', seed: 2 },
  budget: { maxTrials: 24, parallelism: 4, trialTimeoutSec: 60 },
};

/** Trials that report a loss at each of 20 steps (x + 2/(step+1), 100 ms apart): the median rule stops those worse than the baseline's at step 2 or later. */
const prunedSpec = {
  name: 'e2e-dashboard-pruning',
  target: 'stepper',
  parameters: [{ name: 'x', type: 'float', min: 0, max: 1 }],
  objective: { metric: 'loss', direction: 'minimize' },
  baseline: { params: { x: 0.5 } },
  verification: false,
  strategy: { name: 'random', seed: 5 },
  budget: { maxTrials: 10, parallelism: 3, trialTimeoutSec: 60 },
  pruner: { name: 'median', options: { startupTrials: 1, warmupSteps: 2 } },
};

/** Slow enough (150 ms a trial, one at a time) to be running while the page is watched. */
const slowSpec = {
  name: 'e2e-dashboard-live',
  target: 'slow',
  parameters: space,
  objective: { metric: 'value', direction: 'minimize' },
  strategy: { name: 'random', seed: 1 },
  budget: { maxTrials: 500, parallelism: 1, trialTimeoutSec: 60 },
};

describe('the dashboard, in a real browser against a real coordinator and workers', () => {
  const stack = new E2eStack();
  let api: HttpClient;
  let browser: Browser;
  let single: StudyDetail;
  let pareto: StudyDetail;
  let pruned: StudyDetail;

  async function runToEnd(spec: object): Promise<StudyDetail> {
    const created = await api.post<StudyDetail>('/studies', spec);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return expectEventually(
      async () => {
        const study = (await api.get<StudyDetail>(`/studies/${created.body.id}`)).body;
        expect(study.state).toBe('COMPLETE');
        return study;
      },
      { timeoutMs: 120_000, intervalMs: 200 },
    );
  }

  async function trialsOf(id: string): Promise<TrialRow[]> {
    return (await api.get<ApiPage<TrialRow>>(`/studies/${id}/trials?limit=1000`)).body.items;
  }

  async function open(url: string, viewport = { width: 1280, height: 800 }, theme: 'light' | 'dark' = 'light'): Promise<Page> {
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // A refusal the page shows (a 4xx) is logged by the browser too; a 5xx or a script error is a failure.
    page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()));
    // Scripts that run in the page are strings: this file is compiled for Node, without the DOM's types.
    await page.addInitScript(`localStorage.setItem('attune.theme', ${JSON.stringify(theme)})`);
    await page.goto(url);
    (page as Page & { errors: string[] }).errors = errors;
    return page;
  }

  function errorsOf(page: Page): string[] {
    return (page as Page & { errors: string[] }).errors;
  }

  /** Whether the page is wider than its viewport (a broken layout scrolls sideways). */
  async function overflowsSideways(page: Page): Promise<boolean> {
    return page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth + 1');
  }

  beforeAll(async () => {
    await stack.start();
    api = new HttpClient(stack.url);
    browser = await launchChromium();
    [single, pareto, pruned] = await Promise.all([runToEnd(singleSpec), runToEnd(paretoSpec), runToEnd(prunedSpec)]);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack.stop();
  });

  it('serves the page at / beside the API, with its own security policy, and the API stays the API', async () => {
    const page = await fetch(`${stack.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<div id="app">');
    const missing = await fetch(`${stack.url}/studies/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toBe('NOT_FOUND');
    expect((await fetch(`${stack.url}/no-such-page.html`)).status).toBe(404);
  });

  it('lists every study with what the API says of it, filtered by state and searched by name', async () => {
    const studies = (await api.get<ApiPage<StudySummary>>('/studies')).body.items;
    const page = await open(`${stack.url}/`);
    const rows = page.locator('[data-testid=studies-table] tbody tr');
    await expectEventually(async () => expect(await rows.count()).toBe(studies.length), { timeoutMs: 10_000 });
    for (const study of [single, pareto]) {
      const row = page.locator(`tr[data-study-id="${study.id}"]`);
      await expect(row.getByRole('link').textContent()).resolves.toBe(study.name);
      await expect(row.locator('[data-testid=best-value]').textContent()).resolves.toBe(study.best ? formatValue(study.best.value) : '—');
      await expect(row.locator('[data-testid=trial-count]').textContent()).resolves.toContain(`${study.trials.complete} / ${study.budget.maxTrials} complete`);
    }
    await page.getByLabel('Search studies by name').fill('pareto');
    await expectEventually(async () => expect(await rows.count()).toBe(1));
    await page.getByLabel('Search studies by name').fill('');
    await page.getByLabel('Filter by state').selectOption('RUNNING');
    await expectEventually(async () => expect(await rows.count()).toBe(studies.filter((s) => s.state === 'RUNNING').length));
    await page.getByLabel('Filter by state').selectOption('');
    await page.screenshot({ path: path.join(DOCS, 'dashboard-studies.png') });
    expect(await overflowsSideways(page)).toBe(false);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it("shows a study's counts, best value, every trial in the table and a trial's details as the API returns them", async () => {
    const trials = await trialsOf(single.id);
    const page = await open(`${stack.url}/#/studies/${single.id}`);
    await expect(page.getByTestId('study-name').textContent()).resolves.toBe(single.name);
    await expect(page.getByTestId('study-best').textContent()).resolves.toContain(formatValue(single.best!.value));
    await expect(page.getByTestId('study-trial-counts').textContent()).resolves.toContain(`${single.trials.complete} complete`);
    await expectEventually(async () => expect(await page.getByTestId('trial-table-count').textContent()).toBe(`${trials.length} of ${trials.length}`));
    // A trial's details, opened from the keyboard: its value and every measurement (two repeats).
    const trial = trials.find((t) => t.state === 'COMPLETE' && t.number > 0)!;
    const row = page.locator(`tr[data-trial="${trial.number}"]`);
    await row.focus();
    await page.keyboard.press('Enter');
    const details = page.getByTestId('trial-details');
    await expect(details.getByTestId('trial-value').textContent()).resolves.toBe(formatValue(trial.value));
    const measurements = (await api.get<ApiPage<unknown>>(`/studies/${single.id}/trials/${trial.number}/measurements`)).body;
    await expectEventually(async () => expect(await details.locator('[data-testid=measurements] tbody tr').count()).toBe(measurements.total));
    // The history plots every completed trial and says so (its canvas's label), with the API's best.
    const complete = trials.filter((t) => t.state === 'COMPLETE');
    const history = page.getByRole('img', { name: /^History of p99/ });
    await expect(history.getAttribute('aria-label')).resolves.toContain(
      `over ${trials.length} trials: ${complete.length} with a value, best ${formatValue(single.best!.value)} at trial ${single.best!.number}, baseline ${formatValue(single.baseline!.value)}`,
    );
    await expect(page.getByRole('group', { name: `Slices of p99 over 2 parameters, ${complete.length} completed trials.` }).count()).resolves.toBe(1);
    // The importance is the API's, most important first.
    const importance = (await api.get<{ parameters?: { name: string }[] }>(`/studies/${single.id}/importance`)).body;
    expect(importance.parameters, JSON.stringify(importance)).toBeDefined();
    await expectEventually(async () => expect(await page.getByRole('img', { name: new RegExp(`^Parameter importance for p99: ${importance.parameters![0].name}`) }).count()).toBe(1));
    // Its trials report no steps: no intermediate values, no Step column.
    expect(await page.getByRole('heading', { name: 'Intermediate values' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Step/ }).count()).toBe(0);
    // The table sorted by value puts the best trial first.
    await page.getByRole('button', { name: /^Value/ }).click();
    await expect(page.locator('tr[data-trial]').first().getAttribute('data-trial')).resolves.toBe(String(single.best!.number));
    await page.screenshot({ path: path.join(DOCS, 'dashboard-study.png'), fullPage: true });
    expect(await overflowsSideways(page)).toBe(false);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('shows a two-objective study with its Pareto front, in the dark theme too', async () => {
    const page = await open(`${stack.url}/#/studies/${pareto.id}`, { width: 1280, height: 800 }, 'dark');
    await expect(page.getByTestId('study-name').textContent()).resolves.toBe(pareto.name);
    await expect(page.getByRole('heading', { name: 'Pareto front' }).count()).resolves.toBe(1);
    const { front } = (await api.get<{ front: { number: number }[] }>(`/studies/${pareto.id}/best`)).body;
    // Two objectives are one scatter (three would be a panel per pair): its label counts the API's front.
    const frontLabel = `: ${front.length} of ${pareto.trials.complete} completed trials are non-dominated and feasible`;
    await expectEventually(async () => expect(await page.locator(`[aria-label*="${frontLabel}"]`).count()).toBe(1));
    await expectEventually(async () => expect(await page.getByTestId('trial-table-count').textContent()).toBe(`${pareto.trials.total} of ${pareto.trials.total}`));
    await page.screenshot({ path: path.join(DOCS, 'dashboard-pareto.png'), fullPage: true });
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it("shows a pruned study's learning curves, one per trial that reported steps, and where a pruned trial was stopped", async () => {
    const trials = await trialsOf(pruned.id);
    const curves = (await api.get<ApiPage<TrialCurve>>(`/studies/${pruned.id}/steps?limit=200`)).body;
    const stopped = trials.filter((t) => t.state === 'PRUNED');
    expect(stopped.length, JSON.stringify(trials.map((t) => [t.number, t.state, t.lastStep]))).toBeGreaterThan(0);
    expect(curves.total).toBe(trials.length);
    const best = curves.items.filter((c) => c.state === 'COMPLETE').reduce((b, c) => (c.values.at(-1)! < b.values.at(-1)! ? c : b));
    const page = await open(`${stack.url}/#/studies/${pruned.id}`);
    await expect(page.getByTestId('study-pruner').textContent()).resolves.toContain('median');
    const chart = page.getByRole('img', { name: /^Intermediate values of loss/ });
    await expectEventually(async () =>
      expect(await chart.getAttribute('aria-label')).toBe(`Intermediate values of loss over ${curves.total} trials: ${stopped.length} pruned, best final ${formatValue(best.values.at(-1))} at trial ${best.number}.`),
    );
    await expectEventually(async () => expect(await page.getByTestId('trial-table-count').textContent()).toBe(`${trials.length} of ${trials.length}`));
    // The Step column sorts like the others: the trial stopped earliest first.
    await page.getByRole('button', { name: /^Step/ }).click();
    const earliest = [...trials].sort((a, b) => (a.lastStep ?? 1e9) - (b.lastStep ?? 1e9) || a.number - b.number)[0];
    await expect(page.locator('tr[data-trial]').first().getAttribute('data-trial')).resolves.toBe(String(earliest.number));
    // A pruned trial's details: the step it was stopped at, the pruner's reason, its steps up to there.
    const trial = stopped[0];
    await page.locator(`tr[data-trial="${trial.number}"]`).click();
    const details = page.getByTestId('trial-details');
    await expect(details.getByTestId('trial-step').textContent()).resolves.toBe(`pruned at step ${trial.lastStep}`);
    await expect(details.getByTestId('trial-error').textContent()).resolves.toMatch(new RegExp(`^pruned at step ${trial.lastStep} by median: `));
    await expectEventually(async () => expect(await details.locator('[data-testid=steps] tbody tr').count()).toBeGreaterThan(0));
    await expect(details.locator('[data-testid=steps] tbody tr').last().locator('td').first().textContent()).resolves.toBe(`${trial.lastStep} (pruned)`);
    await page.screenshot({ path: path.join(DOCS, 'dashboard-pruning.png'), fullPage: true });
    expect(await overflowsSideways(page)).toBe(false);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('fits a phone (390×844) without scrolling sideways', async () => {
    for (const url of [`${stack.url}/`, `${stack.url}/#/studies/${single.id}`, `${stack.url}/#/studies/${pareto.id}`, `${stack.url}/#/studies/${pruned.id}`]) {
      const page = await open(url, { width: 390, height: 844 });
      await page.waitForSelector('main');
      // With a trial's details open too, where there is a table of trials.
      if (url.includes('#/studies/')) await page.locator('tr[data-trial="1"]').click();
      await expectEventually(async () => expect(await overflowsSideways(page)).toBe(false), { timeoutMs: 5_000 });
      await page.close();
    }
  });

  it('adds new trials without a reload, and stops and enqueues from the page', async () => {
    const created = await api.post<StudyDetail>('/studies', slowSpec);
    expect(created.status).toBe(201);
    const id = created.body.id;
    const page = await open(`${stack.url}/#/studies/${id}`);
    const count = async () => Number(((await page.getByTestId('trial-table-count').textContent()) ?? '').split(' ')[0]);
    await expectEventually(async () => expect(await count()).toBeGreaterThan(0), { timeoutMs: 20_000 });
    const before = await count();
    await expectEventually(async () => expect(await count()).toBeGreaterThan(before + 1), { timeoutMs: 20_000 });

    await page.getByRole('button', { name: 'Enqueue configuration…' }).click();
    const form = page.getByRole('form', { name: 'Enqueue a configuration' });
    await form.locator('input[name=x]').fill('0.125');
    await form.locator('input[name=y]').fill('0.75');
    await form.getByRole('button', { name: 'Enqueue' }).click();
    const enqueued = await expectEventually(async () => {
      const found = (await trialsOf(id)).find((t) => t.origin === 'enqueued');
      expect(found?.params).toEqual({ x: 0.125, y: 0.75 });
      return found!;
    });
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(`Enqueued trial ${enqueued.number}`);
    // A bad value is refused by the coordinator, which names the field.
    await page.getByRole('button', { name: 'Enqueue configuration…' }).click();
    await form.locator('input[name=x]').fill('7');
    await form.getByRole('button', { name: 'Enqueue' }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toMatch(/x/);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Stop study' }).click();
    await expectEventually(async () => expect((await api.get<StudyDetail>(`/studies/${id}`)).body.state).toBe('STOPPED'));
    await expectEventually(async () => expect(await page.locator('.study-header .badge').first().textContent()).toBe('STOPPED'));
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  }, 90_000);
});
