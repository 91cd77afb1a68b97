import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '../..');
const script = path.join(repo, 'scripts/validate-manifests.mjs');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-manifests-'));

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function validate(dir: string): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, dir], { cwd: repo });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** A copy of deploy/ with each file's text replaced as given (each replacement must apply). */
function brokenCopy(name: string, edits: Record<string, [string | RegExp, string][]>, extraFiles: Record<string, string> = {}): string {
  const dir = path.join(scratch, name);
  fs.cpSync(path.join(repo, 'deploy'), dir, { recursive: true });
  for (const [file, replacements] of Object.entries(edits)) {
    let text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const [from, to] of replacements) {
      const next = text.replace(from, to);
      if (next === text) throw new Error(`${file}: ${String(from)} not found`);
      text = next;
    }
    fs.writeFileSync(path.join(dir, file), text);
  }
  for (const [file, text] of Object.entries(extraFiles)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

describe('scripts/validate-manifests.mjs', () => {
  it('passes the manifests under deploy/, rendering both kustomizations and the example Secrets', async () => {
    const run = await validate(path.join(repo, 'deploy'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'kubectl apply -k deploy: 8 object(s): ConfigMap/attune-config, Deployment/attune-coordinator, Service/attune-coordinator, ' +
        'PodDisruptionBudget/attune-coordinator, ConfigMap/attune-worker-targets, Deployment/attune-worker, TriggerAuthentication/attune-redis, ScaledObject/attune-worker',
    );
    expect(run.stdout).toContain('kubectl apply -k deploy/migrate: 2 object(s): ConfigMap/attune-config, Job/attune-migrate');
    expect(run.stdout).toContain('examples (not applied): 2 object(s): Secret/attune-database, Secret/attune-redis');
  }, 60_000);

  it('lists every problem of broken manifests: schema, unknown fields, images, references, the queue prefix, stray files', async () => {
    const dir = brokenCopy(
      'broken',
      {
        'coordinator/deployment.yaml': [
          ['replicas: 2', 'replicas: "two"'],
          ['readinessProbe:', 'readinesProbe:'],
          // Kubernetes reads YAML 1.1: an unquoted `no` is a boolean, not the string an env value must be.
          ['value: "false"', 'value: no'],
        ],
        'worker/deployment.yaml': [[/^ {10}image: attune\n/m, '']],
        'migrate/job.yaml': [
          [/runAsNonRoot: true\n/, 'runAsNonRoot: true\n        readOnlyRootFilesystem: true\n'],
          ['key: DATABASE_SCHEMA', 'key: DATABASE_SCHEME'],
        ],
        'worker/scaledobject.yaml': [['"{attune}:eval.branin:wait"', '"attune:eval.branin:wait"']],
      },
      { 'coordinator/forgotten.yaml': fs.readFileSync(path.join(repo, 'deploy/coordinator/pdb.yaml'), 'utf8') },
    );
    const run = await validate(dir);
    expect(run.code).toBe(1);
    const at = (file: string) => `${path.relative(repo, path.join(dir, file))}: `;
    for (const line of [
      `${at('coordinator/deployment.yaml')}Deployment/attune-coordinator: spec.replicas: must be integer`,
      `${at('coordinator/deployment.yaml')}Deployment/attune-coordinator: spec.template.spec.containers[0].readinesProbe: unknown field (not in IContainer)`,
      `${at('coordinator/deployment.yaml')}Deployment/attune-coordinator: spec.template.spec.containers[0].env[2].value: must be string`,
      `${at('worker/deployment.yaml')}Deployment/attune-worker: container worker: image is required`,
      `${at('migrate/job.yaml')}Job/attune-migrate: spec.template.spec.securityContext.readOnlyRootFilesystem: unknown field (not in IPodSecurityContext)`,
      `${at('migrate/job.yaml')}Job/attune-migrate: container migrate env DATABASE_SCHEMA: ConfigMap attune-config has no key DATABASE_SCHEME`,
      `${at('worker/scaledobject.yaml')}ScaledObject/attune-worker: trigger branin_wait: listName attune:eval.branin:wait is not {attune}:eval.<target>:wait or :active`,
      `${at('worker/scaledobject.yaml')}ScaledObject/attune-worker: no trigger on {attune}:eval.branin:wait, though attune-worker serves branin`,
      `${at('coordinator/forgotten.yaml')}in no kustomization's resources`,
    ]) {
      expect(run.stderr).toContain(line);
    }
  }, 60_000);

  it('refuses a kustomization using kustomize features it does not render, rather than validating something else', async () => {
    const dir = brokenCopy('unsupported', { 'kustomization.yaml': [['resources:', 'namePrefix: staging-\nresources:']] });
    const run = await validate(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('kustomization.yaml: "namePrefix" is not in the kustomize subset scripts/manifests/render-kustomization.mjs renders');
  }, 60_000);
});
