import type { SessionJson } from '@attune/core/api/responses';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** Who the page is signed in as (with authentication off: an admin of every project). */
export const SessionContext = createContext<SessionJson | undefined>(undefined);

export function useSession(): SessionJson | undefined {
  return useContext(SessionContext);
}
