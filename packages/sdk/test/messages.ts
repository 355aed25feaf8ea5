import { buildMessage } from '../src/core/message.js';
import type { Message } from '../src/core/types.js';

/** A track message numbered `n`, padded with `padding` characters of properties. */
export function sampleMessage(n: number, padding = 0, char = 'x'): Message {
  return buildMessage(
    {
      type: 'track',
      messageId: `m-${n}`,
      anonymousId: 'anon-1',
      event: 'Clicked',
      properties: { n, pad: char.repeat(padding) },
    },
    {
      at: Date.UTC(2025, 0, 1) + n,
      page: { path: '/', referrer: '', search: '', title: 'Home', url: 'https://example.com/' },
      userAgent: 'test',
    },
    '0.0.0',
  );
}
