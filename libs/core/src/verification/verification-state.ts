/** Lifecycle of a verification: RUNNING until its last re-measurement, then its verdict (or why there is none). */
export const VERIFICATION_STATES = ['RUNNING', 'COMPLETE', 'FAILED', 'CANCELLED'] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];
