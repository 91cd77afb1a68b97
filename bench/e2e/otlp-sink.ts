import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One export an OTLP sink received. */
export interface OtlpExport {
  /** /v1/traces or /v1/metrics. */
  readonly path: string;
  readonly bytes: number;
  /** How many spans a /v1/traces export held, by name. */
  readonly spans?: Readonly<Record<string, number>>;
  /** The OTLP/JSON body, when the sink keeps bodies. */
  readonly body?: unknown;
}

/** A local OTLP/HTTP receiver: answers 200 to every POST, and remembers what came. */
export interface OtlpSink {
  /** The base URL, for OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly url: string;
  readonly exports: readonly OtlpExport[];
  close(): Promise<void>;
}

/**
 * Starts the smallest OTLP/HTTP receiver that keeps exporters happy: 200 `{}`
 * to each POST /v1/traces and /v1/metrics (404 otherwise), bodies parsed as
 * OTLP/JSON when `keepBodies` (tests read them; the bench only counts).
 * On 127.0.0.1, at `port` (@default 0: any free one).
 */
export async function startOtlpSink(options: { keepBodies?: boolean; port?: number } = {}): Promise<OtlpSink> {
  const exports: OtlpExport[] = [];
  const server: Server = createServer((request, response) => {
    void readBody(request).then((raw) => {
      const path = request.url ?? '';
      if (request.method !== 'POST' || !['/v1/traces', '/v1/metrics'].includes(path)) {
        response.writeHead(404).end();
        return;
      }
      const body = parseJson(raw);
      exports.push({ path, bytes: raw.length, ...(path === '/v1/traces' && { spans: spanNames(body) }), ...(options.keepBodies && { body }) });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exports,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Exporters keep their connections alive; close() alone would wait for them.
        server.closeAllConnections();
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Span names of an OTLP/JSON traces body, counted. */
function spanNames(body: unknown): Record<string, number> {
  const counts: Record<string, number> = {};
  const resourceSpans = (body as { resourceSpans?: { scopeSpans?: { spans?: { name: string }[] }[] }[] } | undefined)?.resourceSpans ?? [];
  for (const span of resourceSpans.flatMap((rs) => (rs.scopeSpans ?? []).flatMap((ss) => ss.spans ?? []))) counts[span.name] = (counts[span.name] ?? 0) + 1;
  return counts;
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}
