// This file's functions run in the page (playwright serialises them): they use only what the browser has.

// The browser's globals, as far as these functions use them: this program is compiled for Node, without the DOM library.
interface PageElement {
  readonly textContent: string | null;
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  querySelectorAll(selector: string): { readonly length: number };
}
interface PageEventSource {
  addEventListener(type: string, listener: (e: { readonly lastEventId: string }) => void): void;
}
type PageEventSourceClass = new (url: string | URL, init?: object) => PageEventSource;
interface PageTiming {
  readonly name: string;
  readonly initiatorType?: string;
  readonly startTime: number;
  readonly responseStart: number;
  readonly responseEnd: number;
  readonly transferSize: number;
  readonly encodedBodySize: number;
}
declare const window: { __bench?: ProbeNotes; EventSource: PageEventSourceClass };
declare const document: { querySelector(selector: string): PageElement | null };
declare const performance: { now(): number; getEntriesByType(type: 'navigation' | 'resource'): PageTiming[] };
declare const MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
declare function requestAnimationFrame(callback: (now: number) => void): number;

/** What the probe notes in the page, on `window.__bench`. */
export interface ProbeNotes {
  /** When the trial table's count first read "N of N" (ms from navigation start), and the start of the frame after it. */
  loaded?: { seen: number; frame: number };
  /** How many event streams the page opened (it follows a study only while something can change). */
  streamsOpened: number;
  /** When the event stream delivered `study-ended`, and that event's id (the number of events replayed). */
  streamEnded?: { at: number; lastEventId: number };
  /** Frame gaps (ms) from the load until the stream ended: how the page kept up while it replayed the event log. */
  replayFrames: number[];
}

/**
 * Installed before the page's own scripts (page.addInitScript): watches the
 * DOM for the trial table's count to read `expected`, notes the `study-ended`
 * event of every EventSource the page opens, and times frames in between.
 */
export function installProbe(expected: string): void {
  const notes: ProbeNotes = { replayFrames: [], streamsOpened: 0 };
  window.__bench = notes;
  let last = 0;
  // The gap that spans the stream's end counts too: a page too busy to draw shows as one long gap.
  const frame = (now: number) => {
    notes.replayFrames.push(now - last);
    last = now;
    if (!notes.streamEnded && notes.streamsOpened > 0) requestAnimationFrame(frame);
  };
  const observer = new MutationObserver(() => {
    const count = document.querySelector('[data-testid=trial-table-count]');
    if (count?.textContent?.trim() !== expected) return;
    observer.disconnect();
    const seen = performance.now();
    requestAnimationFrame((now) => {
      notes.loaded = { seen, frame: now };
      last = now;
      requestAnimationFrame(frame);
    });
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
  const Native = window.EventSource;
  window.EventSource = class extends Native {
    constructor(url: string | URL, init?: object) {
      super(url, init);
      notes.streamsOpened += 1;
      this.addEventListener('study-ended', (e) => (notes.streamEnded = { at: performance.now(), lastEventId: Number(e.lastEventId) }));
    }
  };
}

/** Whether the probe saw the table complete. */
export const probeLoaded = (): boolean => window.__bench?.loaded !== undefined;

/** Whether the probe saw the event stream end. */
/** The page opened no event stream (an ended study), or its stream delivered `study-ended`. */
export const probeStreamEnded = (): boolean => window.__bench !== undefined && (window.__bench.streamsOpened === 0 || window.__bench.streamEnded !== undefined);

/** What the probe noted. */
export const probeNotes = (): ProbeNotes => window.__bench!;

/** One request the page made, from the Resource Timing API (ms from navigation start, bytes). */
export interface RequestTiming {
  readonly url: string;
  readonly kind: string;
  readonly startTime: number;
  readonly responseStart: number;
  readonly responseEnd: number;
  /** Bytes over the wire, headers included (0 when served from the cache). */
  readonly transferSize: number;
  readonly encodedBodySize: number;
}

/** The document's own request and every resource the page fetched so far. */
export function requestTimings(): RequestTiming[] {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  return entries.map((e) => ({
    url: e.name,
    kind: e.initiatorType ?? 'navigation',
    startTime: e.startTime,
    responseStart: e.responseStart,
    responseEnd: e.responseEnd,
    transferSize: e.transferSize,
    encodedBodySize: e.encodedBodySize,
  }));
}

/**
 * Scrolls `[aria-label=label]` one step a frame, timing the gap between
 * frames: first top to bottom in `jumps` steps (a scroll bar dragged: every
 * frame shows rows not drawn before), then back up by `wheel` px a frame for
 * `jumps` frames (a wheel or a trackpad). Returns the gaps, and how far it got.
 */
export function scrollByFrames({ label, jumps, wheel }: { label: string; jumps: number; wheel: number }): Promise<{ frames: number[]; max: number; bottom: number; rowsAtBottom: number }> {
  const el = document.querySelector(`[aria-label="${label}"]`);
  if (!el) return Promise.reject(new Error(`no element labelled "${label}"`));
  let max = el.scrollHeight - el.clientHeight;
  const frames: number[] = [];
  let step = 0;
  let bottom = 0;
  let rowsAtBottom = 0;
  return new Promise((resolve) => {
    let last = 0;
    const tick = (now: number) => {
      if (step > 0) frames.push(now - last);
      last = now;
      step++;
      // A frame after the last jump: its scroll event has been handled and its rows drawn.
      if (step === jumps + 1) {
        // The table's height is known only once its last rows are drawn: the end is measured there.
        max = el.scrollHeight - el.clientHeight;
        bottom = el.scrollTop;
        rowsAtBottom = el.querySelectorAll('tr[data-trial]').length;
      }
      if (step <= jumps) el.scrollTop = Math.round((max * step) / jumps);
      else if (step <= 2 * jumps) el.scrollTop = Math.max(0, el.scrollTop - wheel);
      else return resolve({ frames, max, bottom, rowsAtBottom });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}
