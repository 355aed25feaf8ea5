import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailSendKind } from '../src/app/notifications/notify.js';
import { advanceStep } from '../src/app/nurture/advance.js';
import { nurtureStepKind, nurtureTrackKind } from '../src/app/nurture/kinds.js';
import { createApiKey, createWorkspace } from '../src/app/workspaces.js';
import { createTestApp, type TestApp } from './app.js';
import { insertActiveContract } from './contracts.js';
import { clickQualifies, ingestPerson, nurtureRunner, publicUrl, startSmtp } from './nurture-helpers.js';

const t0 = new Date('2026-03-02T09:00:00Z');
const minute = 60_000;
const day = 86_400_000;

describe('nurture delivery: a sequence over real SMTP, tracking, unsubscribe, restarts', () => {
  let t: TestApp;
  let nowMs = t0.getTime();
  const clock = () => new Date(nowMs);
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let workspaceId: string;
  let secret: string;
  let writeKey: string;
  let programId: string;
  const templates: Record<string, string> = {};

  const api = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${secret}` },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null };
  };

  /** Runs every timer due up to `untilMs` in time order, moving the fake clock to each. */
  async function drive(
    untilMs: number,
    kinds: readonly string[] = [nurtureStepKind, emailSendKind, nurtureTrackKind],
  ) {
    const runner = nurtureRunner(t.handle.db, smtp.url, kinds);
    for (let guard = 0; guard < 500; guard++) {
      let query = t.handle.db
        .selectFrom('timer')
        .select('due_at')
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'pending')
        .where('due_at', '<=', new Date(untilMs))
        .orderBy('due_at')
        .limit(1);
      query = query.where('kind', 'in', [...kinds]);
      const next = await query.executeTakeFirst();
      if (!next) break;
      nowMs = Math.max(nowMs, next.due_at.getTime());
      await runner.runOnce(clock());
    }
    nowMs = Math.max(nowMs, untilMs);
    await runner.stop();
  }

  const enroll = async (leadId: string) => {
    const res = await api('POST', `/api/v1/nurture/programs/${programId}/enrollments`, { leadIds: [leadId] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ enrolled: 1, skipped: 0 });
  };
  const enrollmentOf = (leadId: string) =>
    t.handle.db
      .selectFrom('nurture_enrollment')
      .selectAll()
      .where('lead_id', '=', leadId)
      .executeTakeFirstOrThrow();
  const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));
  const firstLink = (html: string, kind: 'c' | 'o') => {
    const m = new RegExp(`${publicUrl}/t/${kind}/([A-Za-z0-9_.-]+)`).exec(html);
    expect(m, html).not.toBeNull();
    return m![0].slice(publicUrl.length);
  };

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { TANDEM_PUBLIC_URL: publicUrl } });
    smtp = await startSmtp(clock, { reject: ['gone@bigco.example'] });
    const db = t.handle.db;
    workspaceId = (await createWorkspace(db, { name: 'Nurture' })).id;
    secret = (await createApiKey(db, { workspaceId, kind: 'secret' })).key;
    writeKey = (await createApiKey(db, { workspaceId, kind: 'write' })).key;
    await insertActiveContract(db, workspaceId, nowMs, clickQualifies);
    for (const [key, subject, body] of [
      [
        'welcome',
        'Welcome, {{contact.firstName | "there"}}',
        'Hello {{contact.firstName}} at {{account.name}}',
      ],
      ['reminder', 'A reminder for {{account.name}}', 'Still thinking it over?'],
      ['last', 'Last one', 'Goodbye for now'],
    ] as const) {
      const res = await api('POST', '/api/v1/nurture/templates', {
        name: key,
        subject,
        html: `<html><body><p>${body}</p><p><a href="https://acme.test/guide?from=${key}&amp;x=1">Read the guide</a></p></body></html>`,
        text: `${body}\n\nRead the guide: https://acme.test/guide?from=${key}&x=1\n`,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      templates[key] = res.body.id;
    }
    const created = await api('POST', '/api/v1/nurture/programs', {
      name: 'Recycled: no budget',
      steps: [
        { id: 'welcome', type: 'email', templateId: templates.welcome },
        { id: 'pause', type: 'wait', minutes: 2 * 24 * 60 },
        { id: 'clicked?', type: 'condition', if: 'clicked', goTo: 'done', otherwise: 'reminder' },
        { id: 'reminder', type: 'email', templateId: templates.reminder },
        { id: 'pause-2', type: 'wait', minutes: 24 * 60 },
        { id: 'last', type: 'email', templateId: templates.last },
        { id: 'done', type: 'exit' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    programId = created.body.id;
    expect((await api('POST', `/api/v1/nurture/programs/${programId}/activate`)).status).toBe(200);
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.close();
  });

  it('sends the sequence in order, with its delays, headers, tracked links and personal values', async () => {
    const start = nowMs;
    const alice = await ingestPerson(t, writeKey, {
      email: 'alice@bigco.example',
      firstName: 'Alice',
      at: clock(),
    });
    await enroll(alice.id);
    await drive(start + 5 * day);
    const mails = mailsTo('alice@bigco.example');
    expect(mails.map((m) => m.subject)).toEqual(['Welcome, Alice', 'A reminder for BigCo', 'Last one']);
    expect(mails.map((m) => m.at.getTime() - start)).toEqual([0, 2 * day, 3 * day]);
    const [welcome] = mails;
    expect(welcome!.text).toContain('Hello Alice at BigCo');
    expect(welcome!.headers.get('list-unsubscribe')).toMatch(new RegExp(`^<${publicUrl}/u/[A-Za-z0-9_-]+>$`));
    expect(welcome!.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(welcome!.messageId).toMatch(/^<[0-9a-f-]{36}@mail\.tandem\.test>$/);
    expect(welcome!.html).not.toContain('href="https://acme.test');
    expect(welcome!.html).toContain(`${publicUrl}/t/o/`);
    expect(welcome!.text).toContain(`${publicUrl}/t/c/`);
    expect(welcome!.text).toContain(`Unsubscribe: ${publicUrl}/u/`);
    const enrollment = await enrollmentOf(alice.id);
    expect(enrollment).toMatchObject({ status: 'exited', exit_reason: 'program_exit' });

    const list = await api('GET', `/api/v1/nurture/programs/${programId}/enrollments`);
    expect(list.status).toBe(200);
    const item = list.body.items.find((e: { leadId: string }) => e.leadId === alice.id);
    expect(item.sends.map((s: { stepId: string; status: string }) => [s.stepId, s.status])).toEqual([
      ['welcome', 'sent'],
      ['reminder', 'sent'],
      ['last', 'sent'],
    ]);
  });

  it('a click redirects to the stored URL only, is recorded, raises Interest and makes the lead an MQL', async () => {
    const start = nowMs;
    const bob = await ingestPerson(t, writeKey, {
      email: 'bob@bigco.example',
      firstName: 'Bob',
      at: clock(),
    });
    expect(bob.stage).toBe('lead');
    await enroll(bob.id);
    await drive(start);
    const [welcome] = mailsTo('bob@bigco.example');
    const click = firstLink(welcome!.html, 'c');

    // Unknown tokens and link indexes are a 404 page, never a redirect; the query is ignored.
    for (const url of [
      `${click.replace(/\.\d+$/, '.7')}`,
      '/t/c/not-a-token',
      '/t/c/AAAAAAAAAAAAAAAAAAAAAA.0',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers.location).toBeUndefined();
    }
    const res = await t.app.inject({
      method: 'GET',
      url: `${click}?url=https://evil.example/&next=//evil.example`,
    });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('https://acme.test/guide?from=welcome&x=1');
    // A second click on the same link counts, but schedules no second Interest event.
    expect((await t.app.inject({ method: 'GET', url: click })).statusCode).toBe(302);

    const pixel = await t.app.inject({ method: 'GET', url: firstLink(welcome!.html, 'o') });
    expect(pixel.statusCode).toBe(200);
    expect(pixel.headers['content-type']).toBe('image/gif');

    const send = await t.handle.db
      .selectFrom('nurture_send')
      .selectAll()
      .where('to_address', '=', 'bob@bigco.example')
      .executeTakeFirstOrThrow();
    expect(send.clicks).toBe(2);
    expect(send.clicked_at).not.toBeNull();
    expect(send.opened_at).not.toBeNull();

    await drive(nowMs, [nurtureTrackKind]);
    const events = await t.handle.db
      .selectFrom('event')
      .select(['name', 'message_id'])
      .where('workspace_id', '=', workspaceId)
      .where('name', 'in', ['Email Opened', 'Email Clicked'])
      .where('contact_id', '=', bob.contact_id)
      .orderBy('name')
      .execute();
    expect(events.map((e) => e.name)).toEqual(['Email Clicked', 'Email Opened']);
    const lead = await t.handle.db
      .selectFrom('lead')
      .select(['stage', 'interest_sum'])
      .where('id', '=', bob.id)
      .executeTakeFirstOrThrow();
    expect(Number(lead.interest_sum)).toBeGreaterThanOrEqual(50);
    expect(lead.stage).toBe('mql');
    expect(await enrollmentOf(bob.id)).toMatchObject({ status: 'exited', exit_reason: 'mql' });

    await drive(start + 10 * day);
    expect(mailsTo('bob@bigco.example')).toHaveLength(1);
  });

  it('unsubscribing (one-click POST) stops the sequence and suppresses the address', async () => {
    const start = nowMs;
    const carol = await ingestPerson(t, writeKey, {
      email: 'carol@bigco.example',
      firstName: 'Carol',
      at: clock(),
    });
    await enroll(carol.id);
    await drive(start);
    const [welcome] = mailsTo('carol@bigco.example');
    const link = /\/u\/[A-Za-z0-9_-]+/.exec(welcome!.text)![0];
    const page = await t.app.inject({ method: 'GET', url: link });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post">');
    // Looking at the page changes nothing.
    expect(await enrollmentOf(carol.id)).toMatchObject({ status: 'active' });

    const res = await t.app.inject({
      method: 'POST',
      url: link,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(200);
    expect(await enrollmentOf(carol.id)).toMatchObject({ status: 'exited', exit_reason: 'unsubscribed' });
    // A client posting the one-click form as multipart is answered the same; nothing changes twice.
    const again = await t.app.inject({
      method: 'POST',
      url: link,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
    });
    expect(again.statusCode).toBe(200);
    const suppressions = await api('GET', '/api/v1/nurture/suppressions?search=carol');
    expect(suppressions.body.items).toMatchObject([{ email: 'carol@bigco.example', reason: 'unsubscribe' }]);
    await drive(start + 10 * day);
    expect(mailsTo('carol@bigco.example')).toHaveLength(1);
    const event = await t.handle.db
      .selectFrom('event')
      .select('name')
      .where('contact_id', '=', carol.contact_id)
      .where('name', '=', 'Email Unsubscribed')
      .execute();
    expect(event).toHaveLength(1);
  });

  it('a restart between writing an email and sending it sends it once; a repeated step sends nothing', async () => {
    const start = nowMs;
    const dan = await ingestPerson(t, writeKey, {
      email: 'dan@bigco.example',
      firstName: 'Dan',
      at: clock(),
    });
    await enroll(dan.id);
    // The first process advances the step (the email is written) and stops before sending.
    await drive(start, [nurtureStepKind]);
    expect(mailsTo('dan@bigco.example')).toHaveLength(0);
    const written = await t.handle.db
      .selectFrom('email_message')
      .select(['status'])
      .where('to_address', '=', 'dan@bigco.example')
      .execute();
    expect(written).toEqual([{ status: 'pending' }]);
    // A stale step run (the advance already committed) does nothing.
    const enrollment = await enrollmentOf(dan.id);
    const stale = await t.handle.db
      .transaction()
      .execute((trx) =>
        advanceStep(trx, { workspaceId, enrollmentId: enrollment.id, seq: 1, now: clock(), publicUrl }),
      );
    expect(stale).toEqual({ kind: 'stale' });
    // The next process picks everything up.
    await drive(start + 2 * day - minute);
    expect(mailsTo('dan@bigco.example')).toHaveLength(1);
    await drive(start + 3 * day);
    expect(mailsTo('dan@bigco.example').map((m) => m.subject)).toEqual([
      'Welcome, Dan',
      'A reminder for BigCo',
      'Last one',
    ]);
    const sends = await t.handle.db
      .selectFrom('nurture_send')
      .select('step_id')
      .where('to_address', '=', 'dan@bigco.example')
      .execute();
    expect(sends).toHaveLength(3);
  });

  it('an SMTP rejection is a bounce: the address is suppressed and the enrollment ends', async () => {
    const start = nowMs;
    const gone = await ingestPerson(t, writeKey, {
      email: 'gone@bigco.example',
      firstName: 'Gone',
      at: clock(),
    });
    await enroll(gone.id);
    await drive(start + day);
    expect(mailsTo('gone@bigco.example')).toHaveLength(0);
    expect(await enrollmentOf(gone.id)).toMatchObject({ status: 'exited', exit_reason: 'bounced' });
    const row = await t.handle.db
      .selectFrom('email_suppression')
      .selectAll()
      .where('email', '=', 'gone@bigco.example')
      .executeTakeFirstOrThrow();
    expect(row.reason).toBe('bounce');
    const email = await t.handle.db
      .selectFrom('email_message')
      .select(['status', 'attempts'])
      .where('to_address', '=', 'gone@bigco.example')
      .executeTakeFirstOrThrow();
    expect(email).toEqual({ status: 'failed', attempts: 1 });
  });

  it('the program rate spaces emails handed to SMTP', async () => {
    const res = await api('PUT', `/api/v1/nurture/programs/${programId}`, {
      name: 'Recycled: no budget',
      sendRatePerMinute: 2,
      steps: (await api('GET', `/api/v1/nurture/programs/${programId}`)).body.steps,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    nowMs += day;
    const start = nowMs;
    const people = [];
    for (const name of ['erin', 'fay', 'gus'])
      people.push(
        await ingestPerson(t, writeKey, { email: `${name}@bigco.example`, firstName: name, at: clock() }),
      );
    const enrolled = await api('POST', `/api/v1/nurture/programs/${programId}/enrollments`, {
      leadIds: people.map((p) => p.id),
    });
    expect(enrolled.body).toEqual({ enrolled: 3, skipped: 0 });
    await drive(start + 2 * minute);
    const times = ['erin', 'fay', 'gus']
      .map((n) => mailsTo(`${n}@bigco.example`)[0]!.at.getTime() - start)
      .sort((a, b) => a - b);
    expect(times).toEqual([0, 30_000, 60_000]);
  });
});
