/** A stream the CLI writes to: process.stdout/stderr, or a buffer in tests. */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

/** Where the CLI writes. Results go to stdout; progress, logs and errors to stderr. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
}

/** Writes one line (a newline is appended). */
export function writeLine(stream: OutputStream, line = ''): void {
  stream.write(`${line}\n`);
}
