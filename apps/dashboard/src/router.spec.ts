import { describe, expect, it } from 'vitest';
import { hrefOf, routeOf } from './router';

describe('dashboard routes', () => {
  it('reads a study page and the list from the hash', () => {
    expect(routeOf('#/studies/0b0e8d4c-1f6b-4a84-9c8e-2d3b1a0c9e11')).toEqual({ page: 'study', id: '0b0e8d4c-1f6b-4a84-9c8e-2d3b1a0c9e11' });
    expect(routeOf('')).toEqual({ page: 'studies' });
    expect(routeOf('#/')).toEqual({ page: 'studies' });
    expect(routeOf('#/studies/')).toEqual({ page: 'studies' });
    expect(routeOf('#/studies/a/b')).toEqual({ page: 'studies' });
  });

  it('writes links that read back as the same route', () => {
    const route = { page: 'study', id: 'a b/c' } as const;
    expect(routeOf(hrefOf(route))).toEqual(route);
    expect(hrefOf({ page: 'studies' })).toBe('#/');
  });
});
