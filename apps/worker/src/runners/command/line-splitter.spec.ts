import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter';

function split(chunks: (string | Buffer)[], maxLineBytes?: number): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((l) => lines.push(l), maxLineBytes);
  for (const c of chunks) splitter.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('gives each complete line as it arrives, across chunks, without \\n or \\r\\n', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l));
    splitter.push(Buffer.from('{"step": 1}\n{"st'));
    expect(lines).toEqual(['{"step": 1}']);
    splitter.push(Buffer.from('ep": 2}\r\nlast'));
    expect(lines).toEqual(['{"step": 1}', '{"step": 2}']);
    splitter.end();
    expect(lines).toEqual(['{"step": 1}', '{"step": 2}', 'last']);
  });

  it('keeps a character split across chunks whole', () => {
    const bytes = Buffer.from('µs=1\n');
    expect(split([bytes.subarray(0, 1), bytes.subarray(1)])).toEqual(['µs=1']);
  });

  it('skips a line longer than its limit and goes on with the next', () => {
    expect(split(['short\n', 'x'.repeat(6), 'x'.repeat(6), '\nok\n'], 10)).toEqual(['short', 'ok']);
  });
});
