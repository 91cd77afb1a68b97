import type { StudyDetail, TrialRow } from '@attune/core/api/responses';
import type { Parameter } from '@attune/core/search-space/parameter';
import { useState } from 'preact/hooks';
import { api } from '../api/api-client';
import { can } from '../auth/can';
import { useSession } from '../auth/session-context';
import { trialsCsv, trialsJson } from '../data/trials-export';
import { EnqueueForm } from './enqueue-form';

interface StudyActionsProps {
  readonly study: StudyDetail;
  readonly trials: readonly TrialRow[];
  readonly verifying: boolean;
  readonly onChanged: () => void;
}

/** Offers a file to save, made in the page (nothing more is asked of the coordinator). */
function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name from the study's name: letters, digits, dots, dashes. */
function fileStem(study: StudyDetail): string {
  return study.name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || study.id;
}

/** Stop the study, verify its winner, enqueue a configuration, download its trials: what the API allows in the study's state and to the session's role. */
export function StudyActions({ study, trials, verifying, onChanged }: StudyActionsProps) {
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const [enqueueing, setEnqueueing] = useState(false);
  const [busy, setBusy] = useState(false);
  // Stop, verify and enqueue are an editor's (of the study's project); a viewer only reads and downloads.
  const mayAct = can(useSession(), 'editor', study.project);
  const running = study.state === 'RUNNING';
  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage({ text: await work() });
      onChanged();
    } catch (e) {
      setMessage({ text: (e as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  };
  const stop = () => {
    if (confirm(`Stop “${study.name}”? Its queued and running trials are cancelled.`)) void act(async () => `Stopped: ${(await api.stop(study.id)).state}`);
  };
  const verify = () => void act(async () => `Verification started: ${(await api.verify(study.id)).candidates.length} candidates`);
  const stem = fileStem(study);
  return (
    <section class="card actions" aria-label="Actions">
      <div class="toolbar">
        {mayAct && running && (
          <button type="button" class="danger" disabled={busy} onClick={stop}>
            Stop study
          </button>
        )}
        {mayAct && !running && (
          <button type="button" disabled={busy || verifying} onClick={verify} title="Re-measure the best candidates and the baseline, interleaved, and test the difference">
            {verifying ? 'Verifying…' : 'Verify winner'}
          </button>
        )}
        {mayAct && running && (
          <button type="button" aria-expanded={enqueueing} onClick={() => setEnqueueing(!enqueueing)}>
            Enqueue configuration…
          </button>
        )}
        <span class="spacer" />
        <button type="button" class="ghost" onClick={() => download(`${stem}-trials.csv`, 'text/csv', trialsCsv(trials))}>
          Download CSV
        </button>
        <button type="button" class="ghost" onClick={() => download(`${stem}-trials.json`, 'application/json', trialsJson(trials))}>
          Download JSON
        </button>
      </div>
      {message && (
        <p class={message.error ? 'error' : 'ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {mayAct && enqueueing && running && (
        <EnqueueForm
          studyId={study.id}
          parameters={study.parameters as Parameter[]}
          start={study.best?.params}
          onDone={(text) => {
            setEnqueueing(false);
            setMessage({ text });
            onChanged();
          }}
        />
      )}
    </section>
  );
}
