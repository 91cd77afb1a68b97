import { describe, expect, it } from 'vitest';
import type { StudyDriver } from './study-driver.service';
import { maxConcurrentTicks } from './max-concurrent-ticks';
import { TickScheduler } from './tick-scheduler.service';

/** A driver whose ticks finish only when the test says so. */
class GatedDriver {
  readonly calls: { studyId: string; reconcile: boolean }[] = [];
  private gates: (() => void)[] = [];
  running = 0;
  maxRunning = 0;

  /** Studies whose next ticks say they want more, and how many times. */
  readonly wantsMore = new Map<string, number>();

  async tick(studyId: string, options: { reconcile: boolean }): Promise<{ acquired: boolean; more: boolean }> {
    this.calls.push({ studyId, ...options });
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    await new Promise<void>((resolve) => this.gates.push(resolve));
    this.running -= 1;
    const more = this.wantsMore.get(studyId) ?? 0;
    if (more > 0) this.wantsMore.set(studyId, more - 1);
    return { acquired: true, more: more > 0 };
  }

  /** Lets every tick started so far finish. */
  openAll(): void {
    this.gates.splice(0).forEach((open) => open());
  }
}

async function settle(driver: GatedDriver, scheduler: TickScheduler): Promise<void> {
  const done = scheduler.idle();
  for (let i = 0; i < 20; i++) {
    driver.openAll();
    await new Promise((r) => setImmediate(r));
  }
  await done;
}

describe('TickScheduler', () => {
  it('runs one tick at a time per study and coalesces requests made during a tick into one more', async () => {
    const driver = new GatedDriver();
    const scheduler = new TickScheduler(driver as unknown as StudyDriver, { databasePoolSize: 10 });
    scheduler.request('a');
    for (let i = 0; i < 5; i++) scheduler.request('a', { reconcile: i === 2 });
    await settle(driver, scheduler);
    expect(driver.calls).toEqual([
      { studyId: 'a', reconcile: false },
      { studyId: 'a', reconcile: true },
    ]);
  });

  it('ticks different studies side by side, at most four at once', async () => {
    const driver = new GatedDriver();
    const scheduler = new TickScheduler(driver as unknown as StudyDriver, { databasePoolSize: 10 });
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) scheduler.request(id);
    await new Promise((r) => setImmediate(r));
    expect(driver.running).toBe(4);
    await settle(driver, scheduler);
    expect(driver.calls.map((c) => c.studyId).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(driver.maxRunning).toBe(4);
  });

  it('ticks a study again at once while its ticks say they proposed only part of what it needs', async () => {
    const driver = new GatedDriver();
    driver.wantsMore.set('a', 2);
    const scheduler = new TickScheduler(driver as unknown as StudyDriver, { databasePoolSize: 10 });
    scheduler.request('a');
    await settle(driver, scheduler);
    expect(driver.calls.map((c) => c.studyId)).toEqual(['a', 'a', 'a']);
  });

  it('runs at most 2/5 of the database pool at once', async () => {
    const driver = new GatedDriver();
    const scheduler = new TickScheduler(driver as unknown as StudyDriver, { databasePoolSize: 5 });
    for (const id of ['a', 'b', 'c', 'd']) scheduler.request(id);
    await new Promise((r) => setImmediate(r));
    expect(driver.running).toBe(2);
    await settle(driver, scheduler);
    expect(driver.maxRunning).toBe(2);
    expect([2, 3, 4, 10, 25].map(maxConcurrentTicks)).toEqual([1, 1, 1, 4, 10]);
  });

  it('takes no requests once shutting down, after the running ticks finish', async () => {
    const driver = new GatedDriver();
    const scheduler = new TickScheduler(driver as unknown as StudyDriver, { databasePoolSize: 10 });
    scheduler.request('a');
    const closing = scheduler.onModuleDestroy();
    scheduler.request('b');
    driver.openAll();
    await closing;
    expect(driver.calls.map((c) => c.studyId)).toEqual(['a']);
  });
});
