import type { TrialRow } from '@attune/core/api/responses';
import type { CoordinatorClient } from '../client/coordinator-client';
import { writeLine, type OutputStream } from '../cli-io';
import { formatMeasured, formatParams, formatValue } from '../output/format';
import { formatPercent } from '../output/objectives-text';

/**
 * One line when a trial starts (its configuration) and one when it ends
 * (its metrics, score and improvement), for a study whose trials take
 * seconds each: progress all along. Events are handled in order, one
 * trials page at a time.
 */
export class TrialLines {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: CoordinatorClient,
    private readonly studyId: string,
    private readonly out: OutputStream,
    private readonly order: readonly string[],
    private readonly metrics: readonly string[],
  ) {}

  started(number: number): void {
    this.enqueue(number, (t) => `#${t.number} ${t.origin === 'baseline' ? 'baseline ' : ''}measuring  ${formatParams(t.params, this.order)}`);
  }

  finished(number: number): void {
    this.enqueue(number, (t) => `#${t.number} ${t.state}  ${this.resultOf(t)}`);
  }

  /** Resolves once every line asked for is written. */
  drain(): Promise<void> {
    return this.chain;
  }

  private enqueue(number: number, line: (trial: TrialRow) => string): void {
    this.chain = this.chain
      .then(() => this.client.listTrials(this.studyId, { offset: number, limit: 1 }))
      .then((page) => {
        const trial = page.items.find((t) => t.number === number);
        if (trial) writeLine(this.out, `demo: ${line(trial)}`);
      })
      .catch(() => undefined);
  }

  private resultOf(t: TrialRow): string {
    if (t.state !== 'COMPLETE') return t.error ?? '';
    const shown = this.metrics.map((m) => `${m} ${typeof t.metrics?.[m] === 'number' ? formatMeasured(t.metrics[m] as number) : '-'}`);
    const improvement = t.score?.improvement?.score;
    const score = improvement !== undefined ? `  score ${formatPercent(improvement)}` : t.value !== undefined ? `  value ${formatValue(t.value)}` : '';
    const feasible = t.feasible === false ? '  breaks a constraint' : '';
    return `${shown.join(', ')}${score}${feasible}${t.note ? `  ${t.note}` : ''}`;
  }
}

