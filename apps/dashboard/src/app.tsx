import type { SessionJson } from '@attune/core/api/responses';
import { ALL_PROJECTS } from '@attune/core/auth/roles';
import { useEffect, useState } from 'preact/hooks';
import { api, onUnauthenticated, UnauthenticatedError } from './api/api-client';
import { SessionContext } from './auth/session-context';
import { SignInPage } from './pages/sign-in-page';
import { StudiesPage } from './pages/studies-page';
import { StudyPage } from './pages/study-page';
import { ThemeToggle } from './components/theme-toggle';
import { hrefOf, useRoute } from './router';

/** Where the page stands with the coordinator: asking who it is, asked to sign in, signed in (or authentication is off), or unable to ask. */
type Access = { kind: 'loading' } | { kind: 'sign-in'; reason?: string } | { kind: 'signed-in'; session: SessionJson } | { kind: 'failed'; message: string };

/** The page frame: the header (who is signed in, and sign-out) and the routed page, or the sign-in view when the coordinator asks for a token. */
export function App() {
  const route = useRoute();
  const [access, setAccess] = useState<Access>({ kind: 'loading' });
  const load = () => {
    api.session().then(
      (session) => setAccess({ kind: 'signed-in', session }),
      (e: unknown) => setAccess(e instanceof UnauthenticatedError ? { kind: 'sign-in' } : { kind: 'failed', message: (e as Error).message }),
    );
  };
  useEffect(() => {
    load();
    // Any request refused with a 401 (the session expired, the token was revoked): sign in again.
    return onUnauthenticated(() => setAccess((a) => (a.kind === 'sign-in' ? a : { kind: 'sign-in', reason: 'The session ended: sign in again.' })));
  }, []);
  const signOut = async () => {
    try {
      await api.signOut();
    } finally {
      setAccess({ kind: 'sign-in', reason: 'Signed out.' });
    }
  };
  const session = access.kind === 'signed-in' ? access.session : undefined;
  return (
    <>
      <a class="skip-link" href="#content">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={hrefOf({ page: 'studies' })}>
          Attune
        </a>
        <nav aria-label="Main">
          <a href={hrefOf({ page: 'studies' })} aria-current={route.page === 'studies' ? 'page' : undefined}>
            Studies
          </a>
          <a href="docs">API</a>
        </nav>
        <span class="spacer" />
        {session?.auth === 'on' && (
          <span class="session" data-testid="session">
            <span class="muted small" title={session.token?.name ? `token ${session.token.name}` : undefined}>
              <span data-testid="session-role">{session.role}</span> of <span data-testid="session-project">{session.project === ALL_PROJECTS ? 'every project' : session.project}</span>
            </span>
            <button type="button" class="ghost" onClick={() => void signOut()}>
              Sign out
            </button>
          </span>
        )}
        <ThemeToggle />
      </header>
      <div id="content">
        {access.kind === 'loading' && (
          <main class="page">
            <p class="muted">Loading…</p>
          </main>
        )}
        {access.kind === 'failed' && (
          <main class="page">
            <p class="error" role="alert">
              {access.message}
            </p>
            <button type="button" onClick={load}>
              Try again
            </button>
          </main>
        )}
        {access.kind === 'sign-in' && <SignInPage reason={access.reason} onSignedIn={(signedIn) => setAccess({ kind: 'signed-in', session: signedIn })} />}
        {session && (
          <SessionContext.Provider value={session}>
            {route.page === 'study' ? <StudyPage key={`${session.token?.id ?? ''}/${route.id}`} id={route.id} /> : <StudiesPage key={session.token?.id ?? ''} />}
          </SessionContext.Provider>
        )}
      </div>
    </>
  );
}
