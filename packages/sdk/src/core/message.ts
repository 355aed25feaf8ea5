import type { Context, Message, MessageType, PageInfo, Props } from './types.js';

const utmKeys = ['source', 'medium', 'campaign', 'term', 'content'] as const;

/**
 * The UTM parameters of a query string as Segment's `context.campaign`
 * (`utm_campaign` becomes `name`); undefined when the URL carries none.
 * @example campaignFrom('?utm_source=news&utm_campaign=spring') // { source: 'news', name: 'spring' }
 */
export function campaignFrom(search: string): Record<string, string> | undefined {
  const params = new URLSearchParams(search);
  const campaign: Record<string, string> = {};
  let found = false;
  for (const key of utmKeys) {
    const value = params.get(`utm_${key}`);
    if (value) {
      campaign[key === 'campaign' ? 'name' : key] = value;
      found = true;
    }
  }
  return found ? campaign : undefined;
}

/** A random (version 4) UUID from 16 random bytes; works where crypto.randomUUID does not (plain http). */
export function uuidFrom(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < 16; i++) {
    let byte = bytes[i] ?? 0;
    if (i === 6) byte = (byte & 0x0f) | 0x40;
    if (i === 8) byte = (byte & 0x3f) | 0x80;
    hex += (byte + 256).toString(16).slice(1);
    if (i === 3 || i === 5 || i === 7 || i === 9) hex += '-';
  }
  return hex;
}

/** What the browser knows about where and by whom a call was made, captured at call time. */
export interface Surroundings {
  page: PageInfo;
  userAgent: string;
  locale?: string;
  timezone?: string;
  /** Milliseconds since the epoch. */
  at: number;
}

export interface MessageInput {
  type: MessageType;
  messageId: string;
  anonymousId: string;
  userId?: string | undefined;
  event?: string;
  name?: string;
  properties?: Props;
  traits?: Props;
}

/** Assembles a Segment message; page messages also carry the page fields as properties, as Segment's clients do. */
export function buildMessage(input: MessageInput, where: Surroundings, version: string): Message {
  const context: Context = {
    page: where.page,
    userAgent: where.userAgent,
    library: { name: 'tandem.js', version },
  };
  const campaign = campaignFrom(where.page.search);
  if (campaign) context.campaign = campaign;
  if (where.locale) context.locale = where.locale;
  if (where.timezone) context.timezone = where.timezone;
  const message: Message = {
    type: input.type,
    messageId: input.messageId,
    anonymousId: input.anonymousId,
    context,
    timestamp: new Date(where.at).toISOString(),
  };
  if (input.userId) message.userId = input.userId;
  if (input.event !== undefined) message.event = input.event;
  if (input.name !== undefined) message.name = input.name;
  if (input.type === 'page') message.properties = { ...where.page, ...input.properties };
  else if (input.type === 'track') message.properties = { ...input.properties };
  if (input.traits) message.traits = input.traits;
  return message;
}
