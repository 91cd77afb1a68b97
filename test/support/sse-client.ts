import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** What an SSE response was, as tests read it. */
export interface SseResult {
  readonly status: number;
  readonly headers: Headers;
  readonly events: EventSourceMessage[];
  /** True when the server ended the stream (as opposed to the reader stopping). */
  readonly ended: boolean;
}

/**
 * Reads a Server-Sent Events response with Node's fetch, until the server
 * ends it or `stopAfter` events arrived (then the connection is dropped, as a
 * lost network would).
 */
export async function readSse(url: string, options: { headers?: Record<string, string>; stopAfter?: number } = {}): Promise<SseResult> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...options.headers }, signal: abort.signal });
  const events: EventSourceMessage[] = [];
  if (!res.ok || !res.body) return { status: res.status, headers: res.headers, events, ended: true };
  const parser = createParser({ onEvent: (e) => events.push(e) });
  const decoder = new TextDecoder();
  let stopped = false;
  try {
    for await (const chunk of res.body) {
      parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
      if (options.stopAfter !== undefined && events.length >= options.stopAfter) {
        stopped = true;
        abort.abort();
        break;
      }
    }
  } catch (e) {
    if (!stopped) throw e;
  }
  const kept = stopped ? events.slice(0, options.stopAfter) : events;
  return { status: res.status, headers: res.headers, events: kept, ended: !stopped };
}
