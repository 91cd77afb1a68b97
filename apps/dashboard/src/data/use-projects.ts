import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api-client';

/** The names of the projects the session sees (GET /projects), read once; none until then, when not `wanted`, or when the read fails (the filter then offers the studies' own projects). */
export function useProjectNames(wanted: boolean): readonly string[] {
  const [names, setNames] = useState<readonly string[]>([]);
  useEffect(() => {
    if (!wanted) return;
    let stopped = false;
    api.projects().then(
      (projects) => !stopped && setNames(projects.map((p) => p.name)),
      () => undefined,
    );
    return () => {
      stopped = true;
    };
  }, [wanted]);
  return names;
}
