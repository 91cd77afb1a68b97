import type { StudyDetail } from '@attune/core/api/responses';
import { finishedCount } from '@attune/core/api/finished-count';
import type { LiveState } from '../api/study-events';
import { improvementOf, progressOf } from '../data/study-filter';
import { formatAge, formatImprovement, formatParam, formatValue } from '../format/format';
import { StateBadge } from './state-badge';

const LIVE_TEXT: Record<LiveState, string> = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', ended: 'ended' };

/** The study at a glance: state, objective, progress, best against the baseline, and what keeps it from progressing. */
export function StudyHeader({ study, live }: { study: StudyDetail; live: LiveState }) {
  const improvement = improvementOf(study);
  const t = study.trials;
  return (
    <section class="card study-header" aria-label="Summary">
      <div class="toolbar">
        <h1 data-testid="study-name">{study.name}</h1>
        <StateBadge state={study.state} />
        <span class={`live live-${live}`} aria-live="polite">
          ● {LIVE_TEXT[live]}
        </span>
      </div>
      {study.description && <p class="muted">{study.description}</p>}
      <dl class="facts">
        <div>
          <dt>Objective</dt>
          <dd>{study.objective ?? `${study.direction} ${study.metric}`}</dd>
        </div>
        <div>
          <dt>Target</dt>
          <dd>{study.target}</dd>
        </div>
        <div>
          <dt>Strategy</dt>
          <dd>
            {study.strategy.name} <span class="muted small">seed {study.strategy.seed}</span>
          </dd>
        </div>
        {study.pruner && (
          <div>
            <dt>Pruner</dt>
            <dd data-testid="study-pruner">
              {study.pruner.name}{' '}
              <span class="muted small">
                {Object.entries(study.pruner.options)
                  .map(([k, v]) => `${k} ${String(v)}`)
                  .join(', ')}
              </span>
            </dd>
          </div>
        )}
        <div>
          <dt>Trials</dt>
          <dd data-testid="study-trial-counts">
            <progress max={1} value={progressOf(study)} aria-hidden="true" /> {finishedCount(t)} / {study.budget.maxTrials}
            <br />
            <span class="muted small">
              {t.complete} complete, {t.running} running, {t.queued} queued{t.failed + t.timedOut > 0 ? `, ${t.failed + t.timedOut} failed` : ''}
              {t.pruned > 0 ? `, ${t.pruned} pruned` : ''}
            </span>
          </dd>
        </div>
        <div>
          <dt>Best</dt>
          <dd data-testid="study-best">
            {study.best ? (
              <>
                <strong>{formatValue(study.best.value)}</strong> <span class="muted small">trial {study.best.number}</span>
              </>
            ) : study.objectives?.kind === 'pareto' ? (
              'see the Pareto front'
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>Baseline</dt>
          <dd>
            {study.baseline ? (
              <>
                {formatValue(study.baseline.value)} <span class="muted small">trial {study.baseline.number}</span>
              </>
            ) : (
              <span class="muted">none</span>
            )}
            {improvement !== undefined && <span class={improvement > 0 ? 'better' : 'worse'}> {formatImprovement(improvement)}</span>}
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd title={study.createdAt}>{formatAge(study.createdAt, Date.now())}</dd>
        </div>
      </dl>
      {study.best && (
        <p class="small">
          <span class="muted">Best configuration: </span>
          <code>
            {Object.entries(study.best.params)
              .map(([k, v]) => `${k}=${formatParam(v)}`)
              .join('  ')}
          </code>
        </p>
      )}
      {study.stopReason && <p class="muted small">Ended: {study.stopReason}</p>}
      {(study.warnings ?? []).map((w) => (
        <p class="warning" role="status">
          {w}
        </p>
      ))}
    </section>
  );
}
