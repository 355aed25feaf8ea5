import { createHash } from 'node:crypto';

/** Fields that change between resends of the same event and so must not change its id. */
const volatile = new Set(['sentAt', 'writeKey', 'receivedAt']);

function canonical(value: unknown, top: boolean): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, false)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => !(top && volatile.has(k)))
      .sort();
    const record = value as Record<string, unknown>;
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(record[k], false)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A messageId for an event sent without one: a hash of its content (keys sorted, send-time
 * fields left out), so resending the same event is deduplicated like any other.
 */
export function contentMessageId(event: Record<string, unknown>, type: string): string {
  const digest = createHash('sha256').update(type).update('\n').update(canonical(event, true)).digest('hex');
  return `tandem-${digest.slice(0, 40)}`;
}
