import { escapeControls } from '@attune/core/text/terminal-text';

export interface TableOptions {
  /** Fit every line in this many characters by cutting the `flexible` column (with "…"). */
  readonly maxWidth?: number;
  /** Index of the column cut to fit maxWidth (a free-text one, such as an error). */
  readonly flexible?: number;
}

/**
 * Renders rows as a left-aligned text table with a header line, one string per
 * line; numbers align right. Cells are measured as they will print (control
 * characters escaped), so columns stay aligned whatever they hold.
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string[] {
  const cells = rows.map((r) => headers.map((_, i) => escapeControls(r[i] ?? '')));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const { maxWidth, flexible } = options;
  if (maxWidth !== undefined && flexible !== undefined) {
    const others = widths.reduce((sum, w, i) => sum + (i === flexible ? 0 : w + 2), 0);
    widths[flexible] = Math.min(widths[flexible], Math.max(headers[flexible].length, maxWidth - others));
    for (const r of cells) r[flexible] = cut(r[flexible], widths[flexible]);
  }
  const numeric = headers.map((_, i) => cells.length > 0 && cells.every((r) => /^-?[\d.e+-]*$/i.test(r[i])));
  const line = (row: readonly string[]) =>
    row
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)];
}

/** The text in at most `width` characters, "…" marking a cut. */
export function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}
