import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createServiceLogger } from './logger';

function capture(): { stream: PassThrough; lines: () => string[] } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean) };
}

describe('createServiceLogger', () => {
  it('writes one JSON object a line, with the level by name, an ISO time and the service, from LOG_LEVEL up', () => {
    const out = capture();
    const logger = createServiceLogger({ name: 'attune-worker', level: 'log', stream: out.stream });
    logger.debug('not at log level');
    logger.info({ trial_id: 't1' }, 'evaluated');
    logger.warn('careful');
    const [first, second, ...rest] = out.lines().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ level: 'info', name: 'attune-worker', trial_id: 't1', msg: 'evaluated' });
    expect(new Date(String(first.time)).toISOString()).toBe(first.time);
    expect(second).toMatchObject({ level: 'warn', msg: 'careful' });
    // Outside a span (and without tracing), no trace fields.
    expect(first).not.toHaveProperty('trace_id');
  });

  it("maps Nest's level names: verbose is pino's trace, error prints errors only", () => {
    const verbose = capture();
    createServiceLogger({ name: 's', level: 'verbose', stream: verbose.stream }).trace('fine detail');
    expect(verbose.lines()).toHaveLength(1);
    const quiet = capture();
    const logger = createServiceLogger({ name: 's', level: 'error', stream: quiet.stream });
    logger.warn('hidden');
    logger.error('shown');
    expect(quiet.lines().map((l) => JSON.parse(l).msg)).toEqual(['shown']);
  });

  it('writes human-readable lines instead when asked (a terminal)', () => {
    const out = capture();
    createServiceLogger({ name: 'attune-coordinator', level: 'log', stream: Object.assign(out.stream, { isTTY: true }) }).info('listening');
    const [line] = out.lines();
    expect(line).toMatch(/INFO.*\(attune-coordinator\).*: listening/);
    expect(() => JSON.parse(line)).toThrow();
  });
});
