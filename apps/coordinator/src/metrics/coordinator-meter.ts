/** Injection token of the OpenTelemetry Meter the coordinator's metrics are recorded on (the global MeterProvider's; tests inject their own). */
export const COORDINATOR_METER = Symbol('COORDINATOR_METER');
