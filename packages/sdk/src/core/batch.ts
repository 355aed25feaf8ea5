import type { Message } from './types.js';

/**
 * Browsers cap the bodies of all keepalive requests in flight (fetch keepalive and
 * sendBeacon) at 64 KiB together; staying a little under it leaves room for the page's own.
 */
export const maxRequestBytes = 64_000;
/** The ingestion API refuses a single event over 32 KB; sending one would only earn a rejection. */
export const maxEventBytes = 32_000;

/** Bytes of a string once UTF-8 encoded, without allocating the encoding. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      // A surrogate pair is one 4-byte code point; a lone surrogate becomes U+FFFD (3 bytes).
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next < 0xe000) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** One request: its body and the messages in it, in order. */
export interface Batch {
  body: string;
  messages: Message[];
}

export interface BatchOptions {
  writeKey: string;
  /** ISO time the requests leave the client, stamped on each message and on the request. */
  sentAt: string;
  maxBytes?: number;
  maxEventBytes?: number;
}

/**
 * Splits messages, in order, into request bodies in Segment's batch format
 * (`{"batch":[…],"writeKey":…,"sentAt":…}`) of at most `maxBytes` UTF-8 bytes each.
 * Messages too big to ever be accepted come back in `oversized` and are in no batch.
 */
export function buildBatches(
  messages: readonly Message[],
  options: BatchOptions,
): { batches: Batch[]; oversized: Message[] } {
  const maxBytes = options.maxBytes ?? maxRequestBytes;
  const eventLimit = options.maxEventBytes ?? maxEventBytes;
  const head = '{"batch":[';
  const tail = `],"writeKey":${JSON.stringify(options.writeKey)},"sentAt":"${options.sentAt}"}`;
  const room = maxBytes - head.length - utf8Length(tail);
  const batches: Batch[] = [];
  const oversized: Message[] = [];
  let parts: string[] = [];
  let current: Message[] = [];
  let used = 0;
  const close = () => {
    if (current.length) batches.push({ body: head + parts.join(',') + tail, messages: current });
    parts = [];
    current = [];
    used = 0;
  };
  for (const message of messages) {
    const json = JSON.stringify({ ...message, sentAt: options.sentAt });
    const size = utf8Length(json);
    if (size > eventLimit || size > room) {
      oversized.push(message);
      continue;
    }
    // Each message after the first costs one more byte: the comma.
    if (current.length && used + 1 + size > room) close();
    used += (current.length ? 1 : 0) + size;
    parts.push(json);
    current.push(message);
  }
  close();
  return { batches, oversized };
}
