import { AttuneError } from '../errors/attune-error';
import { checkConfiguration, completeConfiguration } from '../search-space/check-configuration';
import type { Params, SearchSpace } from '../search-space/parameter';
import type { EnqueueTrialsRequest } from './enqueue-trials.schema';

/**
 * The configurations of an enqueue request, each checked against the space
 * (a parameter left out takes its `default`) and completed, in the space's
 * order. Throws INVALID_ARGUMENT naming every problem at
 * `trials[i].params.<parameter>`.
 */
export function enqueuedConfigurations(space: SearchSpace, request: EnqueueTrialsRequest): Params[] {
  const issues = request.trials.flatMap((t, i) => checkConfiguration(space, t.params, `trials[${i}].params`, 'defaults-fill-in'));
  if (issues.length > 0) throw new AttuneError('INVALID_ARGUMENT', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  return request.trials.map((t) => completeConfiguration(space, t.params));
}
