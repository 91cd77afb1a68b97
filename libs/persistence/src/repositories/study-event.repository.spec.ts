import type { StudyEvent } from '@attune/core/events/study-event';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedEnv } from '../../../../test/support/isolated-env';
import { expectEventually } from '../../../../test/support/expect-eventually';
import type { EventNotice } from '../events/event-channel';
import { EventNotifications } from '../events/event-notifications';
import { openDataSource } from '../open-data-source';
import { runMigrations } from '../run-migrations';
import { sampleSpec } from './sample-spec.fixture';
import { StudyEventRepository } from './study-event.repository';
import { StudyRepository } from './study.repository';

const iso = createIsolatedEnv();
let ds: DataSource;
let studies: StudyRepository;
let events: StudyEventRepository;

beforeAll(async () => {
  ds = await openDataSource({ url: iso.databaseUrl, schema: iso.schema }, 8);
  await runMigrations(ds);
  studies = new StudyRepository(ds);
  events = new StudyEventRepository(ds);
});
afterAll(async () => {
  await ds?.destroy();
  await iso.cleanup();
});

const ended = (reason: string): StudyEvent => ({ kind: 'study-ended', state: 'STOPPED', reason });

describe('StudyEventRepository', () => {
  it('numbers each study 1, 2, 3, ... in the order given, many studies in one append', async () => {
    const [a, b] = [await studies.insert(sampleSpec()), await studies.insert(sampleSpec())];
    await ds.transaction((tx) =>
      events.append([{ studyId: a.id, event: ended('a1') }, { studyId: b.id, event: ended('b1') }, { studyId: a.id, event: ended('a2') }], 'f6b1c2d3-0000-4000-8000-000000000001', tx),
    );
    await ds.transaction((tx) => events.append([{ studyId: a.id, event: ended('a3') }], undefined, tx));
    const listed = await events.listAfter(a.id, 0, 10);
    expect(listed.map((e) => [e.seq, (e.event as { reason: string }).reason])).toEqual([[1, 'a1'], [2, 'a2'], [3, 'a3']]);
    expect(listed[0]).toMatchObject({ studyId: a.id, origin: 'f6b1c2d3-0000-4000-8000-000000000001', createdAt: expect.any(Date) });
    expect(listed[2]).not.toHaveProperty('origin');
    expect((await events.listAfter(a.id, 1, 1)).map((e) => e.seq)).toEqual([2]);
    expect((await events.listAfter(b.id, 0, 10)).map((e) => e.seq)).toEqual([1]);
    expect((await studies.eventSeqs([a.id, b.id])).get(a.id)).toBe(3);
    const many = await events.listAfterMany(new Map([[a.id, 1], [b.id, 0]]), 1);
    expect(many.map((e) => [e.studyId, e.seq]).sort()).toEqual([[a.id, 2], [b.id, 1]].sort());
  });

  it('stays gap-free under concurrent appends and rollbacks, and commits in sequence order', async () => {
    const s = await studies.insert(sampleSpec());
    const committedOrder: number[] = [];
    const writers = Array.from({ length: 24 }, (_, i) =>
      ds
        .transaction(async (tx) => {
          await studies.lockForEvents([s.id], tx);
          const [record] = await events.append([{ studyId: s.id, event: ended(`w${i}`) }], undefined, tx);
          if (i % 4 === 3) throw new Error('rolled back');
          return record.seq;
        })
        .then((seq) => committedOrder.push(seq), () => undefined),
    );
    await Promise.all(writers);
    const seqs = (await events.listAfter(s.id, 0, 100)).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(committedOrder).toEqual([...committedOrder].sort((x, y) => x - y));
  });

  it('notifies listeners with study:from:to only when the transaction commits', async () => {
    const notices: EventNotice[] = [];
    const listening = new Promise<void>((resolve) => {
      const n = new EventNotifications({ url: iso.databaseUrl, schema: iso.schema }, { onNotice: (x) => notices.push(x), onListening: () => resolve(), onError: () => undefined });
      void n.open();
      afterAll(() => n.close());
    });
    await listening;
    const s = await studies.insert(sampleSpec());
    await ds.transaction((tx) => events.append([{ studyId: s.id, event: ended('kept') }, { studyId: s.id, event: ended('also') }], undefined, tx)).then(() => undefined);
    await ds
      .transaction(async (tx) => {
        await events.append([{ studyId: s.id, event: ended('lost') }], undefined, tx);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await ds.transaction((tx) => events.append([{ studyId: s.id, event: ended('third') }], undefined, tx));
    await expectEventually(() => expect(notices.filter((n) => n.studyId === s.id)).toEqual([{ studyId: s.id, fromSeq: 1, toSeq: 2 }, { studyId: s.id, fromSeq: 3, toSeq: 3 }]));
  });
});
