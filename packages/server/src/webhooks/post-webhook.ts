import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { classifyAddress, classifyHost, isIpAddress } from '../core/notifications/address-policy.js';

export type WebhookPostResult =
  | { kind: 'response'; status: number }
  | { kind: 'refused'; reason: string }
  | { kind: 'error'; message: string };

export interface WebhookPost {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** TANDEM_WEBHOOK_ALLOW_PRIVATE: skip the address policy (local receivers). */
  allowPrivate: boolean;
  /** Name resolution, replaceable in tests; defaults to the system resolver. */
  resolve?: (hostname: string) => Promise<Array<{ address: string; family: number }>>;
}

const systemResolve = (hostname: string) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * POSTs a webhook body, refusing addresses the policy forbids. The host is resolved once, every
 * address it resolves to is checked, and the connection goes to the checked address (the
 * request's own lookup is pinned to it), so a name cannot resolve to a public address for the
 * check and to 127.0.0.1 for the connection (DNS rebinding). Redirects are not followed: a 3xx
 * is a failed attempt. The whole exchange is bounded by timeoutMs.
 */
export async function postWebhook(post: WebhookPost): Promise<WebhookPostResult> {
  let url: URL;
  try {
    url = new URL(post.url);
  } catch {
    return { kind: 'refused', reason: 'not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { kind: 'refused', reason: 'not http(s)' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!post.allowPrivate) {
    const verdict = classifyHost(url.hostname);
    if (!verdict.allowed) return { kind: 'refused', reason: verdict.reason };
  }
  let target: { address: string; family: number };
  if (isIpAddress(host)) {
    target = { address: host, family: host.includes(':') ? 6 : 4 };
  } else {
    let addresses: Array<{ address: string; family: number }>;
    try {
      addresses = await (post.resolve ?? systemResolve)(host);
    } catch (error) {
      return { kind: 'error', message: `cannot resolve ${host}: ${(error as Error).message}` };
    }
    if (addresses.length === 0) return { kind: 'error', message: `${host} has no address` };
    if (!post.allowPrivate) {
      for (const a of addresses) {
        const verdict = classifyAddress(a.address);
        if (!verdict.allowed) return { kind: 'refused', reason: `${host} resolves to ${verdict.reason}` };
      }
    }
    target = addresses[0]!;
  }
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [target]);
    else callback(null, target.address, target.family);
  };
  return new Promise<WebhookPostResult>((resolve) => {
    const client = url.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (result: WebhookPostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = client.request(
      url,
      {
        method: 'POST',
        lookup: pinned,
        headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
      },
      (response) => {
        // The answer's body is not needed; drain it so the socket closes.
        response.resume();
        response.on('end', () => finish({ kind: 'response', status: response.statusCode ?? 0 }));
        response.on('error', (error) => finish({ kind: 'error', message: error.message }));
      },
    );
    const timer = setTimeout(() => {
      finish({ kind: 'error', message: `no answer within ${post.timeoutMs} ms` });
      request.destroy();
    }, post.timeoutMs);
    request.on('error', (error) => finish({ kind: 'error', message: error.message }));
    request.end(post.body);
  });
}
