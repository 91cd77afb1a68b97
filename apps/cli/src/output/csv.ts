import { escapeControls } from '@attune/core/text/terminal-text';

/** One CSV record (RFC 4180): fields with a comma or a quote are quoted; control characters escaped as everywhere. */
export function csvLine(fields: readonly (string | number | undefined)[]): string {
  return fields
    .map((f) => {
      const text = escapeControls(f === undefined ? '' : String(f));
      return /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',');
}
