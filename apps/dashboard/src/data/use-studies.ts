import type { StudySummary } from '@attune/core/api/responses';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api-client';

export interface StudiesView {
  readonly studies?: readonly StudySummary[];
  readonly total: number;
  readonly error?: string;
  readonly updatedAt?: Date;
}

/**
 * How often the studies list is read again while the page is visible. There
 * is one event stream per study and none across studies; a list of many
 * studies is cheaper to poll (GET /studies is one query) than to follow
 * through hundreds of streams.
 */
const POLL_MS = 3_000;
/** Studies listed: the newest first, as many as one request answers. */
const LIMIT = 1000;

/** Every study (only one project's when `project` is given), read again every few seconds while the tab is visible. */
export function useStudies(project?: string): StudiesView {
  const [view, setView] = useState<StudiesView>({ total: 0 });
  useEffect(() => {
    setView({ total: 0 });
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const page = await api.studies(0, LIMIT, project);
        if (!stopped) setView({ studies: page.items, total: page.total, updatedAt: new Date() });
      } catch (e) {
        if (!stopped) setView((v) => ({ ...v, error: (e as Error).message }));
      }
      if (!stopped) timer = setTimeout(poll, document.visibilityState === 'visible' ? POLL_MS : POLL_MS * 10);
    };
    void poll();
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      clearTimeout(timer);
      void poll();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [project]);
  return view;
}
