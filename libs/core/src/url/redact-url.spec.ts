import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactUrl('postgres://attune:s3cret@db:5432/attune')).toBe('postgres://attune:***@db:5432/attune');
    expect(redactUrl('redis://:s3cret@127.0.0.1:6379')).toBe('redis://:***@127.0.0.1:6379');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  it('gives back what is not a URL as it is', () => {
    expect(redactUrl('not a url')).toBe('not a url');
  });
});
