import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../apps/cli/test/run-cli';
import { studySpec, testCoordinator } from '../support/test-coordinator';

// No worker serves this target: studies stay RUNNING until someone stops them.
const tc = testCoordinator({ ATTUNE_MAX_BODY_BYTES: '4096', ATTUNE_ALLOWED_ORIGINS: 'https://dash.example.com' });

beforeAll(() => tc.start());
afterAll(() => tc.destroy());

interface Sent {
  status: number;
  body: { statusCode?: number; error?: string; message?: string; state?: string; id?: string };
}

async function send(method: string, route: string, headers: Record<string, string> = {}, body?: string): Promise<Sent> {
  const res = await fetch(`${tc.http.baseUrl}${route}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

async function runningStudy(name: string): Promise<string> {
  const created = await tc.http.post('/studies', studySpec({ name, target: 'nobody-serves-this' }));
  expect(created.status).toBe(201);
  return created.body.id;
}

async function stateOf(id: string): Promise<string> {
  return (await tc.http.get(`/studies/${id}`)).body.state;
}

const json = { 'content-type': 'application/json' };

describe('state-changing requests from a browser page on another site', () => {
  it('cannot stop a study with a form POST (403 with an Origin, 415 without), and the study runs on', async () => {
    const id = await runningStudy('csrf-target');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const crossSite = await send('POST', `/studies/${id}/stop`, { ...form, origin: 'http://evil.example' }, 'a=b');
    expect(crossSite).toEqual({
      status: 403,
      body: {
        statusCode: 403,
        error: 'FORBIDDEN',
        message: 'cross-origin request refused: Origin "http://evil.example" is neither this coordinator\'s own nor listed in ATTUNE_ALLOWED_ORIGINS',
      },
    });
    expect((await send('POST', `/studies/${id}/stop`, { origin: 'http://evil.example' })).status).toBe(403);
    // A bodiless POST that names a form type, as a browser's form with no fields sends.
    const bodiless = await send('POST', `/studies/${id}/stop`, form);
    expect(bodiless).toEqual({
      status: 415,
      body: { statusCode: 415, error: 'UNSUPPORTED_MEDIA_TYPE', message: 'Content-Type must be application/json, got "application/x-www-form-urlencoded"' },
    });
    expect((await send('POST', `/studies/${id}/stop`, { 'content-type': 'text/plain' }, 'x')).status).toBe(415);
    expect(await stateOf(id)).toBe('RUNNING');
  });

  it('may stop a study from the coordinator’s own origin or an allowed one', async () => {
    const own = await runningStudy('own-origin');
    expect(await send('POST', `/studies/${own}/stop`, { origin: tc.http.baseUrl })).toMatchObject({ status: 200, body: { state: 'STOPPED' } });
    const allowed = await runningStudy('allowed-origin');
    expect(await send('POST', `/studies/${allowed}/stop`, { ...json, origin: 'https://dash.example.com' }, '{}')).toMatchObject({ status: 200, body: { state: 'STOPPED' } });
  });

  it('leaves reads alone: a GET with any Origin is answered', async () => {
    expect((await send('GET', '/studies?limit=1', { origin: 'http://evil.example' })).status).toBe(200);
  });
});

describe('request bodies', () => {
  it('answers 415 to a YAML or text body', async () => {
    for (const type of ['application/yaml', 'text/yaml', 'text/plain']) {
      const res = await send('POST', '/studies', { 'content-type': type }, 'name: x\n');
      expect(res, type).toEqual({
        status: 415,
        body: { statusCode: 415, error: 'UNSUPPORTED_MEDIA_TYPE', message: `Content-Type must be application/json, got "${type}"` },
      });
    }
    expect((await send('POST', '/studies', {}, new Blob(['{}']) as unknown as string)).body.message).toBe('a request body must be sent with Content-Type: application/json');
  });

  it('answers 413 naming the limit to a body over ATTUNE_MAX_BODY_BYTES', async () => {
    const res = await send('POST', '/studies', json, JSON.stringify(studySpec({ description: 'x'.repeat(5000) })));
    expect(res).toEqual({
      status: 413,
      body: { statusCode: 413, error: 'PAYLOAD_TOO_LARGE', message: 'request body is larger than the limit of 4096 bytes (ATTUNE_MAX_BODY_BYTES)' },
    });
  });

  it('answers 400 naming the problem to malformed JSON, and to JSON that is not an object', async () => {
    expect(await send('POST', '/studies', json, '{"name": ')).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'BAD_REQUEST', message: expect.stringMatching(/^malformed JSON body: .*JSON/) },
    });
    for (const [body, what] of [['null', 'null'], ['[]', 'an array'], ['"spec"', 'a string'], ['3', 'a number']]) {
      expect(await send('POST', '/studies', json, body), body).toEqual({
        status: 400,
        body: { statusCode: 400, error: 'BAD_REQUEST', message: `the request body must be a JSON object, got ${what}` },
      });
    }
  });
});

describe('the CLI', () => {
  it('still submits and stops studies', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'attune-policy-'));
    const file = path.join(dir, 'spec.json');
    writeFileSync(file, JSON.stringify(studySpec({ name: 'from-cli', target: 'nobody-serves-this' })));
    const run = await cli(['study', 'run', file, '--url', tc.http.baseUrl]);
    // Its only complaint: no worker serves the target (none runs in this test).
    expect(run.stderr).toMatch(/^attune: warning: no live worker serves target "nobody-serves-this"[^\n]*\n$/);
    expect(run.code).toBe(0);
    const id = run.stdout.trim();
    const stop = await cli(['study', 'stop', id, '--url', tc.http.baseUrl]);
    expect(stop.stderr).toBe('');
    expect(stop.code).toBe(0);
    expect(await stateOf(id)).toBe('STOPPED');
  });
});
