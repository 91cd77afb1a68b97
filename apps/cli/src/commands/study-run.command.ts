import { verificationLines } from '../output/verification-lines';
import { verificationOf } from './study-show.command';
import { followVerification } from '../client/follow-verification';
import type { VerificationJson } from '@attune/core/api/responses';
import type { CoordinatorClient } from '../client/coordinator-client';
import { Option, type Command } from 'commander';
import type { StudyDetail } from '@attune/core/api/responses';
import { followStudy } from '../client/follow-study';
import { clientFor, interruptSignal, type CliContext, type ConnectionOptions } from '../cli-context';
import { writeLine, writeLines } from '../cli-io';
import { toJsonLine } from '../output/format';
import { printStudyOutcome } from '../output/study-outcome';
import { createStudyProgress } from '../output/study-progress';
import { EXIT_CODES_HELP, exitCodeOf, INTERRUPTED_EXIT_CODE, studyOutcome } from './exit-codes';
import { examples, intInRange, projectName, tokenOption, urlOption } from './option-parsers';
import { loadStudySpecFile } from './study-spec-file';

interface RunOptions extends ConnectionOptions {
  wait?: boolean;
  json?: boolean;
  interval: number;
  project?: string;
}

export function registerStudyRunCommand(study: Command, ctx: CliContext): void {
  study
    .command('run')
    .description('validate a study spec (YAML or JSON) and submit it to the coordinator')
    .argument('<file>', 'study spec file')
    .option('--wait', "follow the study's event stream with a progress bar until it ends, then print the best trial")
    .option('--json', 'print one JSON object {id, state, trials, best, warnings} on stdout')
    .addOption(new Option('--project <name>', "the project it belongs to (default: the token's, or default)").argParser(projectName))
    .addOption(new Option('--interval <ms>', 'least time between two progress refreshes while waiting').argParser(intInRange(50, 60_000)).default(500))
    .addOption(urlOption())
    .addOption(tokenOption())
    .addHelpText(
      'after',
      examples(
        'attune study run examples/branin.study.yaml                 # prints the study id',
        'attune study run examples/branin.study.yaml --wait          # live progress, then the best trial',
        'attune study run examples/branin.study.yaml --wait --json   # one JSON object, for scripts',
      ) + `\n${EXIT_CODES_HELP} Ctrl-C stops following; \`attune study watch ID\` follows again.\n`,
    )
    .action((file: string, opts: RunOptions) => runStudy(ctx, file, opts));
}

async function runStudy(ctx: CliContext, file: string, opts: RunOptions): Promise<void> {
  const spec = await loadStudySpecFile(file);
  const client = clientFor(ctx, opts);
  const created = await client.createStudy(spec, opts.project);
  printWarnings(ctx, created);
  if (!opts.wait) {
    if (opts.json) ctx.io.stdout.write(toJsonLine(resultObject(created)));
    else writeLine(ctx.io.stdout, created.id);
    return;
  }
  if (ctx.io.stderr.isTTY || !opts.json) writeLine(ctx.io.stderr, `study ${created.name} submitted: ${created.id} (${client.baseUrl})`);
  const progress = createStudyProgress({ stream: ctx.io.stderr, json: Boolean(opts.json) });
  const interrupt = interruptSignal(ctx);
  let final: StudyDetail | undefined;
  try {
    final = await followStudy(client, created.id, progress, { intervalMs: opts.interval, signal: interrupt.signal });
  } finally {
    interrupt.dispose();
  }
  if (!final) {
    writeLines(ctx.io.stderr, ['', `stopped following; study ${created.id} keeps running (follow it again with: attune study watch ${created.id}; stop it with: attune study stop ${created.id})`]);
    ctx.exitCode = INTERRUPTED_EXIT_CODE;
    return;
  }
  ctx.exitCode = exitCodeOf(studyOutcome(final));
  if (!opts.json) printStudyOutcome(ctx.io.stdout, final);
  // Only a COMPLETE study is verified on its own.
  const verification = final.state === 'COMPLETE' ? await waitForVerification(ctx, client, created.id, Boolean(opts.json)) : undefined;
  if (opts.json) ctx.io.stdout.write(toJsonLine({ ...resultObject(final), ...(verification && { verification }) }));
  else if (verification) for (const line of verificationLines(verification)) writeLine(ctx.io.stdout, line);
}

/** How often the verification's progress is asked for while waiting. */
const VERIFICATION_POLL_MS = 1000;

/** The verification that follows a COMPLETE study when its spec asks for one, waited for (progress on stderr); undefined when there is none. */
async function waitForVerification(ctx: CliContext, client: CoordinatorClient, id: string, json: boolean): Promise<VerificationJson | undefined> {
  if (!(await verificationOf(client, id))) return undefined;
  const onProgress = (v: VerificationJson) => {
    if (!json && v.state === 'RUNNING') writeLine(ctx.io.stderr, `verifying the winner: ${v.progress.taken}/${v.progress.total} re-measurements of trials ${v.candidates.map((n) => `#${n}`).join(', ')}`);
  };
  return followVerification(client, id, { intervalMs: VERIFICATION_POLL_MS, onProgress });
}

/** Each of the coordinator's warnings (a target no live worker serves), on stderr. */
function printWarnings(ctx: CliContext, study: StudyDetail): void {
  for (const warning of study.warnings ?? []) writeLine(ctx.io.stderr, `attune: warning: ${warning}`);
}

/** The `--json` shape of `study run`. */
export function resultObject(s: StudyDetail) {
  return {
    id: s.id,
    name: s.name,
    state: s.state,
    stopReason: s.stopReason,
    trials: s.trials,
    best: s.best ?? null,
    warnings: s.warnings ?? [],
  };
}
