import { ValidationError, type ValidationIssue } from '@attune/core/errors/attune-error';
import type { BaselineSource } from '@attune/core/objective/normalize-objectives';
import { checkConfiguration, completeConfiguration } from '@attune/core/search-space/check-configuration';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';

/**
 * The configuration a study's baseline measures: the given parameters, those
 * left out taking their `default`, or every parameter's `default`. Throws a
 * ValidationError naming each problem (a validated spec has none: this guards
 * the engine's other callers).
 */
export function baselineParams(source: BaselineSource, space: SearchSpace): Params {
  const issues: ValidationIssue[] =
    source.from === 'params'
      ? checkConfiguration(space, source.params, 'baseline.params', 'defaults-fill-in')
      : space.flatMap((p, i) =>
          p.default === undefined ? [{ path: `parameters[${i}].default`, message: `is required by baseline: true (measure the parameters' default values); give ${p.name} a default, or the baseline's params` }] : [],
        );
  if (issues.length > 0) throw new ValidationError(issues);
  return completeConfiguration(space, source.from === 'params' ? source.params : {});
}
