/** Lifecycle of a study: RUNNING until it ends in one of the other states. */
export const STUDY_STATES = ['RUNNING', 'COMPLETE', 'FAILED', 'STOPPED'] as const;
export type StudyState = (typeof STUDY_STATES)[number];
