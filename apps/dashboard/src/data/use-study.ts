import type { ImportanceJson, StudyDetail, TrialRow, VerificationJson } from '@attune/core/api/responses';
import type { StudyEvent } from '@attune/core/events/study-event';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/api-client';
import { followStudyEvents, type LiveState } from '../api/study-events';
import { loadTrials } from './load-trials';
import { refreshOffset } from './trial-store';

/** What the study page shows, as the API last said it. */
export interface StudyView {
  readonly study?: StudyDetail;
  readonly trials: readonly TrialRow[];
  readonly verification?: VerificationJson;
  readonly importance?: ImportanceJson;
  readonly live: LiveState;
  readonly error?: string;
  /** The last event received, for the page to announce. */
  readonly lastEvent?: StudyEvent;
  /** Reads everything again now (after an action). */
  refresh(): void;
}

/** Events come in bursts (a batch of trials finishing): one refresh for each burst. */
const REFRESH_DELAY_MS = 300;
/** The importance is a model fit on the coordinator: refreshed at most this often while trials finish. */
const IMPORTANCE_INTERVAL_MS = 10_000;

/**
 * A study kept live: loaded once in full, then on each of its events the
 * summary and the trials that may still change are read again (finished
 * trials are never re-read), the verification when a verdict arrives, the
 * importance now and then.
 */
export function useStudy(studyId: string): StudyView {
  const [state, setState] = useState<Omit<StudyView, 'refresh'>>({ trials: [], live: 'connecting' });
  const refresher = useRef<() => void>(() => undefined);

  useEffect(() => {
    let stopped = false;
    let trials: readonly TrialRow[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let loading: Promise<void> = Promise.resolve();
    let importanceAt = 0;
    const update = (patch: Partial<Omit<StudyView, 'refresh'>>) => !stopped && setState((s) => ({ ...s, ...patch }));

    const readImportance = () => {
      importanceAt = Date.now();
      api.importance(studyId).then((importance) => update({ importance }), () => undefined);
    };
    const read = async (full: boolean) => {
      const [study, next] = await Promise.all([api.study(studyId), loadTrials(studyId, trials, full ? 0 : refreshOffset(trials))]);
      trials = next;
      // Only an ended study is verified: a running one has nothing to ask for (and the answer would be a 404).
      const verification = study.state === 'RUNNING' ? undefined : await api.verification(studyId);
      update({ study, trials, verification, error: undefined });
      if (Date.now() - importanceAt > IMPORTANCE_INTERVAL_MS) readImportance();
    };
    const refresh = (full = false) => {
      loading = loading.then(() => read(full)).catch((e: Error) => void update({ error: e.message }));
    };
    // At most one refresh per delay, however fast events come: a debounce would starve while a study streams results.
    const schedule = () => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        refresh();
      }, REFRESH_DELAY_MS);
    };
    refresher.current = () => refresh(true);

    refresh(true);
    const unfollow = followStudyEvents(studyId, {
      onEvent: (event) => {
        update({ lastEvent: event });
        schedule();
      },
      onState: (live) => update({ live }),
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      unfollow();
    };
  }, [studyId]);

  return { ...state, refresh: () => refresher.current() };
}
