import type { TrialRow } from '@attune/core/api/responses';
import { describe, expect, it } from 'vitest';
import { csvCell, trialsCsv, trialsJson } from './trials-export';

const trials: TrialRow[] = [
  { id: 'a', studyId: 's', number: 0, state: 'COMPLETE', params: { threads: 4, codec: 'lz4' }, value: 12.5, metrics: { p99: 12.5 }, createdAt: 'c', startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-01-01T00:00:01Z', traceId: 'f'.repeat(32) },
  { id: 'b', studyId: 's', number: 1, state: 'FAILED', params: { threads: 8, codec: '=cmd()' }, error: 'exit 1: "boom", then\nmore', workerId: 'w1', createdAt: 'c' },
];

describe('trials export', () => {
  it('writes RFC 4180 cells and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('writes a row per trial with a column per parameter and metric', () => {
    const lines = trialsCsv(trials).split('\r\n');
    expect(lines[0]).toBe('number,state,value,origin,feasible,param.threads,param.codec,metric.p99,error,worker,started_at,ended_at,trace_id');
    expect(lines[1]).toBe(`0,COMPLETE,12.5,,,4,lz4,12.5,,,2026-01-01T00:00:00Z,2026-01-01T00:00:01Z,${'f'.repeat(32)}`);
    expect(lines[2]).toBe(`1,FAILED,,,,8,'=cmd(),,"exit 1: ""boom"", then\nmore",w1,,,`);
  });

  it('writes the JSON the API returned', () => {
    expect(JSON.parse(trialsJson(trials))).toEqual(trials);
  });
});
