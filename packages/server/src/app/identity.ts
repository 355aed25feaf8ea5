import { newId } from '../id.js';
import {
  accountTraits,
  companyDomain,
  companyName,
  contactTraits,
  normalizeDomain,
} from '../ingest/traits.js';
import {
  type AccountChanges,
  findAccountByDomain,
  findAccountByExternalId,
  insertAccountOrGetExisting,
  updateAccount,
} from '../store/account.repo.js';
import {
  type ContactChanges,
  findContactByEmail,
  findContactById,
  insertContactOrGetByEmail,
  updateContact,
} from '../store/contact.repo.js';
import { attachGroupEvents, stitchEvents } from '../store/event.repo.js';
import type { Executor } from '../store/executor.js';
import { findIdentities, type IdentityKind, linkIdentity } from '../store/identity.repo.js';
import type { AccountRow, ContactRow, EventType } from '../store/schema.js';

type Bag = Record<string, unknown>;

/** What an event tells about who sent it (an ingested event carries all of it). */
export interface IdentitySignal {
  type: EventType;
  messageId: string;
  anonymousId: string | null;
  userId: string | null;
  groupId: string | null;
  previousId: string | null;
  /** An email naming the sender: identify traits, or a form's email on a track or page. */
  email: string | null;
  /** identify: the person's traits; group: the company's. */
  traits: Bag;
}

export interface IdentityOptions {
  workspaceId: string;
  freemailDomains: ReadonlySet<string>;
  now: Date;
}

export interface IdentityOutcome {
  contactId: string | null;
  accountId: string | null;
  /** Earlier events newly attached to the contact. */
  stitched: number;
}

const nothing: IdentityOutcome = { contactId: null, accountId: null, stitched: 0 };

/** Whether an event can identify someone or name their company (the others only get looked up). */
export function carriesIdentity(signal: Pick<IdentitySignal, 'type' | 'email'>): boolean {
  return (
    signal.type === 'identify' || signal.type === 'alias' || signal.type === 'group' || signal.email !== null
  );
}

/**
 * Learns from one newly stored event, inside the ingesting transaction: identifies the person
 * (creating the contact when first named by a userId or an email), updates their traits, finds
 * or creates their company by email domain, and attaches their earlier anonymous events.
 */
export async function applyIdentity(
  db: Executor,
  signal: IdentitySignal,
  options: IdentityOptions,
): Promise<IdentityOutcome> {
  switch (signal.type) {
    case 'group':
      return applyGroup(db, signal, options);
    case 'alias':
      return applyAlias(db, signal, options);
    default:
      return identifyPerson(db, signal, options);
  }
}

async function contactBy(
  db: Executor,
  workspaceId: string,
  kind: IdentityKind,
  value: string | null,
): Promise<ContactRow | undefined> {
  if (value === null) return undefined;
  const [found] = await findIdentities(
    db,
    workspaceId,
    kind === 'user_id' ? { anonymousIds: [], userIds: [value] } : { anonymousIds: [value], userIds: [] },
  );
  return found ? findContactById(db, workspaceId, found.contactId) : undefined;
}

/** Links ids to the contact (ids already owned by another contact stay there) and stitches. */
async function linkAndStitch(
  db: Executor,
  contact: ContactRow,
  ids: { anonymousIds: (string | null)[]; userIds: (string | null)[] },
  options: IdentityOptions,
): Promise<IdentityOutcome> {
  const owned = async (kind: IdentityKind, values: (string | null)[]): Promise<string[]> => {
    const mine: string[] = [];
    for (const value of new Set(values)) {
      if (value === null) continue;
      const owner = await linkIdentity(db, {
        workspaceId: options.workspaceId,
        id: newId(options.now.getTime()),
        kind,
        value,
        contactId: contact.id,
        at: options.now,
      });
      if (owner === contact.id) mine.push(value);
    }
    return mine;
  };
  const anonymousIds = await owned('anonymous_id', ids.anonymousIds);
  const userIds = await owned('user_id', ids.userIds);
  const stitched = await stitchEvents(db, {
    workspaceId: options.workspaceId,
    contactId: contact.id,
    accountId: contact.account_id,
    anonymousIds,
    userIds,
  });
  return { contactId: contact.id, accountId: contact.account_id, stitched };
}

async function accountForEmail(
  db: Executor,
  email: string,
  traits: Bag,
  options: IdentityOptions,
): Promise<AccountRow | undefined> {
  const domain = companyDomain(email, options.freemailDomains);
  if (!domain) return undefined;
  return (
    (await findAccountByDomain(db, options.workspaceId, domain)) ??
    (await insertAccountOrGetExisting(db, {
      workspaceId: options.workspaceId,
      id: newId(options.now.getTime()),
      name: companyName(traits) ?? domain,
      domain,
      externalId: null,
      at: options.now,
    }))
  );
}

async function identifyPerson(
  db: Executor,
  signal: IdentitySignal,
  options: IdentityOptions,
): Promise<IdentityOutcome> {
  const ws = options.workspaceId;
  const isIdentify = signal.type === 'identify';
  if (!isIdentify && signal.email === null) return nothing;
  let contact =
    (await contactBy(db, ws, 'user_id', signal.userId)) ??
    (signal.email ? await findContactByEmail(db, ws, signal.email) : undefined);
  if (!contact) {
    const byDevice = await contactBy(db, ws, 'anonymous_id', signal.anonymousId);
    // A device shared by two people: another email on it names someone else, not a new address.
    const someoneElse = byDevice?.email && signal.email && byDevice.email.toLowerCase() !== signal.email;
    if (!someoneElse) contact = byDevice;
  }
  if (!contact) {
    // Traits alone, from a visitor nobody has named yet, do not make a person.
    if (signal.userId === null && signal.email === null) return nothing;
    contact = await insertContactOrGetByEmail(db, {
      workspaceId: ws,
      id: newId(options.now.getTime()),
      email: signal.email,
      at: options.now,
    });
  }

  const { fields, rest } = isIdentify ? contactTraits(signal.traits) : { fields: {}, rest: {} };
  const email = fields.email ?? signal.email ?? undefined;
  const changes: ContactChanges = {};
  for (const key of ['first_name', 'last_name', 'title', 'phone', 'country'] as const) {
    const value = fields[key];
    if (value !== undefined && value !== contact[key]) changes[key] = value;
  }
  if (email && email !== contact.email?.toLowerCase()) {
    // An email already owned by another contact stays with them; this contact keeps its own.
    const owner = await findContactByEmail(db, ws, email);
    if (!owner) changes.email = email;
  }
  const contactEmail = changes.email ?? contact.email;
  if (contact.account_id === null && contactEmail) {
    const account = await accountForEmail(db, contactEmail, signal.traits, options);
    if (account) changes.account_id = account.id;
  }
  const traits = Object.keys(rest).length > 0 ? JSON.stringify(rest) : null;
  if (Object.keys(changes).length > 0 || traits !== null) {
    contact = await updateContact(db, { workspaceId: ws, id: contact.id, changes, traits, at: options.now });
  }
  return linkAndStitch(
    db,
    contact,
    { anonymousIds: [signal.anonymousId], userIds: [signal.userId] },
    options,
  );
}

/** `alias(userId, previousId)`: the two ids are one person; earlier events of either join them. */
async function applyAlias(
  db: Executor,
  signal: IdentitySignal,
  options: IdentityOptions,
): Promise<IdentityOutcome> {
  const ws = options.workspaceId;
  const contact =
    (await contactBy(db, ws, 'user_id', signal.userId)) ??
    (await contactBy(db, ws, 'user_id', signal.previousId)) ??
    (await contactBy(db, ws, 'anonymous_id', signal.previousId)) ??
    (await contactBy(db, ws, 'anonymous_id', signal.anonymousId)) ??
    (await insertContactOrGetByEmail(db, {
      workspaceId: ws,
      id: newId(options.now.getTime()),
      email: null,
      at: options.now,
    }));
  return linkAndStitch(
    db,
    contact,
    { anonymousIds: [signal.previousId, signal.anonymousId], userIds: [signal.userId, signal.previousId] },
    options,
  );
}

/** `group(groupId, traits)`: the company, found by groupId or domain, gets the traits; the sender joins it. */
async function applyGroup(
  db: Executor,
  signal: IdentitySignal,
  options: IdentityOptions,
): Promise<IdentityOutcome> {
  const ws = options.workspaceId;
  const groupId = signal.groupId;
  if (groupId === null) return nothing;
  const { fields, rest } = accountTraits(signal.traits);
  const domain = fields.domain ?? normalizeDomain(groupId);
  let account =
    (await findAccountByExternalId(db, ws, groupId)) ??
    (domain ? await findAccountByDomain(db, ws, domain) : undefined) ??
    (await insertAccountOrGetExisting(db, {
      workspaceId: ws,
      id: newId(options.now.getTime()),
      name: fields.name ?? domain ?? groupId,
      domain: domain ?? null,
      externalId: groupId,
      at: options.now,
    }));
  const changes: AccountChanges = {};
  if (fields.name && fields.name !== account.name) changes.name = fields.name;
  if (fields.industry && fields.industry !== account.industry) changes.industry = fields.industry;
  if (fields.employees !== undefined && fields.employees !== account.employees)
    changes.employees = fields.employees;
  if (fields.country && fields.country !== account.country) changes.country = fields.country;
  if (account.external_id === null && !(await findAccountByExternalId(db, ws, groupId)))
    changes.external_id = groupId;
  if (account.domain === null && domain && !(await findAccountByDomain(db, ws, domain)))
    changes.domain = domain;
  const traits = Object.keys(rest).length > 0 ? JSON.stringify(rest) : null;
  if (Object.keys(changes).length > 0 || traits !== null) {
    account = await updateAccount(db, { workspaceId: ws, id: account.id, changes, traits, at: options.now });
  }

  const contact =
    (await contactBy(db, ws, 'user_id', signal.userId)) ??
    (await contactBy(db, ws, 'anonymous_id', signal.anonymousId));
  let stitched = 0;
  if (contact && contact.account_id === null) {
    await updateContact(db, {
      workspaceId: ws,
      id: contact.id,
      changes: { account_id: account.id },
      traits: null,
      at: options.now,
    });
    stitched = await stitchEvents(db, {
      workspaceId: ws,
      contactId: contact.id,
      accountId: account.id,
      anonymousIds: [],
      userIds: [],
    });
  }
  await attachGroupEvents(db, {
    workspaceId: ws,
    messageId: signal.messageId,
    anonymousId: contact ? null : signal.anonymousId,
    accountId: account.id,
  });
  return { contactId: contact?.id ?? null, accountId: account.id, stitched };
}
