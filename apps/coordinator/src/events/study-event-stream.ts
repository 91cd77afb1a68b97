import type { StudyEventRecord } from '@attune/persistence/records/study-event.record';
import type { ServerResponse } from 'node:http';
import { toStudyEventMessage } from './study-event-message';

/** What a stream reads and listens to. */
export interface StreamSource {
  /** Events of the study after `afterSeq`, oldest first, at most `limit`. */
  listAfter(studyId: string, afterSeq: number, limit: number): Promise<StudyEventRecord[]>;
  /** The study's live events; returns the unsubscribe function. */
  subscribe(studyId: string, listener: (record: StudyEventRecord) => void): () => void;
}

export interface StreamOptions {
  /** Time between two heartbeat comments. @default 15000 */
  readonly heartbeatMs?: number;
  /** How long a client that reads nothing may hold back the stream before it is dropped. @default 60000 */
  readonly drainTimeoutMs?: number;
  /** The study had already ended (and was not being verified) when the stream opened: end once caught up, even without a `study-ended` event (older studies). */
  readonly ended?: boolean;
  /** The study's last event: after it the stream ends. @default a `study-ended` event */
  readonly isLast?: (record: StudyEventRecord) => boolean;
}

const PAGE = 100;
// Live events kept while the stream is busy; past this it reads the table instead.
const MAX_BUFFERED = 100;

/**
 * One SSE response: replays the study's events after the resume point from
 * the log, then follows live events, and ends after the study's last event
 * (`study-ended`, or the verdict of the verification that follows it). Memory is
 * bounded whatever the client's speed: it writes a page at a time and waits
 * for the socket to drain; live events arriving meanwhile are buffered up to
 * a bound and otherwise read again from the table. Event ids are the
 * per-study sequence numbers, so `Last-Event-ID` resumes exactly.
 */
export class StudyEventStream {
  private cursor: number;
  private buffer: StudyEventRecord[] = [];
  private pumping = false;
  private dirty = false;
  private closed = false;
  private unsubscribe?: () => void;
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly studyId: string,
    afterSeq: number,
    private readonly res: ServerResponse,
    private readonly source: StreamSource,
    private readonly options: StreamOptions,
    private readonly onClose: () => void,
  ) {
    this.cursor = afterSeq;
  }

  start(): void {
    this.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.res.write('retry: 2000\n\n');
    this.res.on('close', () => this.close());
    this.unsubscribe = this.source.subscribe(this.studyId, (record) => this.onLive(record));
    this.heartbeat = setInterval(() => this.res.write(': keep-alive\n\n'), this.options.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
    void this.pump();
  }

  /** Ends the response (shutdown, or the study ended). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.unsubscribe?.();
    this.buffer = [];
    if (!this.res.writableEnded) this.res.end();
    this.onClose();
  }

  private onLive(record: StudyEventRecord): void {
    if (this.closed || record.seq <= this.cursor) return;
    if (this.buffer.length < MAX_BUFFERED) this.buffer.push(record);
    else this.buffer = []; // the table has them
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.dirty = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.dirty = false;
        await this.catchUp();
      } while (this.dirty && !this.closed);
      if (this.options.ended && !this.closed) this.close();
    } catch {
      // The table could not be read (database gone): the client reconnects with its Last-Event-ID.
      this.res.destroy();
      this.close();
    } finally {
      this.pumping = false;
    }
  }

  private async catchUp(): Promise<void> {
    while (!this.closed) {
      let page = this.takeBuffered();
      if (page.length === 0) page = await this.source.listAfter(this.studyId, this.cursor, PAGE);
      if (page.length === 0) return;
      for (const record of page) {
        if (this.closed || record.seq <= this.cursor) continue;
        const flushed = this.res.write(frame(record));
        this.cursor = record.seq;
        if ((this.options.isLast ?? endsStudy)(record)) return this.close();
        if (!flushed) await this.drained();
      }
    }
  }

  /** Buffered live events that follow the cursor without a gap. */
  private takeBuffered(): StudyEventRecord[] {
    this.buffer = this.buffer.filter((r) => r.seq > this.cursor).sort((a, b) => a.seq - b.seq);
    let n = 0;
    while (n < this.buffer.length && this.buffer[n].seq === this.cursor + n + 1) n += 1;
    return this.buffer.splice(0, n);
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.res.destroy();
        this.close();
        resolve();
      }, this.options.drainTimeoutMs ?? 60_000);
      const done = () => {
        clearTimeout(timer);
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.once('drain', done);
      this.res.once('close', done);
    });
  }
}

/** `id:`, `event:` and `data:` lines of one event. JSON has no raw newline, so data is one line. */
function frame(record: StudyEventRecord): string {
  return `id: ${record.seq}\nevent: ${record.event.kind}\ndata: ${JSON.stringify(toStudyEventMessage(record))}\n\n`;
}

function endsStudy(record: StudyEventRecord): boolean {
  return record.event.kind === 'study-ended';
}
