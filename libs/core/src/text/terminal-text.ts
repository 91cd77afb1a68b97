/**
 * Characters that must not reach a terminal as they are: C0 controls (ESC
 * starts the sequences that clear screens and move cursors; CR and LF fake
 * lines), DEL, C1 controls (U+009B is a one-character CSI on some terminals),
 * and the Unicode formatting characters that reorder or break the text after
 * them (bidi overrides and isolates, line and paragraph separators).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Whether the text holds a character that `escapeControls` would escape. */
export function hasUnsafeCharacter(text: string): boolean {
  return text.search(UNSAFE) !== -1;
}

// What JSON.stringify leaves unescaped of UNSAFE (it escapes C0; pretty JSON's own newlines must stay).
const UNSAFE_IN_JSON = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The text with every unsafe character written as an escape (`\x1b`, `\u202e`),
 * so that names, reasons and errors stored by anyone print as one visible line.
 */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * JSON text with the unsafe characters JSON.stringify leaves as they are (DEL,
 * C1, the formatting ones; it escapes C0 itself) written as `\uXXXX`: the same
 * value once parsed, harmless on a terminal.
 */
export function escapeJsonText(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
