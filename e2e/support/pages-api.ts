import type { APIRequestContext } from 'playwright-core';

/** The API as a logged-in user of a browser context, for test set-up the page itself does not do. */
export interface SessionApi {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  /** A write answered with no body (204). */
  put(path: string, body: unknown): Promise<void>;
}

export async function apiSession(
  request: APIRequestContext,
  email: string,
  password: string,
): Promise<SessionApi> {
  const login = await request.post('/api/v1/auth/login', { data: { email, password } });
  if (!login.ok()) throw new Error(`login as ${email} answered ${login.status()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const check = async <T>(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string) => {
    if (!response.ok()) throw new Error(`${what} answered ${response.status()}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    get: async (path) => check(await request.get(path), `GET ${path}`),
    post: async (path, body) =>
      check(await request.post(path, { data: body, headers: { 'x-csrf-token': csrfToken } }), `POST ${path}`),
    put: async (path, body) => {
      const response = await request.put(path, { data: body, headers: { 'x-csrf-token': csrfToken } });
      if (!response.ok())
        throw new Error(`PUT ${path} answered ${response.status()}: ${await response.text()}`);
    },
  };
}

/**
 * Sends one tracked event for a lead's contact through the Segment-compatible ingestion API, with
 * a write key the admin session creates, so that live scoring scores the lead.
 */
export async function trackForLead(
  request: APIRequestContext,
  admin: SessionApi,
  input: { leadId: string; event: string },
): Promise<void> {
  const key = await admin.post<{ key: string }>('/api/v1/api-keys', { kind: 'write', name: 'browser test' });
  const lead = await admin.get<{ contact: { id: string } }>(`/api/v1/leads/${input.leadId}`);
  const events = await admin.get<{ items: Array<{ userId: string | null; anonymousId: string | null }> }>(
    `/api/v1/contacts/${lead.contact.id}/events?limit=50`,
  );
  const known = events.items.find((e) => e.userId) ?? events.items.find((e) => e.anonymousId);
  if (!known) throw new Error(`contact ${lead.contact.id} has no identified event to follow`);
  const who = known.userId ? { userId: known.userId } : { anonymousId: known.anonymousId };
  const response = await request.post('/v1/track', {
    headers: { authorization: `Basic ${Buffer.from(`${key.key}:`).toString('base64')}` },
    data: { ...who, event: input.event, messageId: `browser-test-${input.leadId}` },
  });
  if (!response.ok()) throw new Error(`track answered ${response.status()}: ${await response.text()}`);
}
