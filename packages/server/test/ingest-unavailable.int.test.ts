import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, createIngestTestApp, type IngestTestApp, trackEvent } from './ingest-setup.js';

describe('ingestion when storage is down', () => {
  let t: IngestTestApp;
  beforeAll(async () => {
    t = await createIngestTestApp();
  });
  afterAll(async () => t?.close());

  const send = (key: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { authorization: basicAuth(key) },
      payload: { batch: [trackEvent()] },
    });

  it('answers 503 with Retry-After, never a 4xx the client would drop the batch on', async () => {
    expect((await send(t.writeKey)).statusCode).toBe(200);
    await t.handle.close();

    const known = await send(t.writeKey);
    expect(known.statusCode).toBe(503);
    expect(known.headers['retry-after']).toMatch(/^\d+$/);
    expect(known.headers['content-type']).toContain('application/problem+json');
    expect(known.json()).toMatchObject({ code: 'service_unavailable' });

    // A key not yet cached cannot be checked either: that is unavailability, not a bad key.
    const unchecked = await send('tdw_not-checked-yet');
    expect(unchecked.statusCode).toBe(503);
    expect(unchecked.headers['retry-after']).toMatch(/^\d+$/);
  });
});
