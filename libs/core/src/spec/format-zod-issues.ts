import type { z } from 'zod';
import type { ValidationIssue } from '../errors/attune-error';

/** Renders a path as `parameters[1].min`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
}

/** Turns zod's issues into ours: each names the field and says what is wrong in plain words. */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: formatPath([...issue.path, key]), message: 'is not a known field' });
      continue;
    }
    const member = issue.code === 'invalid_union' ? memberOfTheInputsShape(issue) : undefined;
    if (member) {
      out.push(...formatZodIssues(member.map((i) => ({ ...i, path: [...issue.path, ...i.path] }))));
      continue;
    }
    out.push({ path: formatPath(issue.path), message: describe(issue) });
  }
  return out;
}

/**
 * Of a union none of whose members took the input, the one member whose shape
 * the input has (none of its problems says the input itself is of another type
 * or value): its problems, inside the input, say more than the union's message.
 * Undefined when no member, or several, had the shape.
 */
function memberOfTheInputsShape(issue: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue[] | undefined {
  const shaped = issue.errors.filter((member) => !member.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value')));
  return shaped.length === 1 ? shaped[0] : undefined;
}

function describe(issue: z.core.$ZodIssue): string {
  // A message the schema wrote itself says more than a generic one.
  if (!/^Invalid|^Too (big|small)|^Expected/.test(issue.message) && issue.code !== 'invalid_union') return withInput(issue);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.expected === 'int') return `must be an integer, got ${typeName(issue.input)}`;
      // JSON has no Infinity, but YAML does (.inf).
      if (issue.expected === 'number' && typeof issue.input === 'number') return `must be a finite number, got ${typeName(issue.input)}`;
      return `must be ${article(issue.expected)}, got ${typeName(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      // A discriminated union whose `type` matched no member.
      if ('note' in issue && issue.note === 'No matching discriminator') return describeDiscriminator(issue);
      return issue.message;
    default:
      return issue.message;
  }
}

/** A schema's own message, with the offending value when the issue is about its type. */
function withInput(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  const shown = issue.code === 'invalid_type' && input !== undefined && !(typeof input === 'number' && Number.isNaN(input));
  return shown ? `${issue.message}, got ${typeName(input)}` : issue.message;
}

function describeDiscriminator(issue: z.core.$ZodIssue): string {
  return issue.message.startsWith('Invalid') ? 'must have a type of "float", "int" or "categorical"' : issue.message;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
