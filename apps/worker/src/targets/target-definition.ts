/** A declared module target, its paths resolved. */
export interface ModuleTargetDefinition {
  readonly name: string;
  readonly type: 'module';
  /** Absolute path of the module. */
  readonly module: string;
  readonly export?: string;
  readonly timeoutSec?: number;
}

/** A declared command target, its paths resolved. */
export interface CommandTargetDefinition {
  readonly name: string;
  readonly type: 'command';
  readonly command: readonly string[];
  /** Absolute working directory. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Names (or `PREFIX*`) of the worker's variables the command inherits beyond the defaults (see inheritedEnv). */
  readonly inheritEnv: readonly string[];
  readonly timeoutSec?: number;
}

/** What a worker's targets file declares, one entry per target it serves. */
export type TargetDefinition = ModuleTargetDefinition | CommandTargetDefinition;
