import { AttuneError } from '@attune/core/errors/attune-error';

/** A module path with an optional export name, as written `FILE[#export]`. */
export interface ObjectiveRef {
  readonly file: string;
  /** The export (or problem name) after `#`; absent when the ref has no `#`. */
  readonly exportName?: string;
}

/**
 * Splits `FILE#export` at the last `#` (`problems.mjs#branin` -> file
 * `problems.mjs`, export `branin`). `FILE` alone has no export name.
 */
export function parseObjectiveRef(ref: string): ObjectiveRef {
  const at = ref.lastIndexOf('#');
  const file = at < 0 ? ref : ref.slice(0, at);
  const exportName = at < 0 ? undefined : ref.slice(at + 1);
  if (file.trim() === '') throw new AttuneError('INVALID_ARGUMENT', `objective "${ref}": the module path is empty (expected FILE[#export])`);
  if (exportName !== undefined && exportName.trim() === '') {
    throw new AttuneError('INVALID_ARGUMENT', `objective "${ref}": the export name after "#" is empty (expected FILE[#export])`);
  }
  return exportName === undefined ? { file } : { file, exportName };
}
