import { describe, expect, it } from 'vitest';
import { cookieValue } from './api-client';

describe('cookieValue', () => {
  it('finds a cookie by its exact name among others, decoded', () => {
    expect(cookieValue('attune_csrf', 'theme=dark; attune_csrf=abc-_123; other=x')).toBe('abc-_123');
    expect(cookieValue('attune_csrf', 'attune_csrf=a%3Db')).toBe('a=b');
    expect(cookieValue('attune_csrf', 'my_attune_csrf=no; attune_csrf_x=no')).toBeUndefined();
  });

  it('is undefined when absent or cleared (signed out)', () => {
    expect(cookieValue('attune_csrf', '')).toBeUndefined();
    expect(cookieValue('attune_csrf', 'attune_csrf=')).toBeUndefined();
  });
});
