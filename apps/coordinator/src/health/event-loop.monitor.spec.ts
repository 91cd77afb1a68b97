import { afterEach, describe, expect, it } from 'vitest';
import { EventLoopMonitor } from './event-loop.monitor';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Keeps the event loop busy: every timer (the monitor's too) fires at least `ms` late. */
function block(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

describe('EventLoopMonitor', () => {
  let monitor: EventLoopMonitor | undefined;
  afterEach(() => monitor?.stop());

  it('reports zeros before its first sample', () => {
    monitor = new EventLoopMonitor();
    expect(monitor.stats()).toMatchObject({ delayP50Ms: 0, delayP99Ms: 0, delayMaxMs: 0 });
  });

  it('sees a blocked event loop in its maximum, not in its median', async () => {
    monitor = new EventLoopMonitor(60_000, 5);
    monitor.start();
    await tick(100);
    block(200);
    await tick(100);
    const stats = monitor.stats();
    expect(stats.delayMaxMs).toBeGreaterThanOrEqual(150);
    expect(stats.delayP50Ms).toBeLessThan(stats.delayMaxMs);
  });

  it('forgets a stall once both histograms restarted after it, and reports the span it covers', async () => {
    let now = 0;
    monitor = new EventLoopMonitor(60_000, 5, () => now);
    monitor.start();
    await tick(50);
    block(200);
    await tick(50);
    now = 5000;
    monitor.rotate();
    expect(monitor.stats()).toMatchObject({ windowSec: 5 });
    expect(monitor.stats().delayMaxMs).toBeGreaterThanOrEqual(150);
    now = 10_000;
    monitor.rotate();
    await tick(50);
    expect(monitor.stats()).toMatchObject({ windowSec: 5 });
    expect(monitor.stats().delayMaxMs).toBeLessThan(150);
  });
});
