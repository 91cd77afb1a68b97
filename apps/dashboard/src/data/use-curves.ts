import type { TrialCurve, TrialRow } from '@attune/core/api/responses';
import { useEffect, useRef, useState } from 'preact/hooks';
import { curveRefreshOffset, hasSteps, openFrom } from './curve-store';
import { loadCurves } from './load-curves';

export interface CurvesView {
  /** Undefined until the first read (and while the study has no steps). */
  readonly curves?: readonly TrialCurve[];
  readonly error?: string;
}

interface Reader {
  curves: readonly TrialCurve[];
  /** `openFrom` of the trials read before the curves were. */
  from: number;
  /** `openFrom` of the latest trials, for the next read. */
  next: number;
  queued: boolean;
  loading: Promise<void>;
}

const freshReader = (): Reader => ({ curves: [], from: 0, next: 0, queued: false, loading: Promise.resolve() });

/**
 * The learning curves of a study's trials, every page, kept up to date by
 * the study's own refresh: each new read of the trials (after a burst of
 * events, throttled by useStudy) reads again the curves that may have
 * changed since, from the first trial that was open before the previous
 * read; reads asked for while one is waiting make one. Nothing is read while
 * no trial has reported a step.
 */
export function useCurves(studyId: string, trials: readonly TrialRow[]): CurvesView {
  const [view, setView] = useState<CurvesView>({});
  const reader = useRef<Reader>(freshReader());

  useEffect(() => {
    reader.current = freshReader();
    setView({});
    // A read that ends after the page moved on to another study (or closed) is dropped.
    return () => void (reader.current = freshReader());
  }, [studyId]);

  useEffect(() => {
    // Until the page has this study's trials, the last study's are no guide.
    if (!hasSteps(trials) || trials[0].studyId !== studyId) return;
    const current = reader.current;
    current.next = openFrom(trials);
    if (current.queued) return;
    current.queued = true;
    current.loading = current.loading
      .then(async () => {
        current.queued = false;
        const from = current.next;
        const curves = await loadCurves(studyId, current.curves, curveRefreshOffset(current.curves, current.from));
        if (reader.current !== current) return;
        Object.assign(current, { curves, from });
        setView({ curves });
      })
      .catch((e: Error) => void (reader.current === current && setView((v) => ({ ...v, error: e.message }))));
  }, [studyId, trials]);

  return view;
}
