import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StudySummary } from '@attune/core/api/responses';
import { describe, expect, it } from 'vitest';
import { fakeCoordinatorPerTest, studySummary, type RecordedRequest } from '../../test/fake-coordinator';
import { cli } from '../../test/run-cli';

const dir = mkdtempSync(path.join(tmpdir(), 'attune-enqueue-'));
const fakes = fakeCoordinatorPerTest();
const id = '6f1c2d3e-0000-4000-8000-000000000001';
const parameters: StudySummary['parameters'] = [
  { name: 'x', type: 'float', min: -5, max: 5 },
  { name: 'n', type: 'int', min: 1, max: 64, default: 8 },
  { name: 'size', type: 'categorical', values: [8, 16, 'auto'] },
  { name: 'on', type: 'categorical', values: [true, false] },
];

function trial(number: number, params: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { id: `00000000-0000-4000-8000-00000000000${number}`, studyId: id, number, state: 'QUEUED', origin: 'enqueued', params, createdAt: '2026-11-22T12:00:00.000Z', ...extra };
}

/** A fake that knows the study and answers every enqueue with the configurations it got, numbered from 5. */
function coordinator(warnings: string[] = []) {
  return fakes.serve((req: RecordedRequest) => {
    if (req.method === 'GET') return { status: 200, body: { ...studySummary({ parameters }), warnings: [] } };
    const { trials } = req.body as { trials: { params: Record<string, unknown> }[] };
    return { status: 201, body: { trials: trials.map((t, i) => trial(5 + i, t.params)), warnings } };
  });
}

const posted = () => fakes.current.requests.filter((r) => r.method === 'POST').map((r) => [r.path, r.body]);

describe('attune study enqueue', () => {
  it('sends --param values typed by their parameters and prints the new trials', async () => {
    const url = await coordinator();
    const r = await cli(['study', 'enqueue', id, '--param', 'x=2.5', '--param', 'size=16', '--param', 'on=false', '--url', url]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(posted()).toEqual([[`/studies/${id}/trials`, { trials: [{ params: { x: 2.5, size: 16, on: false } }] }]]);
    expect(r.stdout).toBe('#5 QUEUED  x=2.5, size=16, on=false\n');
  });

  it('reads a YAML list of params or a JSON {trials}, typing quoted numbers, and prints reuse notes', async () => {
    const url = await coordinator(['trial 6: this configuration was already measured by trial 2; its measurement is reused, not taken again']);
    const yaml = path.join(dir, 'configs.yaml');
    writeFileSync(yaml, ['- {x: "1.5", size: auto, on: true}', '- {x: -1, n: "4", size: "8", on: "true"}', ''].join('\n'));
    const r = await cli(['study', 'enqueue', id, yaml, '--url', url]);
    expect(r.code).toBe(0);
    expect(posted()).toEqual([[`/studies/${id}/trials`, { trials: [{ params: { x: 1.5, size: 'auto', on: true } }, { params: { x: -1, n: 4, size: 8, on: true } }] }]]);
    expect(r.stderr).toBe('attune: note: trial 6: this configuration was already measured by trial 2; its measurement is reused, not taken again\n');
    const json = path.join(dir, 'configs.json');
    writeFileSync(json, JSON.stringify({ trials: [{ params: { x: 0, size: 8, on: false } }] }));
    const j = await cli(['study', 'enqueue', id, json, '--json', '--url', url]);
    expect(JSON.parse(j.stdout)).toEqual({ trials: [trial(5, { x: 0, size: 8, on: false })], warnings: ['trial 6: this configuration was already measured by trial 2; its measurement is reused, not taken again'] });
  });

  it('names the parameter whose value does not fit its type, and sends nothing', async () => {
    const url = await coordinator();
    const cases: [string[], string][] = [
      [['--param', 'x=fast'], 'attune: --param x: "fast" is not a number (x is a float parameter)'],
      [['--param', 'size=32'], 'attune: --param size: "32" is not one of 8, 16, "auto"'],
      [['--param', 'x'], 'attune: --param x: must be NAME=VALUE'],
      [['--param', 'x=1', '--param', 'x=2'], 'attune: --param x: given twice'],
    ];
    for (const [args, message] of cases) {
      const r = await cli(['study', 'enqueue', id, ...args, '--url', url]);
      expect(r.code, message).toBe(1);
      expect(r.stderr.trim()).toBe(message);
    }
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, '- {x: 1, n: many}\n');
    expect((await cli(['study', 'enqueue', id, file, '--url', url])).stderr.trim()).toBe(`attune: ${file}: [0].n: "many" is not a number (n is an int parameter)`);
    writeFileSync(file, 'x: 1\n');
    expect((await cli(['study', 'enqueue', id, file, '--url', url])).stderr.trim()).toBe(`attune: ${file}: must be a list of params objects, or {trials: [{params: {...}}, ...]}`);
    expect((await cli(['study', 'enqueue', id, '--url', url])).stderr.trim()).toBe('attune: give the configuration with --param NAME=VALUE (repeated), or a FILE of configurations');
    expect((await cli(['study', 'enqueue', id, file, '--param', 'x=1', '--url', url])).stderr.trim()).toBe('attune: give either FILE or --param options, not both');
    expect(posted()).toEqual([]);
  });

  it("shows the coordinator's refusal with the field it names", async () => {
    const url = await fakes.serve((req) =>
      req.method === 'GET'
        ? { status: 200, body: { ...studySummary({ parameters }), warnings: [] } }
        : { status: 400, body: { statusCode: 400, error: 'INVALID_ARGUMENT', message: 'x', issues: [{ path: 'trials[0].params.x', message: '9 is not a number in [-5, 5]' }] } },
    );
    const r = await cli(['study', 'enqueue', id, '--param', 'x=9', '--param', 'size=8', '--param', 'on=true', '--url', url]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`attune: trials[0].params.x: 9 is not a number in [-5, 5] (HTTP 400 on POST /studies/${id}/trials)`);
  });
});
