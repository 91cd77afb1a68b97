/**
 * Every kind of study event by name, in the order they are listed to users,
 * for code that needs the names without the schemas (the dashboard's bundle
 * leaves zod out: its schemas would weigh more than the page, and zod's
 * code generation trips the page's Content-Security-Policy). study-event.ts
 * declares each kind's schema and fails to compile unless its kinds are
 * exactly these; adding a kind means adding its name here too.
 */
export const STUDY_EVENT_KIND_NAMES = ['study-created', 'trial-started', 'trial-finished', 'trial-pruned', 'new-best', 'converged', 'study-ended', 'verified', 'no-significant-improvement', 'verification-failed'] as const;
