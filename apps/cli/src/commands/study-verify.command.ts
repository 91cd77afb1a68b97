import type { Command } from 'commander';
import type { VerificationJson } from '@attune/core/api/responses';
import { followVerification } from '../client/follow-verification';
import { clientFor, type CliContext, type ConnectionOptions } from '../cli-context';
import { CliError } from '../cli-error';
import { writeLine } from '../cli-io';
import { formatParams, toJsonLine } from '../output/format';
import { verificationLines } from '../output/verification-lines';
import { MAX_VERIFICATION_REPEATS, MAX_VERIFIED_CANDIDATES } from '@attune/core/verification/verification-options.schema';
import { examples, intInRange, tokenOption, urlOption } from './option-parsers';

interface VerifyOptions extends ConnectionOptions {
  repeats?: number;
  top?: number;
  wait?: boolean;
  json?: boolean;
}

/** How often `--wait` asks how the verification is doing. */
const POLL_MS = 1000;

/** `study verify ID`: re-measure an ended study's best candidates and its baseline, and say whether the winner is really better. */
export function registerStudyVerifyCommand(study: Command, ctx: CliContext): void {
  study
    .command('verify')
    .description("re-measure an ended study's top candidates and its baseline, interleaved, and report the winner's improvement with its 95% interval and p-value")
    .argument('<id>', 'study id')
    .option('--repeats <n>', 'measurements of each candidate and of the baseline (2-50, default 5)', intInRange(2, MAX_VERIFICATION_REPEATS))
    .option('--top <k>', 'best trials re-measured as candidates (1-10, default 3)', intInRange(1, MAX_VERIFIED_CANDIDATES))
    .option('--wait', 'wait for the verdict, showing progress')
    .option('--json', 'print the verification as JSON')
    .addOption(urlOption())
    .addOption(tokenOption())
    .addHelpText('after', examples('attune study verify 2f0c… --wait', 'attune study verify 2f0c… --repeats 8 --top 2 --wait --json'))
    .action((id: string, opts: VerifyOptions) => verify(ctx, id, opts));
}

async function verify(ctx: CliContext, id: string, opts: VerifyOptions): Promise<void> {
  const client = clientFor(ctx, opts);
  let verification = await client.verify(id, { ...(opts.repeats !== undefined && { repeats: opts.repeats }), ...(opts.top !== undefined && { top: opts.top }) });
  if (!opts.json) writeLine(ctx.io.stderr, `verifying study ${id}: ${verification.progress.total} measurements of trials ${verification.candidates.map((n) => `#${n}`).join(', ')}, one at a time`);
  if (opts.wait && verification.state === 'RUNNING') {
    const onProgress = (v: VerificationJson) => void (!opts.json && writeLine(ctx.io.stderr, `  ${v.progress.taken}/${v.progress.total} measured`));
    verification = (await followVerification(client, id, { intervalMs: POLL_MS, onProgress })) ?? verification;
  }
  if (opts.json) return void ctx.io.stdout.write(toJsonLine(verification));
  printVerification(ctx, verification);
  if (verification.state === 'FAILED') throw new CliError(`verification failed: ${verification.error ?? 'no reason given'}`);
}

export function printVerification(ctx: CliContext, verification: VerificationJson): void {
  for (const line of verificationLines(verification)) writeLine(ctx.io.stdout, line);
  const params = verification.report?.winnerParams;
  if (params) writeLine(ctx.io.stdout, `  ${formatParams(params)}`);
}
