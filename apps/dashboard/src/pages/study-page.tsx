import type { TrialRow } from '@attune/core/api/responses';
import type { Parameter } from '@attune/core/search-space/parameter';
import { useMemo, useState } from 'preact/hooks';
import { ChartsSection } from '../components/charts-section';
import { StudyActions } from '../components/study-actions';
import { StudyHeader } from '../components/study-header';
import { TrialDetails } from '../components/trial-details';
import { TrialTable } from '../components/trial-table';
import { VerificationPanel } from '../components/verification-panel';
import { useCurves } from '../data/use-curves';
import { useSettings } from '../data/use-settings';
import { useStudy } from '../data/use-study';
import { hrefOf } from '../router';

/** The metrics any trial reported, the objectives' first; a single objective's metric is the Value column already. */
function metricNamesOf(trials: readonly TrialRow[], objectives: readonly string[], single?: string): string[] {
  const names = new Set(objectives);
  for (const t of trials) for (const name of Object.keys(t.metrics ?? {})) names.add(name);
  if (single) names.delete(single);
  return [...names];
}

/** One study, live as its trials finish: summary, actions, charts, verification, the trial table and a trial's details. */
export function StudyPage({ id }: { id: string }) {
  const view = useStudy(id);
  const settings = useSettings();
  const curves = useCurves(id, view.trials);
  const [selected, setSelected] = useState<number>();
  const [brushed, setBrushed] = useState<ReadonlySet<number>>();
  const { study, trials } = view;
  const parameters = (study?.parameters ?? []) as Parameter[];
  const objectiveMetrics = study?.objectives?.objectives.map((o) => o.metric) ?? (study?.metric ? [study.metric] : []);
  const single = study?.objectives?.kind === 'single' ? study.metric : undefined;
  const metricNames = useMemo(() => metricNamesOf(trials, objectiveMetrics, single), [trials, objectiveMetrics.join(','), single]);
  const selectedTrial = selected === undefined ? undefined : trials.find((t) => t.number === selected);

  if (!study) {
    return (
      <main class="page">
        <p>
          <a href={hrefOf({ page: 'studies' })}>← Studies</a>
        </p>
        {view.error ? (
          <p class="error" role="alert">
            {view.error}
          </p>
        ) : (
          <p class="muted">Loading…</p>
        )}
      </main>
    );
  }
  return (
    <main class="page study">
      <p class="crumbs">
        <a href={hrefOf({ page: 'studies' })}>← Studies</a>
      </p>
      {view.error && (
        <p class="error" role="alert">
          {view.error}
        </p>
      )}
      <StudyHeader study={study} live={view.live} />
      <StudyActions study={study} trials={trials} verifying={view.verification?.state === 'RUNNING'} onChanged={view.refresh} />
      <ChartsSection study={study} trials={trials} verification={view.verification} importance={view.importance} curves={curves.curves} curvesError={curves.error} lastPruned={view.lastPruned} onSelectTrial={setSelected} onBrush={setBrushed} />
      {view.verification && <VerificationPanel verification={view.verification} />}
      <div class={selectedTrial ? 'split' : ''}>
        <TrialTable trials={trials} paramNames={parameters.map((p) => p.name)} metricNames={metricNames} only={brushed} selected={selected} onSelect={setSelected} />
        {selectedTrial && <TrialDetails studyId={study.id} trial={selectedTrial} metric={study.metric} traceUrl={settings.traceUrl} onClose={() => setSelected(undefined)} />}
      </div>
    </main>
  );
}
