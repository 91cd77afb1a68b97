// Validates each object against the Kubernetes (and KEDA) schemas, offline:
// kubernetes-models' JSON-schema validation (types, formats, required fields),
// then the TypeScript declarations of the same models for unknown fields,
// which the API server rejects (kubectl's default --validate=strict) but the
// JSON schemas let through.
import path from 'node:path';
import ts from 'typescript';

/**
 * The kinds deploy/ may hold: apiVersion and kind, the kubernetes-models module
 * of its class and the interface name of its declarations.
 */
export const KINDS = {
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'ConfigMap', 'IConfigMap'],
  'v1/Secret': ['kubernetes-models/v1/Secret', 'Secret', 'ISecret'],
  'v1/Service': ['kubernetes-models/v1/Service', 'Service', 'IService'],
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'Deployment', 'IDeployment'],
  'batch/v1/Job': ['kubernetes-models/batch/v1/Job', 'Job', 'IJob'],
  'policy/v1/PodDisruptionBudget': ['kubernetes-models/policy/v1/PodDisruptionBudget', 'PodDisruptionBudget', 'IPodDisruptionBudget'],
  'autoscaling/v2/HorizontalPodAutoscaler': ['kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler', 'HorizontalPodAutoscaler', 'IHorizontalPodAutoscaler'],
  'keda.sh/v1alpha1/ScaledObject': ['@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject', 'ScaledObject', 'IScaledObject'],
  'keda.sh/v1alpha1/TriggerAuthentication': ['@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication', 'TriggerAuthentication', 'ITriggerAuthentication'],
};

/** `${apiVersion}/${kind}`, the key of KINDS. */
export function kindKey(doc) {
  return `${doc?.apiVersion}/${doc?.kind}`;
}

/**
 * Schema problems of each object, as `path: message` lines.
 * @param {Record<string, any>[]} docs
 * @returns {Promise<string[][]>} one list per object, in order
 */
export async function schemaProblems(docs) {
  return Promise.all(
    docs.map(async (doc) => {
      const kind = KINDS[kindKey(doc)];
      if (!kind) return [`apiVersion/kind ${kindKey(doc)}: not one of the kinds this validator knows (${Object.keys(KINDS).join(', ')})`];
      const Model = (await import(kind[0]))[kind[1]];
      try {
        new Model(structuredClone(doc)).validate();
        return [];
      } catch (e) {
        const errors = /** @type {{ errors?: { instancePath: string, message?: string, params?: Record<string, unknown> }[] }} */ (e).errors;
        if (!errors) return [String(/** @type {Error} */ (e).message)];
        return errors.map((err) => `${jsonPath(err.instancePath) || '(object)'}: ${err.message}${err.params?.allowedValues ? ` (${err.params.allowedValues})` : ''}`);
      }
    }),
  );
}

function jsonPath(instancePath) {
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/**
 * Fields that the models' declarations do not have, per object: every object
 * becomes a typed constant of one in-memory module, and every object literal
 * in it is checked against the type TypeScript expects there (its contextual
 * type), whatever else is wrong with the object.
 * @param {Record<string, any>[]} docs
 * @param {string} root a directory whose node_modules holds the models
 * @returns {string[][]}
 */
export function unknownFieldProblems(docs, root) {
  const file = path.join(root, '__attune_manifests__.mts');
  const known = docs.map((doc) => KINDS[kindKey(doc)]);
  const source = docs
    .map((doc, i) =>
      known[i]
        ? `import type { ${known[i][2]} as T${i} } from ${JSON.stringify(known[i][0])};\nexport const doc${i}: T${i} = ${JSON.stringify(doc, null, 2)};\n`
        : '',
    )
    .join('\n');
  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (name, lang, ...rest) => (path.resolve(name) === file ? ts.createSourceFile(name, source, lang, true) : getSourceFile(name, lang, ...rest));
  host.fileExists = (name) => path.resolve(name) === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  const sourceFile = /** @type {ts.SourceFile} */ (program.getSourceFile(file));
  for (const d of program.getSemanticDiagnostics(sourceFile)) {
    // An import that does not resolve would make every type `any` and hide every unknown field.
    if (d.code === 2307 || d.code === 2305 || d.code === 2614) throw new Error(`the models' declarations do not load: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  }
  const checker = program.getTypeChecker();
  const problems = docs.map(() => /** @type {string[]} */ ([]));
  const visit = (node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const expected = checker.getContextualType(node);
      for (const prop of node.properties) {
        if (!expected || !ts.isPropertyAssignment(prop) || !ts.isStringLiteral(prop.name)) continue;
        const name = prop.name.text;
        const allowed = allowedIn(checker, expected, name);
        if (allowed === false) {
          const { index, where } = locate(prop.name);
          problems[index].push(`${where}: unknown field (not in ${checker.typeToString(checker.getNonNullableType(expected))})`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return problems;
}

/** Whether an object type (or a member of a union) has the field; undefined when no member is an object type. */
function allowedIn(checker, type, name) {
  const objects = (type.isUnion() ? type.types : [type]).filter((t) => t.flags & ts.TypeFlags.Object || t.flags & ts.TypeFlags.Intersection);
  if (objects.length === 0) return undefined;
  return objects.some((t) => checker.getPropertyOfType(t, name) !== undefined || checker.getIndexInfosOfType(t).length > 0);
}

/** The object index and field path of a node of the generated module. */
function locate(start) {
  let node = start;
  const parts = [];
  let index = -1;
  while (node) {
    const parent = node.parent;
    if (ts.isPropertyAssignment(node)) parts.unshift(ts.isStringLiteral(node.name) ? node.name.text : node.name.getText());
    if (parent && ts.isArrayLiteralExpression(parent)) parts.unshift(`[${parent.elements.indexOf(/** @type {any} */ (node))}]`);
    if (ts.isVariableDeclaration(node)) index = Number(node.name.getText().slice('doc'.length));
    node = parent;
  }
  return { index, where: parts.join('.').replaceAll('.[', '[') };
}
