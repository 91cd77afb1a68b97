import type { SessionJson } from '@attune/core/api/responses';
import { useState } from 'preact/hooks';
import { api } from '../api/api-client';

/**
 * Signing in with an API token (made by `attune token create` or
 * `attune admin bootstrap`): exchanged once for the session cookies, never
 * kept by the page. A refusal shows the coordinator's message.
 */
export function SignInPage({ reason, onSignedIn }: { reason?: string; onSignedIn: (session: SessionJson) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await api.signIn(token.trim()));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="page">
      <section class="card sign-in">
        <h1>Sign in</h1>
        <p class="muted">{reason ?? 'This coordinator needs an API token.'}</p>
        <form onSubmit={submit} aria-label="Sign in">
          <label>
            <span>API token</span>
            <input type="password" name="token" autoComplete="current-password" required value={token} onInput={(e) => setToken((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit" disabled={busy || token.trim() === ''}>
            Sign in
          </button>
        </form>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <p class="muted small">
          Ask an admin for one, or make the first with <code>attune admin bootstrap</code>.
        </p>
      </section>
    </main>
  );
}
