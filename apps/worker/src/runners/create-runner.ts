import type { WorkerConfig } from '../config/worker-config';
import type { TargetDefinition } from '../targets/target-definition';
import { CommandRunner } from './command/command.runner';
import { ModuleRunner } from './module/module.runner';
import type { TargetRunner } from './target-runner';

/** The runner for a declared target. */
export function createRunner(definition: TargetDefinition, config: WorkerConfig): TargetRunner {
  switch (definition.type) {
    case 'module':
      return new ModuleRunner(definition, config.hostEnv, config.cancelGraceMs);
    case 'command':
      return new CommandRunner(definition, config.hostEnv, config.killGraceMs, config.cancelGraceMs);
  }
}
