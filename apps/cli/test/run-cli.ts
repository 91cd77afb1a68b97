import { runCli, type ProgramOptions } from '../src/main';
import type { OutputStream } from '../src/cli-io';

/** A stream that keeps what is written, for assertions; a TTY of `columns` when asked. */
export class BufferStream implements OutputStream {
  text = '';
  constructor(
    readonly isTTY = false,
    readonly columns?: number,
  ) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface CliRunOptions {
  /** Make stdout a TTY this many columns wide. */
  readonly stdoutColumns?: number;
  /** Make stderr a TTY this many columns wide (the progress bar). */
  readonly stderrColumns?: number;
  readonly onInterrupt?: ProgramOptions['onInterrupt'];
}

/** Runs the CLI in this process with buffered stdout/stderr. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}, options: CliRunOptions = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new BufferStream(options.stdoutColumns !== undefined, options.stdoutColumns);
  const stderr = new BufferStream(options.stderrColumns !== undefined, options.stderrColumns);
  const code = await runCli(args, { io: { stdout, stderr }, env, onInterrupt: options.onInterrupt });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
