import { Document, visit } from 'yaml';
import { escapeControls, hasUnsafeCharacter } from '../text/terminal-text';

/**
 * A JSON value as a YAML document that reads back the same under YAML 1.1
 * and 1.2 (`yes`, `on`, `null` as strings are quoted, as 1.1 parsers such as
 * PyYAML would take them for booleans) and that holds no character a
 * terminal acts on: a string with one is double-quoted and the character
 * written as a YAML escape (`\x1b`, `\u202e`), the same value once parsed.
 */
export function toSafeYaml(value: unknown): string {
  const doc = new Document(value, { version: '1.1' });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && hasUnsafeCharacter(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  // Only double-quoted scalars can hold an unsafe character now; the document's own line breaks stay.
  return doc
    .toString({ lineWidth: 0 })
    .split('\n')
    .map((line) => escapeControls(line))
    .join('\n');
}
