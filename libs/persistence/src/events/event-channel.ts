import { createHash } from 'node:crypto';

const PREFIX = 'attune_events_';
// PostgreSQL channel names are identifiers: at most 63 bytes.
const MAX_CHANNEL = 63;

/**
 * The NOTIFY channel of the study events of one schema. NOTIFY is per
 * database, so deployments (and test runs) sharing a database by schema get
 * channels of their own. A schema too long for the name is hashed.
 */
export function eventChannel(schema: string): string {
  const plain = `${PREFIX}${schema}`;
  if (plain.length <= MAX_CHANNEL) return plain;
  return `${PREFIX}${createHash('sha1').update(schema).digest('hex').slice(0, 32)}`;
}

/** What a notification carries: the study and the range of sequence numbers one transaction appended. */
export interface EventNotice {
  readonly studyId: string;
  readonly fromSeq: number;
  readonly toSeq: number;
}

/**
 * The notice in a payload (`studyId:from:to`: small, as NOTIFY payloads must be;
 * readers fetch the events from the table), or undefined for a payload that is not one.
 */
export function parseNotice(payload: string | undefined): EventNotice | undefined {
  const m = /^([0-9a-f-]{36}):(\d+):(\d+)$/i.exec(payload ?? '');
  return m ? { studyId: m[1], fromSeq: Number(m[2]), toSeq: Number(m[3]) } : undefined;
}
