import type { Parameter, ParamValue } from '@attune/core/search-space/parameter';
import { useState } from 'preact/hooks';
import { api } from '../api/api-client';

interface EnqueueFormProps {
  readonly studyId: string;
  readonly parameters: readonly Parameter[];
  /** A configuration to start from (the best trial's), else each parameter's default. */
  readonly start?: Readonly<Record<string, ParamValue>>;
  readonly onDone: (message: string) => void;
}

/** The text a field starts with: the given value, the default, or the middle of the range. */
function initialText(p: Parameter, start?: Readonly<Record<string, ParamValue>>): string {
  const given = start?.[p.name] ?? p.default;
  if (given !== undefined) return String(given);
  if (p.type === 'categorical') return String(p.values[0]);
  return String(p.type === 'int' ? Math.round((p.min + p.max) / 2) : (p.min + p.max) / 2);
}

/** A field's text as the parameter's value; a categorical's by its listed values (so `true` stays a boolean). */
function valueOf(p: Parameter, text: string): ParamValue {
  if (p.type === 'categorical') return p.values.find((v) => String(v) === text) ?? text;
  return text.trim() === '' ? Number.NaN : Number(text);
}

/**
 * Enqueue one configuration to be measured next (POST /studies/:id/trials).
 * The coordinator checks it against the space and answers with the field and
 * the problem, shown as it says it.
 */
export function EnqueueForm({ studyId, parameters, start, onDone }: EnqueueFormProps) {
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(parameters.map((p) => [p.name, initialText(p, start)])));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const params = Object.fromEntries(parameters.map((p) => [p.name, valueOf(p, texts[p.name] ?? '')]));
      const answer = await api.enqueue(studyId, params);
      onDone(`Enqueued trial ${answer.trials.map((t) => t.number).join(', ')}${answer.warnings.length > 0 ? ` (${answer.warnings.join('; ')})` : ''}`);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="enqueue" onSubmit={submit} aria-label="Enqueue a configuration">
      <div class="fields">
        {parameters.map((p) => (
          <label key={p.name}>
            <span>
              {p.name} <span class="muted small">{p.type === 'categorical' ? p.values.map(String).join(' | ') : `${p.min} – ${p.max}${p.log ? ', log' : ''}`}</span>
            </span>
            {p.type === 'categorical' ? (
              <select name={p.name} value={texts[p.name]} onChange={(e) => setTexts({ ...texts, [p.name]: (e.target as HTMLSelectElement).value })}>
                {p.values.map((v) => (
                  <option value={String(v)}>{String(v)}</option>
                ))}
              </select>
            ) : (
              <input name={p.name} inputMode="decimal" value={texts[p.name]} onInput={(e) => setTexts({ ...texts, [p.name]: (e.target as HTMLInputElement).value })} />
            )}
          </label>
        ))}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        Enqueue
      </button>
    </form>
  );
}
