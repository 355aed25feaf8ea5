import { parseClickToken } from '../../core/nurture/tracking.js';
import type { Executor } from '../../store/executor.js';
import { findSendByToken, findSendOfEmail, suppressAddress } from '../../store/nurture.repo.js';
import type { NurtureSendRow } from '../../store/schema.js';
import { type ScheduleTimerInput, scheduleTimer, timerValues } from '../../store/timer.repo.js';
import type { InternalTrack } from '../internal-events.js';
import { exitEnrollments } from './exits.js';
import { nurtureTrackKind, trackKey } from './kinds.js';

/**
 * Email engagement becomes internal events (`Email Opened`, `Email Clicked`,
 * `Email Unsubscribed`, `Email Bounced`, `Email Replied`) that feed Interest. The request or job
 * that observes one writes its state and schedules a `nurture.track` timer atomically;
 * the timer stores the event through the ingestion path (so the public routes stay fast and an
 * event is never lost, nor stored twice: message ids are stable).
 */
const trackTimer = (send: NurtureSendRow, track: InternalTrack, now: Date): ScheduleTimerInput => ({
  workspaceId: send.workspace_id,
  kind: nurtureTrackKind,
  dueAt: now,
  now,
  subjectType: 'nurture_send',
  subjectId: send.id,
  payload: { track: { ...track, occurredAt: track.occurredAt.toISOString() } },
  dedupeKey: trackKey(track.messageId),
});

async function scheduleTrack(
  db: Executor,
  send: NurtureSendRow,
  track: InternalTrack,
  now: Date,
): Promise<void> {
  await scheduleTimer(db, trackTimer(send, track, now));
}

const properties = (send: NurtureSendRow) => ({
  programId: send.program_id,
  step: send.step_id,
  enrollmentId: send.enrollment_id,
});

const openTrack = (send: NurtureSendRow, now: Date): InternalTrack => ({
  messageId: `nurture-open:${send.id}`,
  event: 'Email Opened',
  email: send.to_address,
  properties: properties(send),
  occurredAt: now,
});

/** Records the first open of a send (the pixel); later opens change nothing. */
export async function recordOpen(db: Executor, input: { token: string; now: Date }): Promise<boolean> {
  const send = await findSendByToken(db, input.token);
  if (!send) return false;
  await openSend(db, send, input.now);
  return true;
}

async function openSend(db: Executor, send: NurtureSendRow, now: Date): Promise<void> {
  const first = await db
    .updateTable('nurture_send')
    .set({ opened_at: now })
    .where('workspace_id', '=', send.workspace_id)
    .where('id', '=', send.id)
    .where('opened_at', 'is', null)
    .executeTakeFirst();
  if (Number(first.numUpdatedRows) === 1) await scheduleTrack(db, send, openTrack(send, now), now);
}

/**
 * Records a click on link `index` of a send and returns the URL stored for that index at
 * render time, or null for an unknown token or index (the route answers 404, never redirects).
 * A click counts as an open too. Each link of a send raises Interest once.
 *
 * The redirect waits for this, so it is two statements and no transaction: the send read by its
 * token, then one statement that counts the click and schedules the Interest events (the open's
 * too, on a first open). That statement is atomic on its own, and the events' dedupe keys make
 * concurrent or repeated clicks schedule each event once.
 */
export async function recordClick(
  db: Executor,
  input: { clickToken: string; now: Date },
): Promise<string | null> {
  const parsed = parseClickToken(input.clickToken);
  if (!parsed) return null;
  const send = await findSendByToken(db, parsed.token);
  const url = send?.links[parsed.index];
  if (!send || typeof url !== 'string') return null;
  const { now } = input;
  const click: InternalTrack = {
    messageId: `nurture-click:${send.id}:${parsed.index}`,
    event: 'Email Clicked',
    email: send.to_address,
    properties: { ...properties(send), url, link: parsed.index },
    occurredAt: now,
  };
  const tracks = send.opened_at ? [click] : [openTrack(send, now), click];
  await db
    .with('counted', (qb) =>
      qb
        .updateTable('nurture_send')
        .set((eb) => ({
          clicks: eb('clicks', '+', 1),
          clicked_at: eb.fn.coalesce('clicked_at', eb.val(now)),
          opened_at: eb.fn.coalesce('opened_at', eb.val(now)),
        }))
        .where('workspace_id', '=', send.workspace_id)
        .where('id', '=', send.id)
        .returning('id'),
    )
    .insertInto('timer')
    .values(tracks.map((track) => timerValues(trackTimer(send, track, now))))
    .onConflict((oc) => oc.doNothing())
    .execute();
  return url;
}

/** Ends every active enrollment of the send's contact and suppresses the address. */
async function stopContact(
  db: Executor,
  send: NurtureSendRow,
  input: { reason: 'unsubscribed' | 'bounced' | 'replied'; now: Date },
): Promise<void> {
  const enrollment = await db
    .selectFrom('nurture_enrollment')
    .select('contact_id')
    .where('workspace_id', '=', send.workspace_id)
    .where('id', '=', send.enrollment_id)
    .executeTakeFirst();
  const contacts = await db
    .selectFrom('contact')
    .select('id')
    .where('workspace_id', '=', send.workspace_id)
    .where('email', '=', send.to_address)
    .execute();
  const contactIds = [
    ...new Set([...(enrollment ? [enrollment.contact_id] : []), ...contacts.map((c) => c.id)]),
  ];
  await exitEnrollments(db, {
    workspaceId: send.workspace_id,
    where: { contactIds },
    reason: input.reason,
    now: input.now,
  });
}

/**
 * Unsubscribes the recipient of a send (the link or the one-click POST): the address goes on the
 * suppression list and every enrollment of the contact ends. Repeating it changes nothing.
 * Returns the address, or null for an unknown token.
 */
export async function unsubscribe(db: Executor, input: { token: string; now: Date }): Promise<string | null> {
  const send = await findSendByToken(db, input.token);
  if (!send) return null;
  const added = await suppressAddress(db, {
    workspaceId: send.workspace_id,
    email: send.to_address,
    reason: 'unsubscribe',
    at: input.now,
  });
  await stopContact(db, send, { reason: 'unsubscribed', now: input.now });
  if (added)
    await scheduleTrack(
      db,
      send,
      {
        messageId: `nurture-unsubscribe:${send.id}`,
        event: 'Email Unsubscribed',
        email: send.to_address,
        properties: properties(send),
        occurredAt: input.now,
      },
      input.now,
    );
  return send.to_address;
}

/**
 * A nurture email the receiving server refused for good (an SMTP 5xx): the address is
 * suppressed as a bounce and the contact's enrollments end. False when the email is not a
 * nurture email.
 */
export async function recordBounce(
  db: Executor,
  input: { workspaceId: string; emailMessageId: string; error: string; now: Date },
): Promise<boolean> {
  const send = await findSendOfEmail(db, input.workspaceId, input.emailMessageId);
  if (!send) return false;
  await suppressAddress(db, {
    workspaceId: send.workspace_id,
    email: send.to_address,
    reason: 'bounce',
    note: input.error.slice(0, 500),
    at: input.now,
  });
  await stopContact(db, send, { reason: 'bounced', now: input.now });
  await scheduleTrack(
    db,
    send,
    {
      messageId: `nurture-bounce:${send.id}`,
      event: 'Email Bounced',
      email: send.to_address,
      properties: properties(send),
      occurredAt: input.now,
    },
    input.now,
  );
  return true;
}

/**
 * A reply to a nurture email, named by the Message-ID it answers (`<email id@host>`, as in the
 * reply's In-Reply-To): the contact's enrollments end. False when no nurture email has that id.
 */
export async function recordReply(
  db: Executor,
  input: { workspaceId: string; messageId: string; now: Date },
): Promise<boolean> {
  const m = /^<?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@[^>\s]+>?$/i.exec(
    input.messageId.trim(),
  );
  if (!m) return false;
  const send = await findSendOfEmail(db, input.workspaceId, m[1]!.toLowerCase());
  if (!send) return false;
  await stopContact(db, send, { reason: 'replied', now: input.now });
  await scheduleTrack(
    db,
    send,
    {
      messageId: `nurture-reply:${send.id}`,
      event: 'Email Replied',
      email: send.to_address,
      properties: properties(send),
      occurredAt: input.now,
    },
    input.now,
  );
  return true;
}
