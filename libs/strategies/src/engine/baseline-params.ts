import { ValidationError, type ValidationIssue } from '@attune/core/errors/attune-error';
import type { BaselineSource } from '@attune/core/objective/normalize-objectives';
import { isInDomain } from '@attune/core/search-space/encoding';
import { emptyParams, type ParamValue, type Params, type SearchSpace } from '@attune/core/search-space/parameter';

/**
 * The configuration a study's baseline measures: the given parameters, or
 * each parameter's `default`. Throws a ValidationError naming every parameter
 * that is missing, out of its domain or without a default, and every given
 * name that is not a parameter.
 */
export function baselineParams(source: BaselineSource, space: SearchSpace): Params {
  const params = emptyParams();
  const issues: ValidationIssue[] = [];
  space.forEach((p, i) => {
    const value = source.from === 'params' ? valueOf(source.params, p.name) : (p as { default?: ParamValue }).default;
    if (value === undefined) {
      issues.push(
        source.from === 'params'
          ? { path: `baseline.params.${p.name}`, message: 'is required: the baseline sets every parameter' }
          : { path: `parameters[${i}].default`, message: `is required by baseline: true (measure the parameters' default values); give ${p.name} a default, or the baseline's params` },
      );
    } else if (!isInDomain(p, value)) {
      issues.push({ path: source.from === 'params' ? `baseline.params.${p.name}` : `parameters[${i}].default`, message: `${JSON.stringify(value)} is outside the parameter's domain` });
    } else params[p.name] = value;
  });
  if (source.from === 'params') {
    const names = new Set(space.map((p) => p.name));
    for (const name of Object.keys(source.params)) if (!names.has(name)) issues.push({ path: `baseline.params.${name}`, message: 'is not a parameter of the study' });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return params;
}

function valueOf(params: Readonly<Params>, name: string): ParamValue | undefined {
  return Object.hasOwn(params, name) ? params[name] : undefined;
}
