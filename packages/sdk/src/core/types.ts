/** A JSON object as Segment's tracking API carries it (properties, traits). */
export type Props = Record<string, unknown>;

/** The page a message was recorded on; also Segment's `context.page`. */
export interface PageInfo {
  path: string;
  referrer: string;
  search: string;
  title: string;
  url: string;
}

export interface Context {
  page: PageInfo;
  userAgent: string;
  /** UTM parameters of the page's URL (utm_campaign as `name`), when any. */
  campaign?: Record<string, string>;
  library: { name: 'tandem.js'; version: string };
  locale?: string;
  timezone?: string;
}

export type MessageType = 'page' | 'track' | 'identify';

/** One message in Segment's batch format. */
export interface Message {
  type: MessageType;
  messageId: string;
  anonymousId: string;
  userId?: string;
  /** Track: the event name. */
  event?: string;
  /** Page: the page name. */
  name?: string;
  properties?: Props;
  traits?: Props;
  context: Context;
  /** When it happened on the client (ISO 8601). */
  timestamp: string;
  /** When it left the client; set per request so the server can correct clock skew. */
  sentAt?: string;
}
