import { useEffect, useState } from 'preact/hooks';
import { api, type DashboardSettings } from '../api/api-client';

let settings: Promise<DashboardSettings> | undefined;

/** The deployment's settings for the dashboard, read once per page load (none when the coordinator cannot say). */
export function useSettings(): DashboardSettings {
  const [value, setValue] = useState<DashboardSettings>({});
  useEffect(() => {
    settings ??= api.config().catch(() => ({}));
    void settings.then(setValue);
  }, []);
  return value;
}
