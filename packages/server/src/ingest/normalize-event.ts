import type { EventType } from '../store/schema.js';
import { ingestLimits } from './limits.js';
import { contentMessageId } from './message-id.js';
import { ok, rejected, type StepResult } from './result.js';
import { findUnstorableString } from './strings.js';
import { correctTimestamp } from './timestamp.js';
import { normalizeEmail } from './traits.js';
import { type TrafficSource, trafficSource } from './utm.js';

export const eventTypes: readonly EventType[] = ['track', 'page', 'screen', 'identify', 'group', 'alias'];

type Bag = Record<string, unknown>;

/** One accepted event, ready to be stored. JSON documents are serialised once, here. */
export interface NormalizedEvent {
  messageId: string;
  type: EventType;
  name: string | null;
  anonymousId: string | null;
  userId: string | null;
  groupId: string | null;
  previousId: string | null;
  occurredAt: Date;
  receivedAt: Date;
  properties: Bag;
  traits: Bag;
  context: Bag;
  /** An email that identifies the sender (identify traits, or a form's email on a track/page). */
  email: string | null;
  source: TrafficSource;
  json: { properties: string; traits: string; context: string };
}

export interface EventContext {
  receivedAt: Date;
  /** The request's `sentAt` (batch level), when given. */
  sentAt: Date | undefined;
  /** The type the endpoint implies (`/v1/track` → track); undefined for batches. */
  impliedType: EventType | undefined;
  /** Where the event sits in the body: '' for single calls, '/batch/3' in a batch. */
  pointer: string;
  /** A batch-level `context`, under each event's own. */
  batchContext?: Bag | undefined;
}

const isBag = (value: unknown): value is Bag =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A Segment id: a string or a number; '' counts as absent. */
function idField(raw: Bag, key: string, pointer: string): StepResult<string | null> {
  const value = raw[key];
  if (value === undefined || value === null || value === '') return ok(null);
  if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
    return rejected('validation_failed', `${pointer}/${key}`, 'must be a string or a number');
  }
  const id = String(value);
  if (id.length > ingestLimits.maxIdLength) {
    return rejected(
      'validation_failed',
      `${pointer}/${key}`,
      `must be at most ${ingestLimits.maxIdLength} characters`,
    );
  }
  return ok(id);
}

const minTime = Date.UTC(1970, 0, 1);
const maxTime = Date.UTC(9999, 11, 31, 23, 59, 59);

function dateField(value: unknown, field: string): StepResult<Date | undefined> {
  if (value === undefined || value === null || value === '') return ok(undefined);
  const time = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) return rejected('validation_failed', field, 'must be an ISO-8601 date-time');
  if (time < minTime || time > maxTime)
    return rejected('validation_failed', field, 'must lie between 1970 and 9999');
  return ok(new Date(time));
}

function objectField(raw: Bag, key: string, pointer: string): StepResult<Bag> {
  const value = raw[key];
  if (value === undefined || value === null) return ok({});
  if (!isBag(value)) return rejected('validation_failed', `${pointer}/${key}`, 'must be an object');
  return ok(value);
}

function nameField(value: unknown, field: string, required: boolean): StepResult<string | null> {
  if (value === undefined || value === null || value === '') {
    return required ? rejected('validation_failed', field, 'is required') : ok(null);
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    return rejected('validation_failed', field, 'must be a string');
  }
  const name = String(value).trim();
  if (required && name === '') return rejected('validation_failed', field, 'is required');
  if (name.length > ingestLimits.maxNameLength) {
    return rejected('validation_failed', field, `must be at most ${ingestLimits.maxNameLength} characters`);
  }
  return ok(name === '' ? null : name);
}

/**
 * Validates one Segment message and normalises it (pure; time comes in the context).
 * A refusal names the offending field as a JSON pointer into the request body.
 */
export function normalizeEvent(raw: unknown, ctx: EventContext): StepResult<NormalizedEvent> {
  const p = ctx.pointer;
  if (!isBag(raw)) return rejected('validation_failed', p || '/', 'an event must be a JSON object');
  const serialized = JSON.stringify(raw);
  if (Buffer.byteLength(serialized) > ingestLimits.maxEventBytes) {
    return rejected(
      'payload_too_large',
      p || '/',
      `an event must be at most ${ingestLimits.maxEventBytes} bytes`,
    );
  }
  const unstorable = findUnstorableString(raw, p);
  if (unstorable !== undefined) {
    return rejected(
      'validation_failed',
      unstorable || '/',
      'contains a NUL character or an unpaired surrogate',
    );
  }

  const type = ctx.impliedType ?? raw.type;
  if (typeof type !== 'string' || !(eventTypes as readonly string[]).includes(type)) {
    return rejected('validation_failed', `${p}/type`, `must be one of ${eventTypes.join(', ')}`);
  }
  const eventType = type as EventType;

  const userId = idField(raw, 'userId', p);
  if (!userId.ok) return userId;
  const anonymousId = idField(raw, 'anonymousId', p);
  if (!anonymousId.ok) return anonymousId;
  if (userId.value === null && anonymousId.value === null) {
    return rejected('validation_failed', `${p}/userId`, 'userId or anonymousId is required');
  }
  const messageId = idField(raw, 'messageId', p);
  if (!messageId.ok) return messageId;

  const timestamp = dateField(raw.timestamp, `${p}/timestamp`);
  if (!timestamp.ok) return timestamp;
  const originalTimestamp = dateField(raw.originalTimestamp, `${p}/originalTimestamp`);
  if (!originalTimestamp.ok) return originalTimestamp;
  const eventSentAt = dateField(raw.sentAt, `${p}/sentAt`);
  if (!eventSentAt.ok) return eventSentAt;

  const properties = objectField(raw, 'properties', p);
  if (!properties.ok) return properties;
  const traits = objectField(raw, 'traits', p);
  if (!traits.ok) return traits;
  const ownContext = objectField(raw, 'context', p);
  if (!ownContext.ok) return ownContext;
  const context = ctx.batchContext ? { ...ctx.batchContext, ...ownContext.value } : ownContext.value;

  let name: StepResult<string | null> = ok(null);
  if (eventType === 'track') name = nameField(raw.event, `${p}/event`, true);
  else if (eventType === 'page' || eventType === 'screen') name = nameField(raw.name, `${p}/name`, false);
  if (!name.ok) return name;

  let groupId: string | null = null;
  let previousId: string | null = null;
  if (eventType === 'group') {
    const group = idField(raw, 'groupId', p);
    if (!group.ok) return group;
    if (group.value === null) return rejected('validation_failed', `${p}/groupId`, 'is required');
    groupId = group.value;
  }
  if (eventType === 'alias') {
    const previous = idField(raw, 'previousId', p);
    if (!previous.ok) return previous;
    if (previous.value === null) return rejected('validation_failed', `${p}/previousId`, 'is required');
    if (userId.value === null) return rejected('validation_failed', `${p}/userId`, 'is required');
    previousId = previous.value;
  }

  const contextTraits = isBag(context.traits) ? context.traits : {};
  const email =
    eventType === 'identify'
      ? (normalizeEmail(traits.value.email) ?? normalizeEmail(contextTraits.email))
      : eventType === 'track' || eventType === 'page' || eventType === 'screen'
        ? (normalizeEmail(properties.value.email) ?? normalizeEmail(contextTraits.email))
        : undefined;

  return ok({
    messageId: messageId.value ?? contentMessageId(raw, eventType),
    type: eventType,
    name: name.value,
    anonymousId: anonymousId.value,
    userId: userId.value,
    groupId,
    previousId,
    occurredAt: correctTimestamp({
      receivedAt: ctx.receivedAt,
      sentAt: eventSentAt.value ?? ctx.sentAt,
      originalTimestamp: originalTimestamp.value ?? timestamp.value,
    }),
    receivedAt: ctx.receivedAt,
    properties: properties.value,
    traits: traits.value,
    context,
    email: email ?? null,
    source: trafficSource(context, properties.value),
    json: {
      properties: JSON.stringify(properties.value),
      traits: JSON.stringify(traits.value),
      context: JSON.stringify(context),
    },
  });
}
