import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { expect } from 'vitest';
import { loadConfig } from '../src/config.js';
import { exampleContract } from '../src/core/scoring/example-contract.js';
import { defaultCatalog } from '../src/jobs/catalog.js';
import { createJobRunner } from '../src/jobs/runner.js';
import { createMailTransport } from '../src/mail/mail-transport.js';
import type { Db } from '../src/store/db.js';
import type { TestApp } from './app.js';
import { basicAuth } from './ingest-setup.js';

export const publicUrl = 'https://mail.tandem.test';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Raw header lines by lower-case name. */
  headers: Map<string, string>;
  messageId: string | undefined;
  /** The fake time of the runner run that handed it over. */
  at: Date;
}

/**
 * A real SMTP server on 127.0.0.1 that parses what it receives; recipients in `reject` are
 * refused for good (550), the way a server answers for a mailbox that does not exist.
 */
export async function startSmtp(clock: () => Date, options: { reject?: readonly string[] } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: true,
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.reject?.includes(address.address)) {
        const error = new Error('no such mailbox') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
      } else callback();
    },
    onData(stream, session, callback) {
      const at = clock();
      simpleParser(stream)
        .then((mail) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            headers: new Map(
              mail.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).trim()]),
            ),
            messageId: mail.messageId,
            at,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The job runner the server would run, with SMTP at `smtpUrl`; `kinds` limits what it claims. */
export function nurtureRunner(db: Db, smtpUrl: string, kinds?: readonly string[]) {
  const config = loadConfig({
    TANDEM_PUBLIC_URL: publicUrl,
    TANDEM_SMTP_URL: smtpUrl,
    TANDEM_MAIL_FROM: 'Acme <news@acme.test>',
  });
  return createJobRunner({
    db,
    clock: () => new Date(0),
    catalog: defaultCatalog(config, { mail: createMailTransport(config, { info() {} }), random: () => 0 }),
    worker: `w-${Math.random()}`,
    pollMs: 5,
    batch: 100,
    leaseMs: 60_000,
    random: () => 0,
    ...(kinds ? { kinds } : {}),
  });
}

/** The example contract, where one click on a nurture email is enough interest for an MQL. */
export const clickQualifies = {
  ...exampleContract,
  interest: {
    ...exampleContract.interest,
    rules: [
      ...exampleContract.interest.rules,
      {
        id: 'nurture-click',
        label: 'Nurture email clicked',
        type: 'track' as const,
        event: 'Email Clicked',
        points: 50,
      },
    ],
  },
};

/** A person at a software company of 300 in the US: fit grade A once identified. */
export async function ingestPerson(
  t: TestApp,
  writeKey: string,
  person: { email: string; firstName: string; at: Date },
) {
  const userId = `u-${person.email}`;
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/batch',
    headers: { authorization: basicAuth(writeKey) },
    payload: {
      batch: [
        {
          type: 'identify',
          userId,
          messageId: `id-${person.email}`,
          timestamp: person.at.toISOString(),
          traits: { email: person.email, firstName: person.firstName, title: 'VP Marketing' },
        },
        {
          type: 'group',
          userId,
          messageId: `group-${person.email}`,
          groupId: 'bigco.example',
          timestamp: person.at.toISOString(),
          traits: { name: 'BigCo', industry: 'software', employees: 300, country: 'US' },
        },
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  const lead = await t.handle.db
    .selectFrom('lead')
    .innerJoin('contact', (j) =>
      j.onRef('contact.workspace_id', '=', 'lead.workspace_id').onRef('contact.id', '=', 'lead.contact_id'),
    )
    .select(['lead.id', 'lead.stage', 'lead.contact_id'])
    .where('contact.email', '=', person.email)
    .executeTakeFirstOrThrow();
  return lead;
}
