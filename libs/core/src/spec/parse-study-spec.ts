import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import { ValidationError, type ValidationIssue } from '../errors/attune-error';
import { formatZodIssues } from './format-zod-issues';
import { parseYamlDocument } from './parse-yaml-document';
import { checkStorableDocument } from './storable-text';
import { checkConvergenceRules } from '../convergence/convergence-spec.rules';
import { checkObjectiveRules } from '../objective/objective-spec.rules';
import { checkParameterRules, checkStudySpecRules } from './study-spec.rules';
import { parameterSchema, studySpecSchema, type StudySpec } from './study-spec.schema';

/**
 * Validates a study spec given as a parsed object. Throws a ValidationError
 * listing every problem, each naming its field.
 */
export function parseStudySpec(input: unknown): StudySpec {
  const documentIssues = checkStorableDocument(input);
  const parsed = studySpecSchema.safeParse(input, { reportInput: true });
  const fieldIssues = parsed.success ? checkStudySpecRules(parsed.data) : [...formatZodIssues(parsed.error.issues), ...rulesOfParsableParameters(input)];
  const issues = [...fieldIssues, ...checkObjectiveRules(input), ...checkConvergenceRules(input)];
  // A reserved or unstorable key is also an unknown field; say only what is really wrong with it.
  const flagged = new Set(documentIssues.map((i) => i.path));
  const all = [...issues.filter((i) => !flagged.has(i.path)), ...documentIssues];
  if (!parsed.success || all.length > 0) throw new ValidationError(all);
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
  const { doc, lineCounter, problem } = parseYamlDocument(text, 'a study spec');
  if (problem) throw new ValidationError([{ path: '', message: `${source}:${problem.line}:${problem.col}: ${problem.message}` }]);
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
