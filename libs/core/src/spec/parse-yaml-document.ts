import { LineCounter, parseDocument, type Document } from 'yaml';

/** Why a text is not one YAML document, and where. */
export interface YamlDocumentProblem {
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

/**
 * Parses text that must be one YAML (or JSON) document. A syntax error, or a
 * second document after `---`, is the `problem`, in words of ours rather than
 * the library's advice; `what` names the document ("a study spec").
 */
export function parseYamlDocument(text: string, what: string): { doc: Document.Parsed; lineCounter: LineCounter; problem?: YamlDocumentProblem } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const error = doc.errors[0];
  if (!error) return { doc, lineCounter };
  const { line, col } = lineCounter.linePos(error.pos[0]);
  const message =
    error.code === 'MULTIPLE_DOCS'
      ? `a second YAML document starts here; ${what} is one document: remove this "---" and what follows, or move it to a file of its own`
      : error.message.split('\n')[0];
  return { doc, lineCounter, problem: { line, col, message } };
}
