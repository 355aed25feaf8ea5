import type { Transport } from '../core/queue.js';

/**
 * Sends to the ingestion endpoint as text/plain (a "simple" request: no CORS preflight) with
 * the write key in the body: fetch with keepalive while the page lives, so a request started
 * just before navigation still completes, and sendBeacon once it is being unloaded.
 */
export function httpTransport(url: string): Transport {
  return {
    send: (body) =>
      fetch(url, { method: 'POST', body, keepalive: true, credentials: 'omit' }).then(
        (response) => ({
          status: response.status,
          retryAfter: Number(response.headers.get('retry-after')) || undefined,
        }),
        () => ({ status: 0 }),
      ),
    beacon: (body) => {
      try {
        return navigator.sendBeacon(url, body);
      } catch {
        return false;
      }
    },
  };
}
