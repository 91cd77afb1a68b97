import { z } from 'zod';
import { ALL_PROJECTS, ROLES } from '../auth/roles';
import { countSchema, dateTimeSchema, uuidSchema } from './response-primitives';

export const roleSchema = z.enum(ROLES);

/** A project's limits as the API shows them: absent is unlimited. */
export const projectLimitsJsonSchema = z.strictObject({
  maxConcurrentStudies: countSchema.optional(),
  maxParallelism: countSchema.optional(),
  maxTrialsPerStudy: countSchema.optional(),
  requestsPerMinute: countSchema.optional(),
});
export type ProjectLimitsJson = z.output<typeof projectLimitsJsonSchema>;

/** A project as GET /projects lists it. */
export const projectJsonSchema = z.strictObject({
  id: uuidSchema,
  name: z.string(),
  description: z.string().optional(),
  createdAt: dateTimeSchema,
  limits: projectLimitsJsonSchema,
  studies: z.strictObject({ running: countSchema, total: countSchema }),
});
export type ProjectJson = z.output<typeof projectJsonSchema>;

/** An API token as GET /tokens lists it: never the secret. */
export const tokenJsonSchema = z.strictObject({
  id: uuidSchema,
  name: z.string().optional(),
  project: z.string().meta({ description: `a project's name, or "${ALL_PROJECTS}" for every project` }),
  role: roleSchema,
  prefix: z.string().meta({ description: 'the first characters of the token, to recognise it' }),
  createdAt: dateTimeSchema,
  createdBy: z.string().optional().meta({ description: 'the id of the token that created it; absent for one made by `attune admin bootstrap`' }),
  expiresAt: dateTimeSchema.optional(),
  revokedAt: dateTimeSchema.optional(),
  lastUsedAt: dateTimeSchema.optional(),
});
export type TokenJson = z.output<typeof tokenJsonSchema>;

/** POST /tokens: the token itself, shown this once. */
export const createdTokenSchema = tokenJsonSchema.extend({
  token: z.string().meta({ description: 'the secret, shown only in this answer; send it as `Authorization: Bearer <token>`' }),
});
export type CreatedToken = z.output<typeof createdTokenSchema>;

/** GET /session: who the caller is. With authentication off, everyone is an admin of every project. */
export const sessionJsonSchema = z.strictObject({
  auth: z.enum(['on', 'off']),
  role: roleSchema,
  project: z.string().meta({ description: `the token's project, or "${ALL_PROJECTS}"` }),
  token: z.strictObject({ id: uuidSchema, name: z.string().optional(), expiresAt: dateTimeSchema.optional() }).optional().meta({ description: 'absent with authentication off' }),
});
export type SessionJson = z.output<typeof sessionJsonSchema>;

export const AUDIT_ACTIONS = ['study.create', 'study.stop', 'study.verify', 'trial.enqueue', 'token.create', 'token.revoke', 'project.create', 'project.update'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One entry of the audit log (GET /audit), newest first. */
export const auditEntrySchema = z.strictObject({
  id: z.number().int().min(1),
  at: dateTimeSchema,
  action: z.enum(AUDIT_ACTIONS),
  project: z.string().optional().meta({ description: 'the project acted in; absent for actions on every project' }),
  actor: z.strictObject({ tokenId: uuidSchema.optional(), name: z.string().optional() }).meta({ description: 'the token that acted; empty with authentication off' }),
  subject: z.string().meta({ description: 'what was acted on: a study, token or project id' }),
  detail: z.record(z.string(), z.unknown()).meta({ description: 'e.g. the study\'s name, the trials enqueued, the token\'s role' }),
});
export type AuditEntry = z.output<typeof auditEntrySchema>;
