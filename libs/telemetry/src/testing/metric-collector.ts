import type { Attributes, Meter } from '@opentelemetry/api';
import { DataPointType, MeterProvider, MetricReader, type MetricData } from '@opentelemetry/sdk-metrics';

/** A reader that exports nowhere: tests call collect() and read what it holds. */
class CollectingReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** A point of a collected metric: its attributes and its value (a histogram's count and sum). */
export interface CollectedPoint {
  readonly attributes: Attributes;
  readonly value: number;
  readonly count?: number;
  readonly sum?: number;
}

/** A meter on a MeterProvider of its own, and what its instruments hold now, by metric name (tests). */
export interface MetricCollector {
  readonly meter: Meter;
  collect(): Promise<Map<string, CollectedPoint[]>>;
}

export function metricCollector(): MetricCollector {
  const reader = new CollectingReader();
  const provider = new MeterProvider({ readers: [reader] });
  return {
    meter: provider.getMeter('test'),
    async collect() {
      const { resourceMetrics } = await reader.collect();
      const out = new Map<string, CollectedPoint[]>();
      for (const scope of resourceMetrics.scopeMetrics) for (const metric of scope.metrics) out.set(metric.descriptor.name, points(metric));
      return out;
    },
  };
}

function points(metric: MetricData): CollectedPoint[] {
  if (metric.dataPointType === DataPointType.HISTOGRAM) {
    return metric.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value.count, count: p.value.count, sum: p.value.sum }));
  }
  return metric.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value as number }));
}
