// Checks the API server and the cluster would make at apply or run time and
// that no schema expresses: names, images, selectors that match, references to
// ConfigMaps, Secrets, ports and volumes that exist, and the worker scaling
// wired to the queues the workers really consume.
import path from 'node:path';
import { parse } from 'yaml';
import { idOf, podContainers } from './render-kustomization.mjs';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Problems of a rendered set of objects, each `Kind/name: message`.
 * @param {Record<string, any>[]} docs the rendered objects
 * @param {Record<string, any>[]} external objects the user creates (the example Secrets)
 * @returns {string[]}
 */
export function referenceProblems(docs, external) {
  const all = [...docs, ...external];
  const problems = [];
  const report = (doc, message) => problems.push(`${idOf(doc)}: ${message}`);
  for (const doc of docs) {
    checkName(doc, report);
    if (doc.spec?.template?.spec) checkPodTemplate(doc, all, report);
    if (doc.kind === 'Service') checkService(doc, docs, report);
    if (doc.kind === 'PodDisruptionBudget' && !docs.some((d) => d.kind === 'Deployment' && selects(doc.spec?.selector?.matchLabels, d))) {
      report(doc, 'spec.selector matches no Deployment');
    }
    if (doc.kind === 'TriggerAuthentication') {
      for (const [i, ref] of (doc.spec?.secretTargetRef ?? []).entries()) checkKey(all, 'Secret', ref.name, ref.key, `spec.secretTargetRef[${i}]`, doc, report);
    }
    if (doc.kind === 'ScaledObject') checkScaledObject(doc, docs, report);
  }
  return problems;
}

function checkName(doc, report) {
  const name = doc.metadata?.name;
  const rule = doc.kind === 'Service' ? DNS_LABEL : DNS_SUBDOMAIN;
  if (typeof name !== 'string' || !rule.test(name) || name.length > (doc.kind === 'Service' ? 63 : 253)) {
    report(doc, `metadata.name ${JSON.stringify(name)} is not a valid ${doc.kind === 'Service' ? 'DNS-1035 label' : 'DNS-1123 subdomain'}`);
  }
}

function checkPodTemplate(doc, all, report) {
  const pod = doc.spec.template.spec;
  if (doc.spec.selector?.matchLabels && !selects(doc.spec.selector.matchLabels, doc)) report(doc, 'spec.selector does not match spec.template.metadata.labels');
  const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
  for (const [name, v] of volumes) {
    if (v.configMap) checkKey(all, 'ConfigMap', v.configMap.name, undefined, `volume ${name}`, doc, report, v.configMap.optional);
    if (v.secret) checkKey(all, 'Secret', v.secret.secretName, undefined, `volume ${name}`, doc, report, v.secret.optional);
  }
  const seen = new Set();
  for (const c of podContainers(doc)) {
    const where = `container ${c.name}`;
    if (seen.has(c.name)) report(doc, `${where}: two containers have this name`);
    seen.add(c.name);
    if (typeof c.image !== 'string' || c.image.trim() === '') report(doc, `${where}: image is required`);
    for (const e of c.env ?? []) {
      const cm = e.valueFrom?.configMapKeyRef;
      const secret = e.valueFrom?.secretKeyRef;
      if (cm) checkKey(all, 'ConfigMap', cm.name, cm.key, `${where} env ${e.name}`, doc, report, cm.optional);
      if (secret) checkKey(all, 'Secret', secret.name, secret.key, `${where} env ${e.name}`, doc, report, secret.optional);
    }
    for (const m of c.volumeMounts ?? []) if (!volumes.has(m.name)) report(doc, `${where}: volumeMount ${m.name} names no volume of the pod`);
    const ports = new Set((c.ports ?? []).map((p) => p.name).filter(Boolean));
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
      const port = c[probe]?.httpGet?.port ?? c[probe]?.tcpSocket?.port;
      if (typeof port === 'string' && !ports.has(port)) report(doc, `${where}: ${probe} port ${port} is not a named port of the container`);
    }
  }
}

function checkService(doc, docs, report) {
  const pods = docs.filter((d) => d.spec?.template?.spec && selects(doc.spec?.selector, d));
  if (pods.length === 0) return report(doc, 'spec.selector matches no pod template');
  const names = new Set(pods.flatMap((d) => podContainers(d).flatMap((c) => (c.ports ?? []).map((p) => p.name))));
  for (const p of doc.spec.ports ?? []) {
    if (typeof p.targetPort === 'string' && !names.has(p.targetPort)) report(doc, `port ${p.name}: targetPort ${p.targetPort} is no named port of the selected pods`);
  }
}

/** Whether every label of a selector is on the object's pod template. */
function selects(matchLabels, doc) {
  const labels = doc.spec?.template?.metadata?.labels ?? {};
  const entries = Object.entries(matchLabels ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

function checkKey(all, kind, name, key, where, doc, report, optional = false) {
  if (optional) return;
  const target = all.find((d) => d.kind === kind && d.metadata?.name === name);
  if (!target) return report(doc, `${where}: ${kind} ${name} is neither rendered nor among the documented examples`);
  if (key !== undefined && !(key in { ...target.data, ...target.stringData })) report(doc, `${where}: ${kind} ${name} has no key ${key}`);
}

function checkScaledObject(doc, docs, report) {
  const spec = doc.spec ?? {};
  const kind = spec.scaleTargetRef?.kind ?? 'Deployment';
  const workload = docs.find((d) => d.kind === kind && d.metadata?.name === spec.scaleTargetRef?.name);
  if (!workload) return report(doc, `spec.scaleTargetRef: no ${kind} ${spec.scaleTargetRef?.name} in the render`);
  if (workload.spec?.replicas !== undefined) report(doc, `${kind} ${workload.metadata.name} sets spec.replicas, which every apply would reset under the autoscaler`);
  const triggers = spec.triggers ?? [];
  for (const t of triggers) {
    const auth = t.authenticationRef?.name;
    if (auth && !docs.some((d) => d.kind === (t.authenticationRef.kind ?? 'TriggerAuthentication') && d.metadata?.name === auth)) {
      report(doc, `trigger ${t.name ?? t.type}: authenticationRef ${auth} is not in the render`);
    }
  }
  const formula = spec.advanced?.scalingModifiers?.formula;
  if (formula) {
    const names = new Set(triggers.map((t) => t.name));
    for (const id of formula.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) if (!names.has(id)) report(doc, `scalingModifiers.formula: ${id} is no trigger's name`);
    for (const t of triggers) if (!formula.match(new RegExp(`\\b${t.name}\\b`))) report(doc, `trigger ${t.name} is not in scalingModifiers.formula`);
  }
  checkQueueTriggers(doc, workload, docs, report);
}

/**
 * Each redis trigger reads `<prefix>:eval.<target>:wait|active` of a target the
 * workers serve, with the prefix of attune-config; every served target has
 * both; the scaling target is the workers' --concurrency.
 */
function checkQueueTriggers(doc, workload, docs, report) {
  const redis = (doc.spec.triggers ?? []).filter((t) => t.type === 'redis' || t.type === 'redis-cluster');
  if (redis.length === 0) return;
  const prefix = docs.find((d) => d.kind === 'ConfigMap' && d.metadata?.name === 'attune-config')?.data?.ATTUNE_QUEUE_PREFIX;
  if (!prefix) return report(doc, 'redis triggers, but no ConfigMap attune-config with ATTUNE_QUEUE_PREFIX in the render');
  const served = servedTargets(workload, docs);
  if (typeof served === 'string') return report(doc, served);
  const seen = new Set();
  for (const t of redis) {
    const list = String(t.metadata?.listName ?? '');
    const m = list.startsWith(`${prefix}:eval.`) ? /^eval\.(.+):(wait|active)$/.exec(list.slice(prefix.length + 1)) : null;
    if (!m) report(doc, `trigger ${t.name}: listName ${list} is not ${prefix}:eval.<target>:wait or :active (ATTUNE_QUEUE_PREFIX is ${prefix})`);
    else if (!served.targets.includes(m[1])) report(doc, `trigger ${t.name}: target ${m[1]} is not served by ${workload.metadata.name} (${served.targets.join(', ')})`);
    else seen.add(`${m[1]}:${m[2]}`);
  }
  for (const target of served.targets) {
    for (const list of ['wait', 'active']) if (!seen.has(`${target}:${list}`)) report(doc, `no trigger on ${prefix}:eval.${target}:${list}, though ${workload.metadata.name} serves ${target}`);
  }
  const target = doc.spec.advanced?.scalingModifiers?.target;
  if (served.concurrency !== undefined && target !== undefined && target !== served.concurrency) {
    report(doc, `scalingModifiers.target ${target} differs from the workers' --concurrency ${served.concurrency}`);
  }
}

/** The targets the workload's `worker --targets FILE` serves, read from the ConfigMap mounted there. */
function servedTargets(workload, docs) {
  const pod = workload.spec.template.spec;
  const c = pod.containers.find((x) => (x.args ?? []).includes('worker'));
  const args = c?.args ?? [];
  const file = args[args.indexOf('--targets') + 1];
  if (!c || !args.includes('--targets') || !file) return `${workload.metadata.name} runs no \`worker --targets FILE\``;
  const concurrency = args.includes('--concurrency') ? args[args.indexOf('--concurrency') + 1] : '1';
  const mount = (c.volumeMounts ?? []).find((m) => m.mountPath === path.posix.dirname(file));
  const volume = (pod.volumes ?? []).find((v) => v.name === mount?.name);
  const cm = docs.find((d) => d.kind === 'ConfigMap' && d.metadata?.name === volume?.configMap?.name);
  const text = cm?.data?.[path.posix.basename(file)];
  if (text === undefined) return `${workload.metadata.name}: --targets ${file} is not a key of a ConfigMap mounted at ${path.posix.dirname(file)}`;
  const targets = (parse(text)?.targets ?? []).map((t) => t.name);
  return { targets, concurrency };
}
