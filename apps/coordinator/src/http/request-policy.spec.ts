import { describe, expect, it } from 'vitest';
import { changesState, hasBody, refusalOf } from './request-policy';

const own = { host: '127.0.0.1:3000' };
const json = { 'content-type': 'application/json', 'content-length': '2' };

describe('refusalOf', () => {
  it('lets through requests without Origin (CLI, curl) or from the coordinator’s own origin, with a JSON body or none', () => {
    expect(refusalOf({ ...own, ...json }, [])).toBeUndefined();
    expect(refusalOf({ ...own }, [])).toBeUndefined();
    expect(refusalOf({ ...own, 'content-length': '0' }, [])).toBeUndefined();
    expect(refusalOf({ ...own, 'content-type': 'application/json; charset=utf-8', 'content-length': '2' }, [])).toBeUndefined();
    expect(refusalOf({ ...own, ...json, origin: 'http://127.0.0.1:3000' }, [])).toBeUndefined();
    // Behind a TLS proxy the page is https://<host>.
    expect(refusalOf({ host: 'attune.example.com', ...json, origin: 'https://attune.example.com' }, [])).toBeUndefined();
    expect(refusalOf({ host: 'attune.example.com:80', ...json, origin: 'http://attune.example.com' }, [])).toBeUndefined();
  });

  it('refuses an Origin that is not the coordinator’s own nor allowed, whatever the body', () => {
    for (const origin of ['http://evil.example', 'http://127.0.0.1:3001', 'null', 'https://127.0.0.1:3000.evil.example', '']) {
      expect(refusalOf({ ...own, ...json, origin }, []), origin).toEqual({
        status: 403,
        message: `cross-origin request refused: Origin ${JSON.stringify(origin)} is neither this coordinator's own nor listed in ATTUNE_ALLOWED_ORIGINS`,
      });
    }
    expect(refusalOf({ ...json, origin: 'http://127.0.0.1:3000' }, [])?.status).toBe(403);
  });

  it('accepts the origins of ATTUNE_ALLOWED_ORIGINS', () => {
    expect(refusalOf({ ...own, ...json, origin: 'https://dash.example.com' }, ['https://dash.example.com'])).toBeUndefined();
    expect(refusalOf({ ...own, ...json, origin: 'https://DASH.example.com:443' }, ['https://dash.example.com'])).toBeUndefined();
    expect(refusalOf({ ...own, ...json, origin: 'http://dash.example.com' }, ['https://dash.example.com'])?.status).toBe(403);
  });

  it('refuses bodies that are not JSON with 415, including a form content type on a request without a body', () => {
    const types = ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', 'application/yaml', 'application/jsonx'];
    for (const type of types) {
      expect(refusalOf({ ...own, 'content-type': type, 'content-length': '3' }, []), type).toEqual({
        status: 415,
        message: `Content-Type must be application/json, got ${JSON.stringify(type)}`,
      });
      expect(refusalOf({ ...own, 'content-type': type }, []), type).toMatchObject({ status: 415 });
    }
    expect(refusalOf({ ...own, 'content-length': '3' }, [])).toEqual({ status: 415, message: 'a request body must be sent with Content-Type: application/json' });
    expect(refusalOf({ ...own, 'transfer-encoding': 'chunked' }, [])).toMatchObject({ status: 415 });
  });
});

describe('changesState and hasBody', () => {
  it('checks POST, PUT, PATCH and DELETE only', () => {
    expect(['POST', 'put', 'PATCH', 'DELETE'].map(changesState)).toEqual([true, true, true, true]);
    expect(['GET', 'HEAD', 'OPTIONS', undefined].map(changesState)).toEqual([false, false, false, false]);
  });

  it('sees a body in a length above 0 or a chunked transfer', () => {
    expect([{}, { 'content-length': '0' }, { 'content-length': '1' }, { 'transfer-encoding': 'chunked' }].map(hasBody)).toEqual([false, false, true, true]);
  });
});
