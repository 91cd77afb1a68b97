/** One measurement of a trial as the rest of the system sees it (see MeasurementEntity). */
export interface MeasurementRecord {
  /** 0, 1, 2, ... in the order they were taken, warm-ups first. */
  readonly repeat: number;
  /** Run and stored, but not counted in the trial's metrics. */
  readonly warmup: boolean;
  readonly metrics: Readonly<Record<string, number>>;
  readonly durationMs: number;
  readonly workerId?: string;
  readonly startedAt: Date;
}
