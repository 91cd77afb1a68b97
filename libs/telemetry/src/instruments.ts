import type { Counter, Histogram, Meter, ObservableGauge, UpDownCounter } from '@opentelemetry/api';
import type { MetricDefinition } from './metric-names';

/** The instruments of MetricDefinitions, made on one meter (name, description, unit and buckets from the definition). */
export const instruments = {
  counter: (meter: Meter, d: MetricDefinition): Counter => meter.createCounter(d.name, options(d)),
  upDownCounter: (meter: Meter, d: MetricDefinition): UpDownCounter => meter.createUpDownCounter(d.name, options(d)),
  histogram: (meter: Meter, d: MetricDefinition): Histogram =>
    meter.createHistogram(d.name, { ...options(d), ...(d.buckets && { advice: { explicitBucketBoundaries: [...d.buckets] } }) }),
  observableGauge: (meter: Meter, d: MetricDefinition): ObservableGauge => meter.createObservableGauge(d.name, options(d)),
};

function options(d: MetricDefinition): { description: string; unit: string } {
  return { description: d.description, unit: d.unit };
}
