import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseTargetsText } from '../../apps/worker/src/targets/load-targets-file';

const repo = path.resolve(__dirname, '../..');

describe('the workers targets ConfigMap of deploy/', () => {
  it('is a valid targets file whose modules and commands exist in the image', () => {
    const configMap = parse(fs.readFileSync(path.join(repo, 'deploy/worker/targets-configmap.yaml'), 'utf8'));
    // The Dockerfile copies the repository's examples to /app/examples: read /app as this checkout.
    const text = String(configMap.data['targets.yaml']).replaceAll('/app/', `${repo}/`);
    const targets = parseTargetsText(text, path.join(repo, 'targets.yaml'));
    expect(targets.map((t) => [t.name, t.type])).toEqual([
      ['branin', 'module'],
      ['service-latency', 'command'],
    ]);
    const command = targets.find((t) => t.type === 'command');
    expect(command?.type === 'command' && fs.existsSync(command.command[1])).toBe(true);
  });
});
