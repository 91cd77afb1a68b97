import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Compression } from './service-config';

/** Brotli at the quality commonly used for dynamic responses (its default, 11, is meant for static files). */
const BROTLI_QUALITY = 5;

/** The body encoded as `compression` when the client's Accept-Encoding allows it, with its Content-Encoding. */
export function encodeBody(body: string, compression: Compression, acceptEncoding: string | undefined): { data: Buffer; encoding?: string } {
  const accepts = (name: string) => (acceptEncoding ?? '').split(',').some((e) => e.trim().split(';')[0] === name);
  if (compression === 'gzip' && accepts('gzip')) return { data: gzipSync(body), encoding: 'gzip' };
  if (compression === 'br' && accepts('br')) return { data: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } }), encoding: 'br' };
  return { data: Buffer.from(body) };
}
