import type { StudyEventMessage } from '@attune/core/events/study-event';

/** Outcome of one POST: delivered, or why not. */
export type WebhookAttempt = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * POSTs one event as JSON, with a timeout, never following a redirect (the
 * allow-list names where webhooks go; a redirect could lead elsewhere). Only
 * a 2xx answer counts as delivered. `Idempotency-Key` is `studyId:seq`, the
 * same on every attempt, so a receiver can drop a repeat.
 */
export async function postWebhook(url: string, message: StudyEventMessage, attempt: number, timeoutMs: number, signal: AbortSignal): Promise<WebhookAttempt> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'attune-coordinator',
        'idempotency-key': `${message.studyId}:${message.seq}`,
        'x-attune-event': message.kind,
        'x-attune-delivery-attempt': String(attempt),
      },
      body: JSON.stringify(message),
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
    await res.body?.cancel().catch(() => undefined);
    return res.status >= 200 && res.status < 300 ? { ok: true } : { ok: false, reason: `HTTP ${res.status}` };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError') return { ok: false, reason: `no answer within ${timeoutMs} ms` };
    return { ok: false, reason: err.cause?.code ?? err.cause?.message ?? err.message };
  }
}
