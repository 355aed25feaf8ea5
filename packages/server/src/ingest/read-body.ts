import type { Readable } from 'node:stream';
import { createGunzip, createInflate, type Gunzip, type Inflate } from 'node:zlib';
import { AppError } from '../errors.js';
import { exceedsJsonDepth } from './json-depth.js';

export interface BodyHeaders {
  contentType: string | undefined;
  contentLength: string | undefined;
  contentEncoding: string | undefined;
}

const acceptedTypes = new Set(['application/json', 'text/plain']);

const tooLarge = (maxBytes: number, what: string) =>
  new AppError('payload_too_large', `${what} exceeds ${maxBytes} bytes`, { field: 'body' });

/**
 * Reads a request body of at most `maxBytes` (after inflating gzip or deflate). It stops as soon
 * as a limit is passed: a declared length over the limit is refused before reading anything, and
 * a compressed body is inflated only up to the limit, so a gzip bomb costs at most `maxBytes`.
 */
export function readLimitedBody(stream: Readable, headers: BodyHeaders, maxBytes: number): Promise<Buffer> {
  const mediaType = headers.contentType?.split(';', 1)[0]?.trim().toLowerCase();
  if (mediaType !== undefined && mediaType !== '' && !acceptedTypes.has(mediaType)) {
    return Promise.reject(
      new AppError('unsupported_media_type', 'send application/json or text/plain JSON', {
        field: 'content-type',
      }),
    );
  }
  const encoding = (headers.contentEncoding ?? 'identity').trim().toLowerCase() || 'identity';
  if (!['identity', 'gzip', 'x-gzip', 'deflate'].includes(encoding)) {
    return Promise.reject(
      new AppError('unsupported_media_type', 'content-encoding must be gzip, deflate or none', {
        field: 'content-encoding',
      }),
    );
  }
  const declared = Number(headers.contentLength);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes, 'the body'));

  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let received = 0;
    let settled = false;
    const inflater: Gunzip | Inflate | undefined =
      encoding === 'identity' ? undefined : encoding === 'deflate' ? createInflate() : createGunzip();

    const cleanup = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      if (inflater) {
        inflater.removeAllListeners();
        inflater.on('error', () => undefined);
        inflater.destroy();
      }
    };
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      cleanup();
      reject(error);
    };
    const finish = () => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return fail(tooLarge(maxBytes, inflater ? 'the inflated body' : 'the body'));
      chunks.push(chunk);
    };
    function onData(chunk: Buffer | string) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      received += buffer.length;
      if (received > maxBytes) return fail(tooLarge(maxBytes, 'the body'));
      if (inflater) inflater.write(buffer);
      else collect(buffer);
    }
    function onEnd() {
      if (inflater) inflater.end();
      else finish();
    }
    function onError(error: unknown) {
      fail(new AppError('validation_failed', 'the body could not be read', { field: 'body', cause: error }));
    }
    if (inflater) {
      inflater.on('data', collect);
      inflater.on('end', finish);
      inflater.on('error', (error) =>
        fail(
          new AppError('validation_failed', `the body is not valid ${encoding}`, {
            field: 'content-encoding',
            cause: error,
          }),
        ),
      );
    }
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.resume();
  });
}

/** Parses a JSON body, refusing excessive nesting before JSON.parse sees it. */
export function parseJsonBody(body: Buffer, maxDepth: number): unknown {
  if (body.length === 0) throw new AppError('validation_failed', 'the body is empty', { field: 'body' });
  const text = body.toString('utf8');
  if (exceedsJsonDepth(text, maxDepth)) {
    throw new AppError('validation_failed', `the body nests deeper than ${maxDepth} levels`, {
      field: 'body',
    });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('validation_failed', 'the body is not valid JSON', { field: 'body' });
  }
}
