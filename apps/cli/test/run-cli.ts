import { runCli } from '../src/main';
import type { OutputStream } from '../src/cli-io';

/** A stream that keeps what is written, for assertions. */
export class BufferStream implements OutputStream {
  text = '';
  constructor(readonly isTTY = false) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** Runs the CLI in this process with buffered stdout/stderr. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new BufferStream();
  const stderr = new BufferStream();
  const code = await runCli(args, { io: { stdout, stderr }, env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
