import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { parseJsonBody, readLimitedBody } from './read-body.js';

const headers = (
  over: Partial<Record<'contentType' | 'contentLength' | 'contentEncoding', string>> = {},
) => ({
  contentType: 'application/json',
  contentLength: undefined,
  contentEncoding: undefined,
  ...over,
});

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof AppError ? `${error.code} ${error.field}` : String(error);
  }
}

describe('readLimitedBody', () => {
  it('reads plain and gzip bodies', async () => {
    const body = Buffer.from('{"a":1}');
    expect((await readLimitedBody(Readable.from([body]), headers(), 100)).toString()).toBe('{"a":1}');
    const zipped = await readLimitedBody(
      Readable.from([gzipSync(body)]),
      headers({ contentEncoding: 'gzip' }),
      100,
    );
    expect(zipped.toString()).toBe('{"a":1}');
  });

  it('refuses a declared length over the limit without reading', async () => {
    const stream = new Readable({ read() {} });
    expect(await codeOf(readLimitedBody(stream, headers({ contentLength: '101' }), 100))).toBe(
      'payload_too_large body',
    );
  });

  it('stops reading a streamed body at the limit', async () => {
    const stream = Readable.from([Buffer.alloc(60), Buffer.alloc(60), Buffer.alloc(60)]);
    expect(await codeOf(readLimitedBody(stream, headers(), 100))).toBe('payload_too_large body');
  });

  it('inflates a gzip bomb only up to the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100_000);
    expect(
      await codeOf(readLimitedBody(Readable.from([bomb]), headers({ contentEncoding: 'gzip' }), 500_000)),
    ).toBe('payload_too_large body');
  });

  it('refuses other media types, encodings and broken gzip', async () => {
    const one = () => Readable.from([Buffer.from('{}')]);
    expect(await codeOf(readLimitedBody(one(), headers({ contentType: 'application/xml' }), 100))).toBe(
      'unsupported_media_type content-type',
    );
    expect(await codeOf(readLimitedBody(one(), headers({ contentEncoding: 'br' }), 100))).toBe(
      'unsupported_media_type content-encoding',
    );
    expect(await codeOf(readLimitedBody(one(), headers({ contentEncoding: 'gzip' }), 100))).toBe(
      'validation_failed content-encoding',
    );
    expect(
      (await readLimitedBody(one(), headers({ contentType: 'text/plain;charset=UTF-8' }), 100)).toString(),
    ).toBe('{}');
  });
});

describe('parseJsonBody', () => {
  it('parses JSON and refuses empty, invalid and too deep bodies', () => {
    expect(parseJsonBody(Buffer.from('{"a":[1]}'), 32)).toEqual({ a: [1] });
    const fail = (text: string) => {
      try {
        parseJsonBody(Buffer.from(text), 32);
        return undefined;
      } catch (error) {
        return (error as AppError).message;
      }
    };
    expect(fail('')).toMatch(/empty/);
    expect(fail('{"a":')).toMatch(/not valid JSON/);
    expect(fail('['.repeat(10_000))).toMatch(/deeper than 32/);
  });
});
