import { escapeControls } from '@attune/core/text/terminal-text';

/** A stream the CLI writes to: process.stdout/stderr, or a buffer in tests. */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  /** The terminal's width, on a TTY. */
  readonly columns?: number;
}

/** Where the CLI writes. Results go to stdout; progress, logs and errors to stderr. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
}

/**
 * Writes one line (a newline is appended), its control characters escaped:
 * whatever a study's name or a trial's error holds, it prints as one visible
 * line (see escapeControls). Every line the CLI prints goes through here.
 */
export function writeLine(stream: OutputStream, line = ''): void {
  stream.write(`${escapeControls(line)}\n`);
}

/** Writes each line with writeLine. */
export function writeLines(stream: OutputStream, lines: readonly string[]): void {
  for (const line of lines) writeLine(stream, line);
}
