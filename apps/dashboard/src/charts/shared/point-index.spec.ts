import { describe, expect, it } from 'vitest';
import { PointIndex } from './point-index';

describe('PointIndex', () => {
  const index = new PointIndex([10, 50, 52, Number.NaN], [10, 50, 50, 0], [100, 200, 300, 400]);

  it('finds the nearest point within the radius', () => {
    expect(index.nearest(11, 12, 5)).toBe(100);
    expect(index.nearest(50.5, 50, 5)).toBe(200);
    expect(index.nearest(51.6, 50, 5)).toBe(300);
  });

  it('finds nothing beyond the radius, nor points that are not drawn', () => {
    expect(index.nearest(30, 30, 5)).toBeUndefined();
    expect(index.nearest(Number.NaN, 0, 5)).toBeUndefined();
  });

  it('prefers the later of two equally near points (drawn on top)', () => {
    expect(index.nearest(51, 50, 5)).toBe(300);
  });

  it('looks across cells when the radius is larger than one', () => {
    const wide = new PointIndex([0, 100], [0, 0], [1, 2], 8);
    expect(wide.nearest(30, 0, 40)).toBe(1);
    expect(wide.nearest(30, 0, 20)).toBeUndefined();
  });

  it('locates a drawn item, not an undrawn one', () => {
    expect(index.locate(300)).toEqual([52, 50]);
    expect(index.locate(400)).toBeUndefined();
    expect(index.locate(999)).toBeUndefined();
  });
});
