import type { Browser, CDPSession, Page } from 'playwright-core';
import { quantile } from '../bench-stats';
import { installProbe, probeLoaded, probeNotes, probeStreamEnded, requestTimings, scrollByFrames, type RequestTiming } from './page-probe';

/** Bytes a load moved over the wire, by what they were for. */
export interface Transfer {
  readonly total: number;
  readonly document: number;
  readonly assets: number;
  readonly trialPages: number;
  /** The study's event stream, as much of it as had arrived. */
  readonly eventStream: number;
  readonly otherApi: number;
  readonly requests: number;
}

/** One load of a study's page and what it cost. */
export interface LoadSample {
  readonly mode: 'cold' | 'warm';
  /** Navigation start → the frame after the table's count read "N of N". */
  readonly loadMs: number;
  /** When the last script or style arrived. */
  readonly assetsEndMs: number;
  /** The trial pages: how many, first request sent → last response in, the slowest one alone. */
  readonly trialPages: { readonly count: number; readonly spanMs: number; readonly slowestMs: number; readonly firstStartMs: number };
  /** GET /studies/:id, start to end. */
  readonly studyMs?: number;
  /** The requests made before the load was complete. */
  readonly transfer: Transfer;
  /** What the page fetched after the load until it was weighed (refreshes the replayed events asked for). */
  readonly afterLoad: { readonly bytes: number; readonly requests: number };
  /** Navigation start → `study-ended` delivered by the event stream, and how many events came (absent if it did not end in time). */
  readonly streamEndedMs?: number;
  readonly eventsReplayed?: number;
  /** Frame gaps from the load to the stream's end, p95 and max. */
  readonly replayFrames: { readonly p95: number; readonly max: number; readonly count: number };
  /** Event streams the page opened: none for an ended study, which the page does not follow. */
  readonly streamsOpened: number;
  /** JS heap in use after a garbage collection, the load settled. */
  readonly heapBytes: number;
  /** Frame gaps while the trial table was scrolled (see scrollByFrames). */
  readonly scrollFrames: readonly number[];
  readonly pageErrors: readonly string[];
}

const LOAD_TIMEOUT_MS = 60_000;
const STREAM_TIMEOUT_MS = 60_000;
/** Frames scrolled each way: 120 jumps to the bottom, 120 wheel steps of three rows back up. */
const SCROLL = { label: 'Trials table', jumps: 120, wheel: 96 };

/**
 * A fresh browser context (an empty cache) on the study's page, then a
 * reload of the same page (a warm cache): each load measured, and the table
 * scrolled after it.
 */
export async function coldAndWarmLoads(browser: Browser, pageUrl: string, trials: number): Promise<LoadSample[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // A refusal the page shows (the 404 of a study never verified) is logged by the browser too: not an error of the page.
    page.on('console', (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()));
    await page.addInitScript(installProbe, `${trials} of ${trials}`);
    const cdp = await context.newCDPSession(page);
    const cold = await measureLoad(page, cdp, 'cold', () => page.goto(pageUrl, { waitUntil: 'commit' }), errors);
    const warm = await measureLoad(page, cdp, 'warm', () => page.reload({ waitUntil: 'commit' }), errors);
    return [cold, warm];
  } finally {
    await context.close();
  }
}

async function measureLoad(page: Page, cdp: CDPSession, mode: LoadSample['mode'], navigate: () => Promise<unknown>, errors: string[]): Promise<LoadSample> {
  errors.length = 0;
  await navigate();
  await page.waitForFunction(probeLoaded, null, { timeout: LOAD_TIMEOUT_MS, polling: 100 });
  // A stream that does not end in time leaves its figures out (the table says how many ended), not the load's.
  await page.waitForFunction(probeStreamEnded, null, { timeout: STREAM_TIMEOUT_MS, polling: 200 }).catch(() => undefined);
  // Let the last refresh the events caused land before the page is weighed and scrolled.
  await page.waitForTimeout(500);
  const notes = await page.evaluate(probeNotes);
  const timings = await page.evaluate(requestTimings);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const scroll = await page.evaluate(scrollByFrames, SCROLL);
  // Within a few rows of the end: the browser's scroll anchoring moves the position a little as the last rows are drawn.
  if (scroll.max <= 0 || scroll.bottom < scroll.max - 100 || scroll.rowsAtBottom === 0) {
    throw new Error(`the trial table did not scroll to its end (scrolled ${scroll.bottom} of ${scroll.max} px, ${scroll.rowsAtBottom} rows drawn there)`);
  }
  return {
    mode,
    loadMs: notes.loaded!.frame,
    ...requestFigures(timings.filter((t) => t.startTime <= notes.loaded!.frame)),
    afterLoad: afterLoad(timings.filter((t) => t.startTime > notes.loaded!.frame)),
    ...(notes.streamEnded && { streamEndedMs: notes.streamEnded.at, eventsReplayed: notes.streamEnded.lastEventId }),
    replayFrames: { p95: quantile(notes.replayFrames, 0.95), max: Math.max(0, ...notes.replayFrames), count: notes.replayFrames.length },
    streamsOpened: notes.streamsOpened,
    heapBytes: heap.usedSize,
    scrollFrames: scroll.frames,
    pageErrors: [...errors],
  };
}

function afterLoad(timings: readonly RequestTiming[]): LoadSample['afterLoad'] {
  return { bytes: timings.reduce((n, t) => n + t.transferSize, 0), requests: timings.length };
}

type RequestFigures = Pick<LoadSample, 'assetsEndMs' | 'trialPages' | 'studyMs' | 'transfer'>;

/** Where a load's time and bytes went, from the requests it made. */
function requestFigures(timings: readonly RequestTiming[]): RequestFigures {
  const kindOf = (t: RequestTiming) => {
    const path = new URL(t.url).pathname;
    if (t.kind === 'navigation') return 'document';
    if (path.startsWith('/assets/')) return 'assets';
    if (/^\/studies\/[^/]+\/events$/.test(path)) return 'eventStream';
    return /^\/studies\/[^/]+\/trials$/.test(path) ? 'trialPages' : 'otherApi';
  };
  const of = (kind: string) => timings.filter((t) => kindOf(t) === kind);
  const bytes = (kind: string) => of(kind).reduce((n, t) => n + t.transferSize, 0);
  const pages = of('trialPages');
  const study = timings.find((t) => /^\/studies\/[^/]+$/.test(new URL(t.url).pathname));
  const firstStartMs = Math.min(...pages.map((t) => t.startTime));
  return {
    assetsEndMs: Math.max(0, ...of('assets').map((t) => t.responseEnd)),
    trialPages: {
      count: pages.length,
      spanMs: Math.max(...pages.map((t) => t.responseEnd)) - firstStartMs,
      slowestMs: Math.max(...pages.map((t) => t.responseEnd - t.startTime)),
      firstStartMs,
    },
    ...(study && { studyMs: study.responseEnd - study.startTime }),
    transfer: {
      total: timings.reduce((n, t) => n + t.transferSize, 0),
      document: bytes('document'),
      assets: bytes('assets'),
      trialPages: bytes('trialPages'),
      eventStream: bytes('eventStream'),
      otherApi: bytes('otherApi'),
      requests: timings.length,
    },
  };
}
