import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/attune-processes';

const CHAOS = path.join(REPO_ROOT, 'dist', 'bench', 'chaos', 'chaos.bench.js');
const dir = mkdtempSync(path.join(tmpdir(), 'attune-chaos-spec-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runChaos(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHAOS, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

interface ChaosReport {
  readonly faults: { kind: string; recoveryMs?: number; error?: string }[];
  readonly checks: { name: string; ok: boolean; detail: string }[];
}

// Its own Redis and PostgreSQL, two coordinators and three workers, each kind of fault once (`npm run chaos -- --quick`).
describe('npm run chaos -- --quick', () => {
  it('loses nothing and counts nothing twice through every kind of fault', async () => {
    const json = path.join(dir, 'chaos.json');
    const { code, output } = await runChaos(['--quick', '--seed', '7', '--json', json]);
    expect(existsSync(json), output).toBe(true);
    const report = JSON.parse(readFileSync(json, 'utf8')) as ChaosReport;
    expect(report.checks.filter((c) => !c.ok), output).toEqual([]);
    expect(report.faults.map((f) => f.kind).sort()).toEqual(['kill-coordinator', 'kill-evaluation', 'kill-redis', 'kill-worker', 'restart-postgres', 'stop-worker']);
    expect(code, output).toBe(0);
  }, 600_000);
});
