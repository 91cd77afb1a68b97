import type { OtlpSink } from '../../bench/e2e/otlp-sink';

export { startOtlpSink, type OtlpSink } from '../../bench/e2e/otlp-sink';

/** A span as the OTLP/JSON exporter sends it (ids in hex), with its attributes flattened. */
export interface SinkSpan {
  readonly service: string;
  readonly name: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpTraces {
  resourceSpans?: { resource?: { attributes?: OtlpAttribute[] }; scopeSpans?: { spans?: { name: string; traceId: string; spanId: string; attributes?: OtlpAttribute[] }[] }[] }[];
}

/** Every span the sink received. */
export function sinkSpans(sink: OtlpSink): SinkSpan[] {
  return sink.exports
    .filter((e) => e.path === '/v1/traces')
    .flatMap((e) =>
      ((e.body as OtlpTraces | undefined)?.resourceSpans ?? []).flatMap((rs) => {
        const service = String(flatten(rs.resource?.attributes)['service.name']);
        return (rs.scopeSpans ?? []).flatMap((ss) => (ss.spans ?? []).map((s) => ({ service, name: s.name, traceId: s.traceId, spanId: s.spanId, attributes: flatten(s.attributes) })));
      }),
    );
}

function flatten(attributes: OtlpAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(attributes.map((a) => [a.key, a.value.stringValue ?? a.value.intValue ?? a.value.doubleValue ?? a.value.boolValue]));
}
