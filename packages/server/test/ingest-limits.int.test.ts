import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, countRows, createIngestTestApp, type IngestTestApp, trackEvent } from './ingest-setup.js';

/** Posts a raw body over real HTTP; resolves with status and body even if the server stops reading. */
function post(
  url: string,
  headers: Record<string, string>,
  chunks: Buffer[],
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/v1/batch`, { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    // The server may answer and close before the whole body is written; that is the point.
    const write = (i: number) => {
      if (i >= chunks.length) return req.end();
      if (req.destroyed) return;
      req.write(chunks[i], () => write(i + 1));
    };
    write(0);
  });
}

describe('ingestion limits', () => {
  let t: IngestTestApp;
  let auth: Record<string, string>;
  beforeAll(async () => {
    t = await createIngestTestApp();
    await t.listen();
    auth = { authorization: basicAuth(t.writeKey), 'content-type': 'application/json' };
  });
  afterAll(async () => t?.close());

  async function stillServing(): Promise<void> {
    const res = await fetch(`${t.url}/v1/batch`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ batch: [trackEvent()] }),
    });
    expect(res.status).toBe(200);
  }

  it('refuses an event over 32 KB with 413 naming it, and stores its neighbours', async () => {
    const big = trackEvent({ properties: { blob: 'x'.repeat(40 * 1024) } });
    const alone = await t.app.inject({ method: 'POST', url: '/v1/track', headers: auth, payload: big });
    expect(alone.statusCode).toBe(413);
    expect(alone.headers['content-type']).toContain('application/problem+json');
    expect(alone.json()).toMatchObject({ code: 'payload_too_large', field: '/' });

    const mixed = await t.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: auth,
      payload: { batch: [trackEvent(), { ...big, messageId: 'big-2' }] },
    });
    expect(mixed.statusCode).toBe(200);
    expect(mixed.json().rejected).toEqual([
      expect.objectContaining({ index: 1, code: 'payload_too_large', field: '/batch/1' }),
    ]);
    await stillServing();
  });

  it('refuses a body over 500 KB with 413 without reading it all, declared or streamed', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const declared = await post(
      t.url,
      { ...auth, 'content-length': String(64 * 1024 * 100) },
      Array.from({ length: 100 }, () => chunk),
    );
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ code: 'payload_too_large', field: 'body' });

    const streamed = await post(
      t.url,
      { ...auth, 'transfer-encoding': 'chunked' },
      Array.from({ length: 100 }, () => chunk),
    );
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toMatchObject({ code: 'payload_too_large', field: 'body' });
    await stillServing();
  });

  it('refuses a batch of 2,501 events with 413 and stores none of it', async () => {
    const before = await countRows(t.handle.db, 'event', t.workspaceId);
    const batch = Array.from({ length: 2501 }, (_, i) => ({
      type: 'track',
      event: 'e',
      userId: 'u',
      messageId: `m${i}`,
    }));
    const res = await t.app.inject({ method: 'POST', url: '/v1/batch', headers: auth, payload: { batch } });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'payload_too_large', field: '/batch' });
    expect(await countRows(t.handle.db, 'event', t.workspaceId)).toBe(before);
    await stillServing();
  });

  it('accepts gzip bodies and refuses a gzip bomb with 413', async () => {
    const zipped = gzipSync(JSON.stringify({ batch: [trackEvent(), trackEvent()] }));
    const ok = await post(t.url, { ...auth, 'content-encoding': 'gzip' }, [zipped]);
    expect(ok.status).toBe(200);

    // 20 MB of JSON whitespace squeezed into a few KB.
    const bomb = gzipSync(
      Buffer.concat([Buffer.from('{"batch":['), Buffer.alloc(20 * 1024 * 1024, 0x20), Buffer.from(']}')]),
    );
    expect(bomb.length).toBeLessThan(64 * 1024);
    const res = await post(t.url, { ...auth, 'content-encoding': 'gzip' }, [bomb]);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'payload_too_large', field: 'body' });
    await stillServing();
  });

  it('refuses JSON nested 10,000 deep at once, with 400 naming the body', async () => {
    const deep = `{"batch":[{"type":"track","event":"e","userId":"u","properties":{"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}}]}`;
    const res = await post(t.url, auth, [Buffer.from(deep)]);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'validation_failed', field: 'body' });
    await stillServing();
  });

  it('refuses other media types with 415 and malformed JSON with 400', async () => {
    const xml = await t.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { ...auth, 'content-type': 'application/xml' },
      payload: '<batch/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toMatchObject({ code: 'unsupported_media_type', field: 'content-type' });
    const broken = await t.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: auth,
      payload: '{"batch": [',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'validation_failed', field: 'body' });
  });
});
