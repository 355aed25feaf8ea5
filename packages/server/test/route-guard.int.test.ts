import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';

/**
 * Every route requires authentication unless it is on this list. Adding a public route means
 * adding it here, in a change a reviewer sees.
 */
const publicRoutes = [
  // API documentation
  'GET /docs',
  'GET /docs/json',
  'GET /docs/static/*',
  'GET /docs/static/index.html',
  'GET /docs/static/swagger-initializer.js',
  'GET /docs/yaml',
  // operations probes
  'GET /health',
  'GET /ready',
  // the tracking snippet, and CORS preflight for the browser ingestion client
  'GET /sdk.js',
  'OPTIONS /v1/*',
  // logging in
  'POST /api/v1/auth/login',
  // share links' viewer page, its file, external link, email gate and time-spent ping
  'GET /s/:token',
  'GET /s/:token/file',
  'GET /s/:token/open',
  'POST /s/:token/gate',
  'POST /s/:token/ping',
  // nurture email: open pixel, click redirect, unsubscribe page and one-click unsubscribe
  'GET /t/o/:token.gif',
  'GET /t/c/:token',
  'GET /u/:token',
  'POST /u/:token',
];

const dummyId = '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';
const concrete = (url: string) => url.replace(/:[A-Za-z_]+/g, dummyId).replace(/\*/g, 'anything');

describe('route guard', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('has exactly the reviewed set of public routes', () => {
    const actual = t.app.routeTable.filter((r) => r.auth === 'public').map((r) => `${r.method} ${r.url}`);
    expect([...new Set(actual)].sort()).toEqual([...publicRoutes].sort());
  });

  it('answers 401 problem+json to every other route called without credentials', async () => {
    const guarded = t.app.routeTable.filter((r) => r.auth === 'user');
    expect(guarded.length).toBeGreaterThan(10);
    for (const route of guarded) {
      const res = await t.app.inject({
        method: route.method as 'GET',
        url: concrete(route.url),
        ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: {} } : {}),
      });
      const label = `${route.method} ${route.url}`;
      expect(res.statusCode, label).toBe(401);
      expect(res.headers['content-type'], label).toContain('application/problem+json');
      expect(res.json().code, label).toBe('unauthenticated');
    }
  });

  it('rejects a forged session cookie and a malformed key on those routes too', async () => {
    const guarded = t.app.routeTable.filter((r) => r.auth === 'user');
    for (const route of guarded) {
      for (const headers of [
        { cookie: 'tandem_session=forged' },
        { authorization: 'Bearer tds_not-a-key' },
      ]) {
        const res = await t.app.inject({ method: route.method as 'GET', url: concrete(route.url), headers });
        expect(res.statusCode, `${route.method} ${route.url} ${Object.keys(headers)[0]}`).toBe(401);
      }
    }
  });
});
