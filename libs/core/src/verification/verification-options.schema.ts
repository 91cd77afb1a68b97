import { z } from 'zod';

/** Most candidates one verification re-measures, and most measurements of each. */
export const MAX_VERIFIED_CANDIDATES = 10;
export const MAX_VERIFICATION_REPEATS = 50;

const rule = (min: number, max: number) => `must be an integer from ${min} to ${max}`;
const boundedInteger = (min: number, max: number) => z.number().int(rule(min, max)).min(min, rule(min, max)).max(max, rule(min, max));

/**
 * How a study's winner is verified: the `top` best candidates and the
 * baseline re-measured `repeats` times each, interleaved, with a budget of
 * its own ((top + 1) × repeats measurements, beside maxTrials).
 */
export const verificationOptionsSchema = z.strictObject({
  /** Measurements of each candidate and of the baseline. @default 5 */
  repeats: boundedInteger(2, MAX_VERIFICATION_REPEATS).default(5).meta({ description: 'measurements of each candidate and of the baseline' }),
  /** Best trials re-measured as candidates. @default 3 */
  top: boundedInteger(1, MAX_VERIFIED_CANDIDATES).default(3).meta({ description: 'best trials re-measured as candidates' }),
});

/**
 * The spec's `verification`: options (verify when the study ends), or
 * `false` (never on its own; `attune study verify` still can). Absent: a
 * study with a baseline is verified when it ends, one without is not.
 */
export const verificationFieldSchema = z.union([z.literal(false), verificationOptionsSchema], {
  error: 'must be false (no verification when the study ends) or {repeats, top}',
});

export type VerificationOptions = z.output<typeof verificationOptionsSchema>;

/** The verification a study gets when it ends, or undefined for none. */
export function verificationAtEnd(spec: { readonly verification?: VerificationOptions | false; readonly baseline?: unknown }): VerificationOptions | undefined {
  if (spec.verification === false) return undefined;
  if (spec.verification) return spec.verification;
  return spec.baseline !== undefined ? verificationOptionsSchema.parse({}) : undefined;
}
