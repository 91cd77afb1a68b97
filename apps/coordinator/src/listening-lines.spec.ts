import { describe, expect, it } from 'vitest';
import { clientUrlOf, listeningLines } from './listening-lines';

describe('listeningLines', () => {
  it('prints the loopback address listened on, with no warning', () => {
    expect(listeningLines({ address: '127.0.0.1', family: 'IPv4', port: 3000 })).toEqual(['listening on http://127.0.0.1:3000 (dashboard at http://127.0.0.1:3000/, API docs at http://127.0.0.1:3000/docs)']);
    expect(listeningLines({ address: '::1', family: 'IPv6', port: 3000 })).toEqual(['listening on http://[::1]:3000 (dashboard at http://[::1]:3000/, API docs at http://[::1]:3000/docs)']);
  });

  it('prints every interface as what it is', () => {
    expect(listeningLines({ address: '0.0.0.0', family: 'IPv4', port: 3000 })).toEqual([
      'listening on 0.0.0.0:3000, every interface (dashboard at http://127.0.0.1:3000/, API docs at http://127.0.0.1:3000/docs)',
    ]);
    expect(listeningLines({ address: '192.0.2.7', family: 'IPv4', port: 8080 })).toEqual(['listening on 192.0.2.7:8080 (dashboard at http://192.0.2.7:8080/, API docs at http://192.0.2.7:8080/docs)']);
    expect(listeningLines({ address: '::', family: 'IPv6', port: 3000 })[0]).toBe('listening on [::]:3000, every interface (dashboard at http://127.0.0.1:3000/, API docs at http://127.0.0.1:3000/docs)');
  });

  it('gives clients a URL they can connect to', () => {
    expect(clientUrlOf({ address: '0.0.0.0', family: 'IPv4', port: 1 })).toBe('http://127.0.0.1:1');
    expect(clientUrlOf({ address: 'fe80::1', family: 'IPv6', port: 2 })).toBe('http://[fe80::1]:2');
  });
});
