#!/usr/bin/env node
// Validates the Kubernetes manifests under deploy/ offline (no cluster, no
// download): renders each kustomization, checks every object against the
// Kubernetes and KEDA schemas (kubernetes-models), rejects unknown fields,
// and checks names, selectors and references. With kubectl on the PATH, its
// own `kubectl kustomize` must render the same objects.
//   node scripts/validate-manifests.mjs [DIR]     (npm run check:manifests; DIR defaults to deploy)
// Exits 1 listing every problem as `file: Kind/name: path: message`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { referenceProblems } from './manifests/check-references.mjs';
import { idOf, readYamlDocuments, renderKustomization } from './manifests/render-kustomization.mjs';
import { schemaProblems, unknownFieldProblems } from './manifests/validate-documents.mjs';

const repoRoot = path.resolve(import.meta.dirname, '..');
const root = path.resolve(process.argv[2] ?? path.join(repoRoot, 'deploy'));
const rel = (p) => path.relative(process.cwd(), p) || '.';

const problems = [];
try {
  await validate();
} catch (e) {
  problems.push(/** @type {Error} */ (e).message);
}
if (problems.length > 0) {
  console.error(`${problems.length} problem(s) in the manifests under ${rel(root)}:`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}

async function validate() {
  const { entryPoints, yamlFiles } = survey(root);
  const examplesDir = path.join(root, 'examples');
  const examples = yamlFiles.filter((f) => f.startsWith(examplesDir + path.sep)).flatMap((source) => readYamlDocuments(source).map((doc) => ({ doc, source })));
  const sets = [{ title: 'examples (not applied)', objects: examples, external: [] }];
  for (const dir of entryPoints) {
    const objects = renderKustomization(dir);
    compareWithKubectl(dir, objects);
    sets.push({ title: `kubectl apply -k ${rel(dir)}`, objects, external: examples });
  }
  const rendered = new Set(sets.slice(1).flatMap((s) => s.objects.map((o) => o.source)));
  for (const f of yamlFiles) {
    if (!f.startsWith(examplesDir + path.sep) && path.basename(f) !== 'kustomization.yaml' && !rendered.has(f)) {
      problems.push(`${rel(f)}: in no kustomization's resources (list it, or move it to ${rel(examplesDir)})`);
    }
  }
  // One TypeScript program for every object: compiling the models' declarations is the slow part.
  const all = sets.flatMap((s) => s.objects);
  const docs = all.map((o) => o.doc);
  const [schema, unknown] = [await schemaProblems(docs), unknownFieldProblems(docs, repoRoot)];
  all.forEach((o, i) => {
    for (const p of [...schema[i], ...unknown[i]]) problems.push(`${rel(o.source)}: ${idOf(o.doc)}: ${p}`);
  });
  for (const { title, objects, external } of sets) {
    const sourceOf = new Map(objects.map((o) => [idOf(o.doc), o.source]));
    for (const p of referenceProblems(objects.map((o) => o.doc), external.map((o) => o.doc))) {
      problems.push(`${rel(sourceOf.get(p.slice(0, p.indexOf(': '))) ?? root)}: ${p}`);
    }
    console.log(`${title}: ${objects.length} object(s): ${objects.map((o) => idOf(o.doc)).join(', ')}`);
  }
}

/**
 * The kustomizations to apply (those no other one includes) and every YAML
 * file under the directory.
 */
function survey(dir) {
  const yamlFiles = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) yamlFiles.push(p);
    }
  };
  walk(dir);
  const kustomizations = yamlFiles.filter((f) => path.basename(f) === 'kustomization.yaml');
  const included = new Set();
  const applied = [];
  for (const f of kustomizations) {
    const [k] = readYamlDocuments(f);
    if (k?.kind === 'Kustomization') applied.push(path.dirname(f));
    for (const entry of [...(k?.resources ?? []), ...(k?.components ?? [])]) included.add(path.resolve(path.dirname(f), entry));
  }
  const entryPoints = applied.filter((d) => !included.has(d)).sort();
  if (entryPoints.length === 0) throw new Error(`${rel(dir)}: no kustomization to apply`);
  return { entryPoints, yamlFiles: yamlFiles.sort() };
}

/** With kubectl installed, its kustomize must print exactly the objects rendered here. */
function compareWithKubectl(dir, objects) {
  const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  if (run.error) {
    console.log(`${rel(dir)}: kubectl not found; rendered by scripts/manifests/render-kustomization.mjs alone`);
    return;
  }
  if (run.status !== 0) return problems.push(`${rel(dir)}: kubectl kustomize failed: ${run.stderr.trim()}`);
  const theirs = new Map(parseAllDocuments(run.stdout, { version: '1.1' }).map((d) => d.toJS()).filter(Boolean).map((d) => [idOf(d), d]));
  const ours = new Map(objects.map((o) => [idOf(o.doc), o.doc]));
  for (const id of new Set([...theirs.keys(), ...ours.keys()])) {
    if (!isDeepStrictEqual(theirs.get(id), ours.get(id))) problems.push(`${rel(dir)}: ${id}: kubectl kustomize renders it differently from scripts/manifests/render-kustomization.mjs`);
  }
  console.log(`${rel(dir)}: kubectl kustomize renders the same ${theirs.size} object(s)`);
}
