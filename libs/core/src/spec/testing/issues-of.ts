import { expect } from 'vitest';
import { ValidationError, type ValidationIssue } from '../../errors/attune-error';

/** The issues `parse` throws for `input` (failing the test if it parses, or throws anything but a ValidationError). */
export function issuesOf(parse: (input: unknown) => unknown, input: unknown): ValidationIssue[] {
  try {
    parse(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return [...(e as ValidationError).issues];
  }
  throw new Error('expected a validation error');
}
