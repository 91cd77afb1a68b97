import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import { ValidationError, type ValidationIssue } from '../errors/attune-error';
import { formatZodIssues } from './format-zod-issues';
import { checkParameterRules, checkStudySpecRules } from './study-spec.rules';
import { parameterSchema, studySpecSchema, type StudySpec } from './study-spec.schema';

/**
 * Validates a study spec given as a parsed object. Throws a ValidationError
 * listing every problem, each naming its field.
 */
export function parseStudySpec(input: unknown): StudySpec {
  const parsed = studySpecSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new ValidationError([...formatZodIssues(parsed.error.issues), ...rulesOfParsableParameters(input)]);
  const issues = checkStudySpecRules(parsed.data);
  if (issues.length > 0) throw new ValidationError(issues);
  return parsed.data;
}

/** When the spec as a whole fails its schema, the parameters that do parse are still held to the rules. */
function rulesOfParsableParameters(input: unknown): ReturnType<typeof checkParameterRules> {
  const parameters = (input as { parameters?: unknown } | null)?.parameters;
  if (!Array.isArray(parameters)) return [];
  return checkParameterRules(parameters.map((p) => parameterSchema.safeParse(p).data));
}

/**
 * Parses YAML or JSON text (JSON is YAML) and validates it. Problems carry the
 * line and column of the offending field, so a user can find it in the file.
 */
export function parseStudySpecText(text: string, source = 'spec'): StudySpec {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const pos = lineCounter.linePos(err.pos[0]);
    throw new ValidationError([{ path: '', message: `${source}:${pos.line}:${pos.col}: ${err.message.split('\n')[0]}` }]);
  }
  try {
    return parseStudySpec(doc.toJS());
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    throw new ValidationError(e.issues.map((i) => locate(i, doc.contents, lineCounter, source)));
  }
}

/** Adds `(source:line:col)` of each issue's field in the YAML or JSON text to its message. */
export function locateIssues(text: string, issues: readonly ValidationIssue[], source: string): ValidationIssue[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  return issues.map((i) => locate(i, doc.contents, lineCounter, source));
}

function locate(issue: ValidationIssue, root: unknown, lc: LineCounter, source: string): ValidationIssue {
  const node = findNode(root, issue.path);
  if (!node?.range) return { path: issue.path, message: `${issue.message} (${source})` };
  const pos = lc.linePos(node.range[0]);
  return { path: issue.path, message: `${issue.message} (${source}:${pos.line}:${pos.col})` };
}

function findNode(root: unknown, path: string): Node | undefined {
  const keys = path.match(/[^.[\]]+/g) ?? [];
  let node = root as Node | undefined;
  let last = node;
  for (const key of keys) {
    if (isMap(node)) {
      const pair = node.items.find((it) => (it.key as { value?: unknown })?.value === key);
      node = (pair?.value ?? pair?.key) as Node | undefined;
    } else if (isSeq(node)) {
      node = node.items[Number(key)] as Node | undefined;
    } else {
      return last;
    }
    if (!node) return last;
    last = node;
  }
  return node;
}
