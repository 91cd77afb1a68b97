import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '../..');
const read = (file: string) => parse(fs.readFileSync(path.join(repo, file), 'utf8'));

// The coordinator listens on loopback unless HOST says otherwise; in a container
// loopback is unreachable from the other containers and from the published port.
describe('the coordinator in a container', () => {
  it('listens on every interface, by an explicit HOST, under docker compose, published on the host’s loopback only', () => {
    const coordinator = read('docker-compose.yml').services.coordinator;
    expect(coordinator.environment.HOST).toBe('0.0.0.0');
    expect(coordinator.ports).toEqual(['127.0.0.1:3000:3000']);
  });

  it('listens on every interface, by an explicit HOST, on Kubernetes', () => {
    const container = read('deploy/coordinator/deployment.yaml').spec.template.spec.containers.find((c: { name: string }) => c.name === 'coordinator');
    expect(container.env).toContainEqual({ name: 'HOST', value: '0.0.0.0' });
  });
});
