import { describe, expect, it } from 'vitest';
import { rampLabels, rankColours } from './objective-colours';

describe('rankColours', () => {
  it('puts the worst at 0 and the best at 1 by rank, whatever the spread', () => {
    expect(Array.from(rankColours([1, 1000, 2, 3, 4], 'minimize'))).toEqual([1, 0, 0.75, 0.5, 0.25]);
    expect(Array.from(rankColours([1, 1000, 2, 3, 4], 'maximize'))).toEqual([0, 1, 0.25, 0.5, 0.75]);
  });

  it('gives ties one position and leaves missing values NaN', () => {
    const t = Array.from(rankColours([5, Number.NaN, 5, 1], 'minimize'));
    expect(t[0]).toBe(0.25);
    expect(t[2]).toBe(0.25);
    expect(t[1]).toBeNaN();
    expect(t[3]).toBe(1);
  });

  it('colours one value, or all equal values, in the middle or the best end', () => {
    expect(Array.from(rankColours([7], 'minimize'))).toEqual([1]);
    expect(Array.from(rankColours([7, 7, 7], 'minimize'))).toEqual([0.5, 0.5, 0.5]);
    expect(Array.from(rankColours([], 'minimize'))).toEqual([]);
  });
});

describe('rampLabels', () => {
  it('labels the worst, median and best values by direction', () => {
    expect(rampLabels([3, 1, 2, 10], 'minimize')).toEqual({ worst: 10, median: 2.5, best: 1 });
    expect(rampLabels([3, 1, Number.NaN, 2], 'maximize')).toEqual({ worst: 1, median: 2, best: 3 });
    expect(rampLabels([Number.NaN], 'maximize')).toBeUndefined();
  });
});
