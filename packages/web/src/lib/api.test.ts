import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, api, type FetchLike, setCsrfToken, toApiError } from './api.js';

interface Call {
  url: string;
  init: RequestInit;
}

function recorder(response: () => Response): { calls: Call[]; fetch: FetchLike } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, init });
      return response();
    },
  };
}

const json =
  (status: number, body: unknown, type = 'application/json', headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': type, ...headers } });

const headersOf = (call: Call | undefined) => (call?.init.headers ?? {}) as Record<string, string>;

afterEach(() => setCsrfToken(null));

describe('api', () => {
  it('sends same-origin credentials and returns the JSON body', async () => {
    const { calls, fetch } = recorder(json(200, { items: [1] }));
    await expect(
      api('/api/v1/leads', { query: { stage: 'mql', cursor: undefined, limit: 50 } }, fetch),
    ).resolves.toEqual({
      items: [1],
    });
    expect(calls[0]?.url).toBe('/api/v1/leads?stage=mql&limit=50');
    expect(calls[0]?.init.credentials).toBe('same-origin');
    expect(calls[0]?.init.method).toBe('GET');
  });

  it('sends the CSRF token on unsafe methods only', async () => {
    setCsrfToken('tok');
    const { calls, fetch } = recorder(() => new Response(null, { status: 204 }));
    await api('/api/v1/things', { method: 'POST', body: { a: 1 } }, fetch);
    await api('/api/v1/things', { method: 'DELETE' }, fetch);
    await api('/api/v1/things', {}, fetch);
    expect(headersOf(calls[0])['x-csrf-token']).toBe('tok');
    expect(headersOf(calls[0])['content-type']).toBe('application/json');
    expect(calls[0]?.init.body).toBe('{"a":1}');
    expect(headersOf(calls[1])['x-csrf-token']).toBe('tok');
    expect(headersOf(calls[2])['x-csrf-token']).toBeUndefined();
  });

  it('resolves undefined for 204', async () => {
    const { fetch } = recorder(() => new Response(null, { status: 204 }));
    await expect(api('/x', { method: 'DELETE' }, fetch)).resolves.toBeUndefined();
  });

  it('turns problem+json into an ApiError with code, field, detail and Retry-After', async () => {
    const problem = {
      type: 't',
      title: 'Too many failed logins',
      status: 429,
      code: 'login_throttled',
      detail: 'wait',
    };
    const { fetch } = recorder(json(429, problem, 'application/problem+json', { 'retry-after': '120' }));
    const error = await api('/api/v1/auth/login', { method: 'POST', body: {} }, fetch).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'login_throttled', detail: 'wait', retryAfter: 120 });
  });

  it('keeps the offending field of a validation problem', async () => {
    const response = json(400, {
      type: 't',
      title: 'Validation failed',
      status: 400,
      code: 'validation_failed',
      detail: 'give the workspace',
      field: '/workspace',
    })();
    const error = await toApiError(response);
    expect(error.isAbout('workspace')).toBe(true);
    expect(error.isAbout('email')).toBe(false);
  });

  it('describes a response that is not a problem by its status', async () => {
    const error = await toApiError(
      new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    expect(error).toMatchObject({ status: 502, code: 'internal_error' });
    const other = await toApiError(new Response('nope', { status: 418 }));
    expect(other.code).toBe('unexpected_response');
  });

  it('reports an unreachable server as a network error', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(api('/x', {}, fetch)).rejects.toMatchObject({ code: 'network_error', status: 0 });
  });
});
