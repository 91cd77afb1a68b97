import type { ValidationIssue } from '../errors/attune-error';
import { formatPath } from './format-zod-issues';
import { isReservedName, RESERVED_NAME_RULE } from './reserved-names';

// A paired surrogate is one code point under the u flag, so this finds only unpaired halves.
const LONE_SURROGATE = /[\ud800-\udfff]/u;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_TAB_AND_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** True when text can be stored and printed as it is: no NUL and no unpaired surrogate (PostgreSQL's text and jsonb refuse both). */
export function isStorable(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/** True when text holds a control character (C0, DEL or C1): what moves a terminal's cursor or clears its screen. */
export function hasControlCharacter(text: string, allowTabAndNewline = false): boolean {
  return (allowTabAndNewline ? CONTROL_BUT_TAB_AND_NEWLINE : CONTROL).test(text);
}

const UNSTORABLE_KEY_RULE = 'holds NUL (\\u0000) or an unpaired UTF-16 surrogate: it could not be stored';
const UNSTORABLE_RULE = 'must not hold NUL (\\u0000) or an unpaired UTF-16 surrogate: it could not be stored';

/**
 * Every string and key anywhere in a submitted document that cannot be
 * stored, and every reserved key (see RESERVED_NAMES). Walks iteratively, so
 * a deeply nested body cannot exhaust the stack.
 */
export function checkStorableDocument(input: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as (typeof stack)[number];
    if (typeof value === 'string' && !isStorable(value)) issues.push({ path: formatPath(path), message: UNSTORABLE_RULE });
    if (typeof value !== 'object' || value === null) continue;
    const entries: [PropertyKey, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [key, child] of entries.reverse()) {
      const at = [...path, key];
      if (typeof key === 'string' && !isStorable(key)) issues.push({ path: formatPath([...path, escapeUnstorable(key)]), message: `is a key that ${UNSTORABLE_KEY_RULE}` });
      else if (typeof key === 'string' && isReservedName(key)) issues.push({ path: formatPath(at), message: RESERVED_NAME_RULE });
      stack.push({ value: child, path: at });
    }
  }
  return issues;
}

/** The key as it can be shown: NUL and unpaired surrogates as \u escapes. */
function escapeUnstorable(key: string): string {
  return key.replace(/\u0000|[\ud800-\udfff]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
