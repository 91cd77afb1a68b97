import fs from 'node:fs/promises';
import path from 'node:path';
import type { Params } from '@attune/core/search-space/parameter';
import { EvaluationInterruptedError } from '../../evaluation/evaluation-interrupted.error';
import type { CommandTargetDefinition } from '../../targets/target-definition';
import { StepChecker } from '@attune/targets/step-checker';
import type { EvaluationRequest, RunOutcome, StepSink, TargetRunner } from '../target-runner';
import { inheritedEnv } from './command-env';
import { finalMetricsOf, stepOfLine } from './json-lines';
import { runProcess, type ProcessResult } from './run-process';
import { makeTrialDir } from './trial-temp-dir';

const STDERR_TAIL_CHARS = 1500;

/**
 * Runs a command target once per evaluation. Parameters reach it as
 * ATTUNE_PARAM_<NAME> variables and as a JSON file (ATTUNE_PARAMS_FILE, removed
 * afterwards); its metrics are the last JSON line of its stdout (see
 * finalMetricsOf), and the JSON lines with a `step` field it prints are its
 * steps, read as they are printed when the request takes steps. Its
 * environment is built from scratch: the few variables inheritedEnv selects
 * of the worker's, the target's `env`, then the trial's ATTUNE_* variables.
 */
export class CommandRunner implements TargetRunner {
  readonly target: string;
  readonly timeoutSec?: number;

  constructor(
    private readonly definition: CommandTargetDefinition,
    private readonly hostEnv: Readonly<Record<string, string>>,
    private readonly killGraceMs: number,
    private readonly cancelGraceMs: number,
  ) {
    this.target = definition.name;
    this.timeoutSec = definition.timeoutSec;
  }

  async start(): Promise<void> {}

  async run(request: EvaluationRequest): Promise<RunOutcome> {
    const dir = await makeTrialDir();
    try {
      const paramsFile = path.join(dir, 'params.json');
      await fs.writeFile(paramsFile, JSON.stringify(request.params));
      const result = await runProcess({
        argv: this.definition.command,
        cwd: this.definition.cwd,
        env: this.envFor(request, paramsFile),
        // The params file's path is unique to the run: it marks the run's processes, and its folder goes with them.
        marker: `ATTUNE_PARAMS_FILE=${paramsFile}`,
        tempDir: dir,
        timeoutMs: request.timeoutMs,
        killGraceMs: this.killGraceMs,
        cancelGraceMs: this.cancelGraceMs,
        signal: request.signal,
        onStdoutLine: request.steps && stepReader(request.steps),
      });
      return this.outcomeOf(result, request.timeoutMs);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {}

  private envFor(request: EvaluationRequest, paramsFile: string): Record<string, string> {
    return {
      ...inheritedEnv(this.hostEnv, this.definition.inheritEnv),
      ...this.definition.env,
      ...paramEnv(request.params),
      ATTUNE_PARAMS_FILE: paramsFile,
      ATTUNE_TRIAL_ID: request.trialId,
      ATTUNE_TRIAL_NUMBER: String(request.trialNumber),
    };
  }

  private outcomeOf(r: ProcessResult, timeoutMs: number): RunOutcome {
    const argv0 = this.definition.command[0];
    if (r.interrupted) throw new EvaluationInterruptedError();
    if (r.timedOut) return { kind: 'timed-out', error: `command timed out after ${timeoutMs / 1000}s and was killed${tail(r.stderr)}` };
    if (r.spawnError) return { kind: 'failed', error: `command "${argv0}" could not be started: ${r.spawnError.message}` };
    if (r.exitSignal) return { kind: 'failed', error: `command was killed by ${r.exitSignal}${tail(r.stderr)}` };
    if (r.exitCode !== 0) return { kind: 'failed', error: `command exited with code ${r.exitCode}${tail(r.stderr)}` };
    const raw = finalMetricsOf(r.stdout);
    return raw === undefined ? { kind: 'output', raw, shown: r.stdout } : { kind: 'output', raw };
  }
}

/** Hands each step line of stdout, checked, to `sink`; other lines pass by. */
function stepReader(sink: StepSink): (line: string) => void {
  const checker = new StepChecker(sink.metric);
  return (line) => {
    const reported = stepOfLine(line);
    if (!reported) return;
    const check = checker.check(reported.step, reported.metrics);
    if (check.ok) sink.accept(check.step);
    else sink.refuse(check.problem);
  };
}

/** ATTUNE_PARAM_<NAME> for every parameter, the name upper-cased. */
export function paramEnv(params: Params): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [`ATTUNE_PARAM_${name.toUpperCase()}`, String(value)]));
}

function tail(stderr: string): string {
  const text = stderr.trim();
  if (text === '') return '';
  return `; stderr: ${text.length <= STDERR_TAIL_CHARS ? text : `…${text.slice(-STDERR_TAIL_CHARS)}`}`;
}
