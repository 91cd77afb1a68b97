import type { StudyEventRecord } from '@attune/persistence/records/study-event.record';
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { expectEventually } from '../../../../test/support/expect-eventually';
import { StudyEventStream, type StreamSource } from './study-event-stream';

const studyId = '00000000-0000-4000-8000-000000000001';
const trialId = '00000000-0000-4000-8000-000000000002';
const record = (seq: number): StudyEventRecord => ({ studyId, seq, event: { kind: 'trial-started', trialId, number: seq }, createdAt: new Date(0) });

/** A log of `n` events, counting the pages read, and a live feed the test drives. */
function source(n: number) {
  const reads: number[] = [];
  let live: ((r: StudyEventRecord) => void) | undefined;
  const src: StreamSource = {
    listAfter: async (_id, after, limit) => {
      reads.push(after);
      return Array.from({ length: Math.max(0, Math.min(limit, n - after)) }, (_, i) => record(after + i + 1));
    },
    subscribe: (_id, listener) => {
      live = listener;
      return () => (live = undefined);
    },
  };
  return { src, reads, push: (r: StudyEventRecord) => live?.(r) };
}

/** A response whose client reads nothing: every write beyond a few bytes waits for a drain that never comes. */
function stuckResponse(): ServerResponse & { written: string } {
  const res = new Writable({ highWaterMark: 16, write: () => undefined }) as unknown as ServerResponse & { written: string };
  res.written = '';
  const write = res.write.bind(res);
  Object.assign(res, { writeHead: () => res, write: (chunk: string) => ((res.written += chunk), write(chunk)) });
  return res;
}

describe('StudyEventStream', () => {
  it('reads one page at a time for a client that does not read, then drops it', async () => {
    const { src, reads, push } = source(10_000);
    const res = stuckResponse();
    let closed = false;
    new StudyEventStream(studyId, 0, res, src, { drainTimeoutMs: 50 }, () => (closed = true)).start();
    for (let i = 1; i <= 1000; i++) push(record(10_000 + i));
    await expectEventually(() => expect(closed).toBe(true));
    expect(reads).toEqual([0]);
    expect(res.destroyed).toBe(true);
    expect(res.written.match(/^id: /gm)).toHaveLength(1);
  });

  it('writes live events that follow the replay in order, once each, and ends after study-ended', async () => {
    const { src, push } = source(3);
    const chunks: string[] = [];
    const res = new Writable({ write: (chunk, _e, cb) => (chunks.push(String(chunk)), cb()) }) as unknown as ServerResponse;
    Object.assign(res, { writeHead: () => res });
    let closed = false;
    new StudyEventStream(studyId, 1, res, src, {}, () => (closed = true)).start();
    await expectEventually(() => expect(chunks.join('').match(/^id: \d+/gm)).toEqual(['id: 2', 'id: 3']));
    push(record(3));
    push(record(4));
    push({ studyId, seq: 5, event: { kind: 'study-ended', state: 'STOPPED', reason: 'stopped by user' }, createdAt: new Date(0) });
    await expectEventually(() => expect(closed).toBe(true));
    const text = chunks.join('');
    expect(text.match(/^id: \d+/gm)).toEqual(['id: 2', 'id: 3', 'id: 4', 'id: 5']);
    expect(text).toContain('event: study-ended\ndata: {"studyId":');
  });
});
