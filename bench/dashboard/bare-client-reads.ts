// What the coordinator takes to serve a page's reads to a client that does nothing else: its share of the page's time.

/** How long the coordinator took to serve a study's whole event stream to a client that only reads it. */
export interface StreamRead {
  readonly ms: number;
  readonly bytes: number;
  readonly events: number;
}

/**
 * Reads GET /studies/:id/events from the start (no Last-Event-ID, as a page
 * opens it) until the coordinator ends it, counting events: the server's
 * share of the page's replay, without the browser's.
 */
export async function readEventStream(url: string, studyId: string, timeoutMs = 120_000): Promise<StreamRead> {
  const started = performance.now();
  const res = await fetch(`${url}/studies/${studyId}/events`, { headers: { accept: 'text/event-stream' }, signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok || !res.body) throw new Error(`GET /studies/${studyId}/events answered ${res.status}`);
  const decoder = new TextDecoder();
  let bytes = 0;
  let events = 0;
  let tail = '';
  for await (const chunk of res.body) {
    bytes += chunk.byteLength;
    const text = tail + decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    tail = lines.pop() ?? '';
    events += lines.filter((line) => line.startsWith('id: ')).length;
  }
  return { ms: performance.now() - started, bytes, events };
}

/** How long the trial pages took, all requested at once as the page requests them, and their bytes. */
export interface PagesRead {
  readonly ms: number;
  readonly bytes: number;
}

/** Reads GET /studies/:id/trials in pages of `limit`, all at once (apps/dashboard/src/data/load-trials.ts), to the last byte. */
export async function readTrialPages(url: string, studyId: string, count: number, limit = 1000): Promise<PagesRead> {
  const started = performance.now();
  const offsets = Array.from({ length: Math.ceil(count / limit) }, (_, i) => i * limit);
  const sizes = await Promise.all(
    offsets.map(async (offset) => {
      const res = await fetch(`${url}/studies/${studyId}/trials?limit=${limit}&offset=${offset}`);
      if (!res.ok) throw new Error(`GET /studies/${studyId}/trials?offset=${offset} answered ${res.status}`);
      return (await res.arrayBuffer()).byteLength;
    }),
  );
  return { ms: performance.now() - started, bytes: sizes.reduce((a, b) => a + b, 0) };
}
