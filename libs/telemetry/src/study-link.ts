import { createHash } from 'node:crypto';
import { TraceFlags, type Link } from '@opentelemetry/api';

/**
 * The link from each trial's root span to its study. A study lasts hours and
 * is no span of its own (one span that long would never be exported while it
 * matters); it is a span context derived from the study id alone — trace id
 * the id's 32 hex digits, span id from its hash — so every trial of a study,
 * from any coordinator, links to the same context, with the study's id and
 * name on the link. Backends search a study's traces by `attune.study_id`.
 */
export function studyLink(studyId: string, studyName?: string): Link {
  const traceId = studyId.replaceAll('-', '').toLowerCase();
  const spanId = createHash('sha256').update(studyId).digest('hex').slice(0, 16);
  return {
    context: { traceId, spanId, traceFlags: TraceFlags.SAMPLED, isRemote: true },
    attributes: { 'attune.study_id': studyId, ...(studyName !== undefined && { 'attune.study_name': studyName }) },
  };
}
