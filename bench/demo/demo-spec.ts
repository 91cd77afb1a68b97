import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CompositeTerm } from '@attune/core/objective/objective-spec.schema';
import { normalizeObjectives } from '@attune/core/objective/normalize-objectives';
import { parseObjectiveSpec } from '@attune/core/objective/parse-objective-spec';
import type { Params } from '@attune/core/search-space/parameter';
import { parse as parseYaml } from 'yaml';

/** The demo's study, as `npm run demo` submits it, and what the bench needs of it. */
export interface DemoSpec {
  /** The document as written, for POST /studies. */
  readonly document: Record<string, unknown>;
  /** The composite objective's terms (the score the verification's interval is about). */
  readonly terms: readonly CompositeTerm[];
}

export const DEMO_STUDY_FILE = path.join('examples', 'http-service.study.yaml');

/** Reads examples/http-service.study.yaml; it must have a composite objective (the demo's). */
export function readDemoSpec(repoRoot: string): DemoSpec {
  const document = parseYaml(readFileSync(path.join(repoRoot, DEMO_STUDY_FILE), 'utf8')) as Record<string, unknown>;
  const { objective, objectives, constraints, baseline, measurement } = document;
  const measured = Object.fromEntries(Object.entries({ objective, objectives, constraints, baseline, measurement }).filter(([, v]) => v !== undefined));
  const normalized = normalizeObjectives(parseObjectiveSpec(measured));
  if (normalized.kind !== 'composite') throw new Error(`${DEMO_STUDY_FILE}: the bench expects a composite objective, found ${normalized.kind}`);
  return { document, terms: normalized.objectives };
}

/** A configuration's command-target environment: ATTUNE_PARAM_<NAME>, as a worker sets it. */
export function paramEnv(params: Readonly<Params>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [`ATTUNE_PARAM_${name.toUpperCase()}`, String(value)]));
}
