import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** An attribute value as OTLP/JSON writes it, flattened. */
export type OtlpValue = string | number | boolean | OtlpValue[] | undefined;

/** One exported span, flattened: ids in hex, attributes as a plain object, the service from its resource. */
export interface ReceivedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  /** Absent on a root. */
  readonly parentSpanId?: string;
  readonly name: string;
  /** OTLP's SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  readonly kind: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly attributes: Readonly<Record<string, OtlpValue>>;
  /** OTLP's status code: 0 unset, 1 ok, 2 error. */
  readonly status: { readonly code: number; readonly message?: string };
  readonly links: readonly { readonly traceId: string; readonly spanId: string; readonly attributes: Readonly<Record<string, OtlpValue>> }[];
}

interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}
interface OtlpAnyValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: OtlpAnyValue[] };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: OtlpKeyValue[];
  status?: { code?: number; message?: string };
  links?: { traceId: string; spanId: string; attributes?: OtlpKeyValue[] }[];
}
interface ExportTraceServiceRequest {
  resourceSpans?: { resource?: { attributes?: OtlpKeyValue[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}

/**
 * An OTLP/HTTP receiver for tests: accepts POST /v1/traces and /v1/metrics
 * as JSON (what Attune's exporters send), answers 200, and keeps what came.
 * Traces are decoded into flat spans; metric requests are kept as they came
 * (ExportMetricsServiceRequest JSON) for tests to read. Point processes at
 * it with OTEL_EXPORTER_OTLP_ENDPOINT = `endpoint`.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly metricRequests: unknown[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void readBody(request).then(
        (body) => {
          const status = this.accept(request.method, request.url, body);
          response.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{}' : '');
        },
        () => response.writeHead(400).end(),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.endpoint;
  }

  /** The base URL to set as OTEL_EXPORTER_OTLP_ENDPOINT. */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** The spans of one trace. */
  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((s) => s.traceId === traceId);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(method: string | undefined, url: string | undefined, body: Buffer): number {
    if (method !== 'POST') return 405;
    if (url === '/v1/traces') this.spans.push(...decodeTraces(JSON.parse(body.toString('utf8')) as ExportTraceServiceRequest));
    else if (url === '/v1/metrics') this.metricRequests.push(JSON.parse(body.toString('utf8')));
    else return 404;
    return 200;
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
}

/** ExportTraceServiceRequest (OTLP/JSON) as flat spans, each with its resource's service.name. */
export function decodeTraces(request: ExportTraceServiceRequest): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap((rs) => {
    const service = String(attributesOf(rs.resource?.attributes)['service.name'] ?? 'unknown');
    return (rs.scopeSpans ?? []).flatMap((ss) => (ss.spans ?? []).map((s) => decodeSpan(service, s)));
  });
}

function decodeSpan(service: string, s: OtlpSpan): ReceivedSpan {
  return {
    service,
    traceId: s.traceId,
    spanId: s.spanId,
    ...(s.parentSpanId && { parentSpanId: s.parentSpanId }),
    name: s.name,
    kind: s.kind,
    startMs: Number(BigInt(s.startTimeUnixNano) / 1_000_000n),
    endMs: Number(BigInt(s.endTimeUnixNano) / 1_000_000n),
    attributes: attributesOf(s.attributes),
    status: { code: s.status?.code ?? 0, ...(s.status?.message && { message: s.status.message }) },
    links: (s.links ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId, attributes: attributesOf(l.attributes) })),
  };
}

function attributesOf(list: OtlpKeyValue[] | undefined): Record<string, OtlpValue> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, valueOf(kv.value)]));
}

function valueOf(v: OtlpAnyValue): OtlpValue {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(valueOf);
  return undefined;
}
