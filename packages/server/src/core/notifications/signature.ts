import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying a webhook's signature. */
export const signatureHeader = 'Tandem-Signature';

/**
 * Signs a webhook body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. The timestamp
 * is inside the signed text, so a captured request cannot be replayed later with a fresh one.
 * @example signWebhook('whsec_…', 1767225600, '{"id":"…"}') // 't=1767225600,v1=5f0c…'
 */
export function signWebhook(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'malformed' | 'mismatch' | 'too_old' };

/**
 * What a receiver does (docs/webhooks.md shows it standalone): recompute the HMAC over the
 * timestamp and the raw body, compare in constant time, and refuse timestamps older than the
 * tolerance.
 */
export function verifyWebhook(input: {
  secret: string;
  header: string;
  body: string;
  nowSeconds: number;
  toleranceSeconds: number;
}): SignatureCheck {
  const fields = new Map<string, string[]>();
  for (const part of input.header.split(',')) {
    const [key, value] = part.split('=', 2);
    if (!key || value === undefined) continue;
    fields.set(key.trim(), [...(fields.get(key.trim()) ?? []), value.trim()]);
  }
  const t = fields.get('t')?.[0];
  const signatures = fields.get('v1') ?? [];
  if (!t || !/^\d+$/.test(t) || signatures.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(input.nowSeconds - Number(t)) > input.toleranceSeconds)
    return { ok: false, reason: 'too_old' };
  const expected = Buffer.from(signWebhook(input.secret, Number(t), input.body).split('v1=')[1]!, 'hex');
  const match = signatures.some((s) => {
    const given = Buffer.from(s, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return match ? { ok: true } : { ok: false, reason: 'mismatch' };
}
