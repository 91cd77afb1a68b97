// Renders a kustomization the way `kubectl kustomize` does, for the subset of
// kustomize that deploy/ uses: resources (files and directories), components
// and images. Anything else in a kustomization is an error here, so that the
// validation never passes on output it did not really compute.
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** One rendered object with the file it came from. */
/** @typedef {{ doc: Record<string, any>, source: string }} Rendered */

const KUSTOMIZATION_KEYS = new Set(['apiVersion', 'kind', 'resources', 'components', 'images']);
const COMPONENT_KEYS = new Set(['apiVersion', 'kind', 'images']);
const IMAGE_KEYS = new Set(['name', 'newName', 'newTag', 'digest']);

/**
 * Parses every YAML document of a file as Kubernetes does (YAML 1.1 scalars:
 * `yes` and `on` are booleans), failing on syntax errors and duplicate keys.
 * @returns {Record<string, any>[]}
 */
export function readYamlDocuments(file) {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'), { version: '1.1', uniqueKeys: true });
  return docs
    .map((d) => {
      if (d.errors.length > 0) throw new Error(`${file}: ${d.errors[0].message}`);
      return d.toJS();
    })
    .filter((d) => d !== null && d !== undefined);
}

/**
 * The objects `kubectl kustomize dir` prints, each with its source file.
 * @param {string} dir a directory holding kustomization.yaml
 * @returns {Rendered[]}
 */
export function renderKustomization(dir) {
  const { kustomization, file } = readKustomization(dir, 'Kustomization', KUSTOMIZATION_KEYS);
  /** @type {Rendered[]} */
  const out = [];
  for (const entry of list(kustomization, 'resources', file)) {
    const target = path.resolve(dir, entry);
    if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
      addAll(out, renderKustomization(target), file);
    } else {
      // kustomize's default load restrictor: a resource file must lie under the kustomization.
      if (path.relative(dir, target).startsWith('..')) throw new Error(`${file}: resource ${entry} is a file outside the kustomization's directory`);
      if (!fs.existsSync(target)) throw new Error(`${file}: resource ${entry} does not exist`);
      addAll(out, readYamlDocuments(target).map((doc) => ({ doc, source: target })), file);
    }
  }
  for (const entry of list(kustomization, 'components', file)) {
    const component = readKustomization(path.resolve(dir, entry), 'Component', COMPONENT_KEYS);
    applyImages(out, list(component.kustomization, 'images', component.file), component.file);
  }
  applyImages(out, list(kustomization, 'images', file), file);
  return out;
}

function readKustomization(dir, kind, allowedKeys) {
  const file = path.join(dir, 'kustomization.yaml');
  if (!fs.existsSync(file)) throw new Error(`${dir}: no kustomization.yaml`);
  const [kustomization] = readYamlDocuments(file);
  if (kustomization?.kind !== kind) throw new Error(`${file}: kind must be ${kind}, got ${kustomization?.kind}`);
  for (const key of Object.keys(kustomization)) {
    if (!allowedKeys.has(key)) {
      throw new Error(`${file}: "${key}" is not in the kustomize subset scripts/manifests/render-kustomization.mjs renders (${[...allowedKeys].join(', ')}); extend it first`);
    }
  }
  return { kustomization, file };
}

function list(kustomization, key, file) {
  const value = kustomization[key] ?? [];
  if (!Array.isArray(value)) throw new Error(`${file}: ${key} must be a list`);
  return value;
}

/** Adds objects, refusing a second object with the same kind, namespace and name, as kustomize does. */
function addAll(out, objects, file) {
  for (const o of objects) {
    const id = idOf(o.doc);
    if (out.some((p) => idOf(p.doc) === id)) throw new Error(`${file}: ${id} is declared twice (${o.source})`);
    out.push(o);
  }
}

/** kind/name, with the namespace if set: how kustomize identifies an object. */
export function idOf(doc) {
  const ns = doc?.metadata?.namespace;
  return `${doc?.kind}/${ns ? `${ns}/` : ''}${doc?.metadata?.name}`;
}

/** kustomize's images transformer, on the containers of every pod template. */
function applyImages(out, images, file) {
  for (const image of images) {
    for (const key of Object.keys(image)) if (!IMAGE_KEYS.has(key)) throw new Error(`${file}: images: unsupported field ${key}`);
    if (!image.name) throw new Error(`${file}: images: every entry needs a name`);
    for (const { doc } of out) {
      for (const container of podContainers(doc)) {
        if (typeof container.image === 'string' && imageName(container.image) === image.name) container.image = rewrite(container.image, image);
      }
    }
  }
}

/** Containers and init containers of a pod template (Deployment, Job, ...) or a Pod. */
export function podContainers(doc) {
  const pod = doc?.kind === 'Pod' ? doc.spec : doc?.spec?.template?.spec;
  return [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])];
}

function imageName(ref) {
  const at = ref.indexOf('@');
  const noDigest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
}

function rewrite(ref, image) {
  const name = image.newName ?? imageName(ref);
  if (image.digest) return `${name}@${image.digest}`;
  if (image.newTag) return `${name}:${image.newTag}`;
  return name + ref.slice(imageName(ref).length);
}
