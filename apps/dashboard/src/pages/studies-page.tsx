import type { StudyState, StudySummary } from '@attune/core/api/responses';
import { STUDY_STATES } from '@attune/core/study/study-state';
import { useState } from 'preact/hooks';
import { projectChoices, seesEveryProject } from '../auth/project-choice';
import { useSession } from '../auth/session-context';
import { StateBadge } from '../components/state-badge';
import { useProjectNames } from '../data/use-projects';
import { useStudies } from '../data/use-studies';
import { filterStudies, improvementOf, progressOf } from '../data/study-filter';
import { formatAge, formatImprovement, formatValue } from '../format/format';
import { hrefOf } from '../router';

/** Every study with its project, state, progress, best value, improvement over the baseline, strategy and age; filtered by project (a session of every project), by state, searched by name; read again every few seconds. */
export function StudiesPage() {
  const everyProject = seesEveryProject(useSession());
  const [project, setProject] = useState<string | undefined>();
  const { studies, total, error } = useStudies(project);
  const listed = useProjectNames(everyProject);
  const [state, setState] = useState<StudyState | undefined>();
  const [search, setSearch] = useState('');
  const shown = studies ? filterStudies(studies, { state, search }) : [];
  return (
    <main class="page">
      <div class="toolbar">
        <h1>Studies</h1>
        {everyProject && (
          <label>
            Project{' '}
            <select aria-label="Filter by project" value={project ?? ''} onChange={(e) => setProject((e.target as HTMLSelectElement).value || undefined)}>
              <option value="">all</option>
              {projectChoices(listed, studies?.map((s) => s.project) ?? [], project).map((p) => (
                <option value={p}>{p}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          State{' '}
          <select aria-label="Filter by state" value={state ?? ''} onChange={(e) => setState(((e.target as HTMLSelectElement).value || undefined) as StudyState | undefined)}>
            <option value="">all</option>
            {STUDY_STATES.map((s) => (
              <option value={s}>{s.toLowerCase()}</option>
            ))}
          </select>
        </label>
        <input type="search" placeholder="Search by name" aria-label="Search studies by name" value={search} onInput={(e) => setSearch((e.target as HTMLInputElement).value)} />
        <span class="muted" aria-live="polite">
          {studies ? `${shown.length} of ${total}` : 'loading…'}
        </span>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {studies && studies.length === 0 && (project ? <p class="muted">No studies in project {project}.</p> : <EmptyStudies />)}
      {shown.length > 0 && <StudiesTable studies={shown} />}
    </main>
  );
}

function StudiesTable({ studies }: { studies: readonly StudySummary[] }) {
  const now = Date.now();
  return (
    <div class="table-scroll">
      <table class="studies" data-testid="studies-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Project</th>
            <th scope="col">State</th>
            <th scope="col">Progress</th>
            <th scope="col">Objective</th>
            <th scope="col" class="num">Best</th>
            <th scope="col" class="num">vs baseline</th>
            <th scope="col">Strategy</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {studies.map((s) => (
            <StudyRow key={s.id} study={s} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StudyRow({ study, now }: { study: StudySummary; now: number }) {
  const progress = progressOf(study);
  const improvement = improvementOf(study);
  return (
    <tr data-study-id={study.id}>
      <td>
        <a href={hrefOf({ page: 'study', id: study.id })}>{study.name}</a>
        <div class="muted small">{study.target}</div>
      </td>
      <td data-testid="study-project">{study.project}</td>
      <td>
        <StateBadge state={study.state} />
      </td>
      <td>
        <progress max={1} value={progress} aria-label={`${Math.round(progress * 100)}% of the trial budget`} />
        <div class="muted small" data-testid="trial-count">
          {study.trials.complete} / {study.budget.maxTrials} complete
          {study.trials.failed + study.trials.timedOut > 0 && `, ${study.trials.failed + study.trials.timedOut} failed`}
        </div>
      </td>
      <td class="small">{study.objective ?? `${study.direction} ${study.metric}`}</td>
      <td class="num" data-testid="best-value">
        {study.best ? formatValue(study.best.value) : '—'}
      </td>
      <td class={`num ${improvement === undefined ? '' : improvement > 0 ? 'better' : 'worse'}`}>{formatImprovement(improvement)}</td>
      <td>{study.strategy.name}</td>
      <td title={study.createdAt}>{formatAge(study.createdAt, now)}</td>
    </tr>
  );
}

function EmptyStudies() {
  return (
    <section class="empty">
      <h2>No studies yet</h2>
      <p>
        Submit one with <code>attune study run examples/branin.study.yaml --wait</code> or <code>POST /studies</code> (see the API at <a href="docs">/docs</a>).
      </p>
    </section>
  );
}
