/** The longest line of a command's stdout read as it runs; a longer one is skipped (it still reaches the tail buffer). */
const MAX_LINE_BYTES = 64 * 1024;

/**
 * Cuts a stream of chunks into lines as they arrive, calling `onLine` with
 * each complete line (without its `\n`). Bytes are joined before decoding, so
 * a character split across chunks stays whole; memory stays bounded by
 * `maxLineBytes`, past which the rest of the line is dropped.
 */
export class LineSplitter {
  private partial: Buffer[] = [];
  private size = 0;
  private skipping = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {}

  push(chunk: Buffer): void {
    let from = 0;
    for (let nl = chunk.indexOf(10, from); nl >= 0; nl = chunk.indexOf(10, from)) {
      this.append(chunk.subarray(from, nl));
      this.emit();
      from = nl + 1;
    }
    this.append(chunk.subarray(from));
  }

  /** The stream ended: a last line without `\n` counts too. */
  end(): void {
    if (this.size > 0 || this.skipping) this.emit();
  }

  private append(bytes: Buffer): void {
    if (this.skipping || bytes.length === 0) return;
    if (this.size + bytes.length > this.maxLineBytes) {
      this.skipping = true;
      this.partial = [];
      this.size = 0;
      return;
    }
    this.partial.push(bytes);
    this.size += bytes.length;
  }

  private emit(): void {
    const line = this.skipping ? undefined : Buffer.concat(this.partial).toString('utf8');
    this.partial = [];
    this.size = 0;
    this.skipping = false;
    if (line !== undefined) this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  }
}
