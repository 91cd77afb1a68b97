import { describe, expect, it } from 'vitest';
import { escapeControls, escapeJsonText } from './terminal-text';

describe('escapeControls', () => {
  it('writes escape sequences, line breaks, C1 controls and bidi overrides as visible escapes', () => {
    expect(escapeControls('a\u001b[2J\u001b[Hb\r\nc\u009b31m\u202eevil\u0000')).toBe('a\\x1b[2J\\x1b[Hb\\x0d\\x0ac\\x9b31m\\u202eevil\\x00');
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    expect(escapeControls('Étude ✓ 🚀 x=1, y="a b"')).toBe('Étude ✓ 🚀 x=1, y="a b"');
  });
});

describe('escapeJsonText', () => {
  it('escapes what JSON.stringify leaves raw, keeping the same value', () => {
    const value = { name: 'x\u009b2J\u202e\u001b' };
    const text = escapeJsonText(JSON.stringify(value, null, 2));
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
