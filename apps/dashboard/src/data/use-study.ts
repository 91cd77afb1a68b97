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
  /** The latest trial a pruner stopped, as its `trial-pruned` event told (the step and the pruner's reason). */
  readonly lastPruned?: PrunedTrial;
  readonly error?: string;
  /** Reads everything again now (after an action). */
  refresh(): void;
}

type Shown = Omit<StudyView, 'refresh'>;

export type PrunedTrial = Pick<Extract<StudyEvent, { kind: 'trial-pruned' }>, 'number' | 'step' | 'reason'>;

/** Events come in bursts (a batch of trials finishing): one refresh for each burst. */
const REFRESH_DELAY_MS = 300;
/** The importance is a model fit on the coordinator: refreshed at most this often while trials finish. */
const IMPORTANCE_INTERVAL_MS = 10_000;

/** Whether anything can still change: the study runs, or its verification does. */
function changing(study: StudyDetail, verification?: VerificationJson): boolean {
  return study.state === 'RUNNING' || verification?.state === 'RUNNING';
}

/**
 * A study kept live: loaded once in full, then, while it runs or is being
 * verified, each burst of its events reads the summary and the trials that
 * may still change again (finished trials are never re-read), the
 * verification once the study has ended, the importance now and then. An
 * ended study is not followed: its event log (two events a trial) would be
 * replayed for nothing. Events only schedule a read, so a replay of
 * thousands of them costs no rendering; a `trial-pruned` event's step and
 * reason (the trial row has them too, once read) are shown with that read.
 * The learning curves follow the trials' reads (useCurves).
 */
export function useStudy(studyId: string): StudyView {
  const [shown, setShown] = useState<Shown>({ trials: [], live: 'connecting' });
  const [following, setFollowing] = useState(false);
  const refresher = useRef<{ now(full: boolean): void; soon(): void }>({ now: () => undefined, soon: () => undefined });
  // Kept aside and shown with the next read, like everything else an event changes.
  const pruned = useRef<PrunedTrial | undefined>(undefined);

  useEffect(() => {
    let stopped = false;
    let trials: readonly TrialRow[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let loading: Promise<void> = Promise.resolve();
    let importanceAt = 0;
    const update = (patch: Partial<Shown>) => void (!stopped && setShown((s) => ({ ...s, ...patch })));

    const readImportance = () => {
      importanceAt = Date.now();
      api.importance(studyId).then((importance) => update({ importance }), () => undefined);
    };
    const read = async (full: boolean) => {
      const [study, next] = await Promise.all([api.study(studyId), loadTrials(studyId, trials, full ? 0 : refreshOffset(trials))]);
      trials = next;
      // Only an ended study is verified: a running one has nothing to ask for (and the answer would be a 404).
      const verification = study.state === 'RUNNING' ? undefined : await api.verification(studyId);
      update({ study, trials, verification, lastPruned: pruned.current, error: undefined, ...(!changing(study, verification) && { live: 'ended' as const }) });
      if (!stopped) setFollowing(changing(study, verification));
      if (Date.now() - importanceAt > IMPORTANCE_INTERVAL_MS) readImportance();
    };
    const now = (full: boolean) => {
      loading = loading.then(() => read(full)).catch((e: Error) => update({ error: e.message }));
    };
    // At most one read per delay, however fast events come: a debounce would starve while a study streams results.
    const soon = () => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        now(false);
      }, REFRESH_DELAY_MS);
    };
    refresher.current = { now, soon };
    pruned.current = undefined;
    now(true);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [studyId]);

  useEffect(() => {
    if (!following) return;
    return followStudyEvents(studyId, {
      onEvent: (event: StudyEvent) => {
        if (event.kind === 'trial-pruned') pruned.current = { number: event.number, step: event.step, reason: event.reason };
        refresher.current.soon();
      },
      onState: (live) => setShown((s) => ({ ...s, live })),
    });
  }, [studyId, following]);

  return { ...shown, refresh: () => refresher.current.now(true) };
}
