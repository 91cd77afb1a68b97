import type { BestAnswer as BestJson, BestFormat, BestTrial } from '@attune/core/api/responses';
import { AttuneError } from '@attune/core/errors/attune-error';
import { toEnvFile } from '@attune/core/export/env-file';
import { toSafeYaml } from '@attune/core/export/safe-yaml';
import type { StudyRecord } from '@attune/persistence/records/study.record';

/** What GET /studies/:id/best answers: a JSON body, or text of its own media type. */
export type BestOutput = { readonly kind: 'json'; readonly body: BestJson } | { readonly kind: 'text'; readonly contentType: string; readonly text: string };

/** The best trial or front, one trial asked for, in the format asked for. */
export type BestAnswer = { readonly trial: BestTrial } | { readonly front: readonly BestTrial[] };

/**
 * Writes the answer: JSON as it is (`{front}` for several objectives), YAML
 * of the same, or env-file lines of the configuration. A Pareto front is
 * several configurations, so YAML and env of one are refused, naming the
 * front's trials to pick from with `?trial=N`.
 */
export function bestOutput(study: StudyRecord, answer: BestAnswer, format: BestFormat): BestOutput {
  if (format === 'json') return { kind: 'json', body: 'front' in answer ? { front: [...answer.front] } : answer.trial };
  if ('front' in answer) throw frontIsNotOneConfiguration(answer.front, format);
  if (format === 'yaml') return { kind: 'text', contentType: 'application/yaml; charset=utf-8', text: toSafeYaml(answer.trial) };
  const order = study.spec.parameters.map((p) => p.name);
  const comment = [`attune study ${study.id}, trial #${answer.trial.number}`];
  return { kind: 'text', contentType: 'text/plain; charset=utf-8', text: toEnvFile(answer.trial.params, order, comment) };
}

function frontIsNotOneConfiguration(front: readonly BestTrial[], format: BestFormat): AttuneError {
  const numbers = front.map((t) => `#${t.number}`).join(', ');
  const message = `is required for format ${format} on a study with several objectives: its best is a Pareto front of ${front.length} trials (${numbers}), not one configuration; pick one with ?trial=N (attune study best --trial N), or take format json, which lists the front`;
  return new AttuneError('INVALID_ARGUMENT', `trial: ${message}`, [{ path: 'trial', message }]);
}
