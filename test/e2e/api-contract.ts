import {
  apiErrorSchema,
  bestAnswerSchema,
  importanceJsonSchema,
  measurementRowSchema,
  pageSchema,
  stepRowSchema,
  studyDetailSchema,
  trialCurveSchema,
  trialRowSchema,
  verificationJsonSchema,
  type BestAnswer,
  type ImportanceJson,
  type StepRow,
  type StudyDetail,
  type TrialCurve,
  type TrialRow,
  type VerificationJson,
} from '@attune/core/api/responses';
import { studyEventMessageSchema, type StudyEventMessage } from '@attune/core/events/study-event';
import { expect } from 'vitest';
import { z } from 'zod';
import type { HttpClient, JsonResponse } from '../support/http-client';
import { readSse } from '../support/sse-client';

/**
 * The REST API against its declaration (libs/core/src/api): each answer is
 * parsed by its schema, strict where the shape is closed, so that a field
 * missing, mistyped or not declared fails the test, naming the route and
 * the field.
 */
export function parsedAs<T extends z.ZodType>(schema: T, res: JsonResponse, route: string, status = 200): z.output<T> {
  expect(res.status, `${route}: ${JSON.stringify(res.body)}`).toBe(status);
  const parsed = schema.safeParse(res.body);
  if (!parsed.success) expect.fail(`${route} answered what libs/core/src/api does not declare:\n${z.prettifyError(parsed.error)}\n${JSON.stringify(res.body)}`);
  return parsed.data;
}

/** A 200 parsed by `schema`, or a 404 parsed as the error body (undefined). */
async function foundOrNot<T extends z.ZodType>(http: HttpClient, schema: T, path: string, route: string): Promise<z.output<T> | undefined> {
  const res = await http.get(path);
  if (res.status !== 404) return parsedAs(schema, res, route);
  parsedAs(apiErrorSchema, res, route, 404);
  return undefined;
}

/** What one study's routes answered, each answer checked against the contract. */
export interface StudyThroughApi {
  readonly detail: StudyDetail;
  readonly trials: readonly TrialRow[];
  /** Undefined when the study has no feasible completed trial (404). */
  readonly best?: BestAnswer;
  /** Per objective of a Pareto study, else the one objective's. */
  readonly importance: readonly ImportanceJson[];
  /** Undefined when the study was never verified (404). */
  readonly verification?: VerificationJson;
  readonly events: readonly StudyEventMessage[];
  /** The learning curves (GET /studies/:id/steps), every trial that reported steps. */
  readonly curves: readonly TrialCurve[];
  /** Each trial's steps by number, of those that reported any. */
  readonly steps: ReadonlyMap<number, readonly StepRow[]>;
}

/**
 * Reads every GET route of an ended study (its detail, every trial and each
 * one's measurements and steps, the learning curves, the best, the importance of each objective, the
 * verification, the event stream) and checks each answer against its schema.
 */
export async function studyThroughApi(http: HttpClient, id: string): Promise<StudyThroughApi> {
  const detail = parsedAs(studyDetailSchema, await http.get(`/studies/${id}`), 'GET /studies/:id');
  expect(detail.state, 'an ended study: its event stream ends').not.toBe('RUNNING');
  const trials = parsedAs(pageSchema(trialRowSchema), await http.get(`/studies/${id}/trials?limit=1000`), 'GET /studies/:id/trials').items;
  const steps = new Map<number, StepRow[]>();
  for (const t of trials) {
    parsedAs(pageSchema(measurementRowSchema), await http.get(`/studies/${id}/trials/${t.number}/measurements`), `GET /studies/:id/trials/${t.number}/measurements`);
    const reported = parsedAs(pageSchema(stepRowSchema), await http.get(`/studies/${id}/trials/${t.number}/steps`), `GET /studies/:id/trials/${t.number}/steps`).items;
    if (reported.length > 0) steps.set(t.number, reported);
  }
  const curves = parsedAs(pageSchema(trialCurveSchema), await http.get(`/studies/${id}/steps?limit=200`), 'GET /studies/:id/steps').items;
  const best = await foundOrNot(http, bestAnswerSchema, `/studies/${id}/best`, 'GET /studies/:id/best');
  const objectives = detail.objectives.kind === 'pareto' ? detail.objectives.objectives.map((o) => `?objective=${o.metric}`) : [''];
  const importance: ImportanceJson[] = [];
  for (const query of objectives) importance.push(parsedAs(importanceJsonSchema, await http.get(`/studies/${id}/importance${query}`), `GET /studies/:id/importance${query}`));
  const verification = await foundOrNot(http, verificationJsonSchema, `/studies/${id}/verification`, 'GET /studies/:id/verification');
  const stream = await readSse(`${http.baseUrl}/studies/${id}/events`);
  const events = stream.events.map((e) => parsedAs(studyEventMessageSchema, { status: stream.status, body: JSON.parse(e.data) }, `GET /studies/:id/events (${e.event})`));
  return { detail, trials, ...(best && { best }), importance, ...(verification && { verification }), events, curves, steps };
}
