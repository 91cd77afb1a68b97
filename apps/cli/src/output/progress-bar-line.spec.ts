import { describe, expect, it } from 'vitest';
import { progressBarLine, type ProgressBarState } from './progress-bar-line';

const state: ProgressBarState = { name: 'branin-demo', finished: 12, total: 30, running: 4, failed: 1, best: '0.41', elapsedMs: 12_300, etaMs: 18_450 };

describe('progressBarLine', () => {
  it('shows counts, best, elapsed time and ETA on a wide terminal', () => {
    expect(progressBarLine(state, 120)).toBe(`branin-demo [${'█'.repeat(12)}${'░'.repeat(18)}] 12/30 | 4 running | 1 failed | best 0.41 | 12.3s elapsed | ETA 18.4s`);
  });

  it.each([100, 80, 60, 40, 30, 20])('fits a terminal %i columns wide, short of its last column', (width) => {
    const line = progressBarLine({ ...state, name: 'a-study-with-a-rather-long-name' }, width);
    expect(line.length).toBeLessThanOrEqual(width - 1);
    expect(line).toContain('12/30');
  });

  it('drops the least useful parts first on a narrow terminal', () => {
    const line = progressBarLine(state, 70);
    expect(line).toContain('best 0.41');
    expect(line).toContain('ETA');
    expect(line).not.toContain('running');
  });

  it('says the ETA is unknown before a trial finished, and escapes control characters in the name', () => {
    expect(progressBarLine({ ...state, name: 'x\u001b[2J', finished: 0, etaMs: undefined }, 200)).toMatch(/^x\\x1b\[2J \[░+\] 0\/30 .*ETA \?$/);
  });
});
