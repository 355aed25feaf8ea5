import type { Role } from '@tandem/contracts';
import { AppError } from '../errors.js';
import { storeAssetBytes } from '../store/asset-files.js';
import { insertAudit } from '../store/audit.repo.js';
import type { Db } from '../store/db.js';
import { insertEvents, type NewEventRow } from '../store/event.repo.js';
import type { Executor } from '../store/executor.js';
import { findWorkspaceBySlug } from '../store/workspace.repo.js';
import { generateApiKey } from './api-keys.js';
import { demoPassword, demoUsers, demoWorkspace } from './demo/catalog.js';
import { generateDemoData } from './demo/generate.js';
import { insertRows } from './demo/insert-rows.js';
import { hashPassword } from './passwords.js';
import { scoreLoadedLeads } from './rescoring.js';
import { buildTouchpoints } from './touchpoints.js';

/** Events go through the store's bulk event insert (the one ingestion uses), ~1,000 per statement. */
async function insertEventRows(db: Executor, rows: NewEventRow[], onChunk: (inserted: number) => void) {
  for (let i = 0; i < rows.length; i += 1_000) {
    await insertEvents(db, rows.slice(i, i + 1_000));
    onChunk(Math.min(i + 1_000, rows.length));
  }
}

export { demoSizes } from './demo/catalog.js';
export { generateDemoData } from './demo/generate.js';

export interface DemoUserCredential {
  email: string;
  name: string;
  role: Role;
}

/**
 * The demo logins, printed at start-up and by `tandem seed --demo`.
 * @example demoCredentials.users[0] // { email: 'admin@demo.tandem.test', name: 'Alex Morgan', role: 'admin' }
 */
export const demoCredentials: {
  workspace: string;
  password: string;
  users: readonly DemoUserCredential[];
} = {
  workspace: demoWorkspace.slug,
  password: demoPassword,
  users: demoUsers.map(({ email, name, role }) => ({ email, name, role })),
};

export interface DemoCounts {
  users: number;
  teams: number;
  partners: number;
  apiKeys: number;
  campaigns: number;
  accounts: number;
  contacts: number;
  identities: number;
  events: number;
  leads: number;
  stageTransitions: number;
  activities: number;
  opportunities: number;
}

export interface DemoSummary {
  workspace: { id: string; name: string; slug: string };
  counts: DemoCounts;
  credentials: typeof demoCredentials & {
    /** Shown once: only their hashes are stored. */
    writeKey: string;
    secretKey: string;
  };
}

export interface SeedProgress {
  table: string;
  /** Rows written so far, over all tables. */
  done: number;
  total: number;
}

export interface SeedDemoOptions {
  /** The moment the demo's history ends; all generated times lie before it. */
  now: Date;
  onProgress?: (progress: SeedProgress) => void;
  /** Where the demo's asset files go (`<dataDir>/assets/…`); omitted, only their rows are stored. */
  dataDir?: string;
}

/** True when no workspace exists yet (start-up seeds the demo into such a database). */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('workspace').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * Loads the demo workspace "Acme Analytics" (slug `demo`) in one transaction: users, teams, a
 * partner, API keys, campaigns, ~300 accounts, ~2,000 contacts, 90 days of events, leads in every
 * stage with their transitions, activities and ~40 opportunities. Refuses when it already exists.
 */
export async function seedDemo(db: Db, options: SeedDemoOptions): Promise<DemoSummary> {
  const existing = await findWorkspaceBySlug(db, demoWorkspace.slug);
  if (existing) {
    throw new AppError(
      'conflict',
      `the demo workspace already exists (slug "${demoWorkspace.slug}", "${existing.name}"); nothing was changed`,
      { field: 'slug' },
    );
  }
  const data = generateDemoData(options.now);
  const hashes = await Promise.all(data.users.map(() => hashPassword(demoPassword)));
  const keys = { write: generateApiKey('write'), secret: generateApiKey('secret') };
  const workspaceId = data.workspace.id;
  const apiKeys = (['write', 'secret'] as const).map((kind) => ({
    workspace_id: workspaceId,
    id: data.ctx.id(options.now.getTime()),
    kind,
    name: kind === 'write' ? 'Demo website' : 'Demo scripts',
    prefix: keys[kind].prefix,
    key_hash: keys[kind].hash,
    created_by: data.users[0]!.id,
  }));

  const tables = [
    ['workspace', [data.workspace]],
    ['partner', [data.partner]],
    ['team', data.teams],
    ['app_user', data.users.map((u, i) => ({ ...u, password_hash: hashes[i]! }))],
    ['api_key', apiKeys],
    ['lead_contract', [data.contract]],
    ['lead_contract_approval', data.contractApprovals],
    ['campaign', data.campaigns],
    ['account', data.accounts],
    ['contact', data.contacts],
    ['identity', data.identities],
    ['event', data.events],
    ['lead', data.leads],
    ['stage_transition', data.transitions],
    ['opportunity', data.opportunities],
    ['routing_config', data.handoff.routing],
    ['business_hours', data.handoff.businessHours],
    ['rep_capacity', data.handoff.capacity],
    ['sla_clock', data.handoff.clocks],
    ['marketing_request', data.handoff.requests],
    ['timer', data.handoff.timers],
    ['activity', data.activities],
    ['campaign_cost', data.campaignCosts],
    ['opportunity_contact_role', data.contactRoles],
    ['goal', data.goals],
    ['asset', data.content.assets],
    ['asset_version', data.content.versions],
    ['share_link', data.content.shares],
    ['share_view', data.content.views],
    ['email_template', data.nurture.templates],
    ['nurture_program', data.nurture.programs],
    ['nurture_enrollment', data.nurture.enrollments],
    ['email_message', data.nurture.emails],
    ['nurture_send', data.nurture.sends],
    ['email_suppression', data.nurture.suppressions],
    ['timer', data.nurture.timers],
  ] as const;
  const total = tables.reduce((sum, [, rows]) => sum + rows.length, 0);

  await db.transaction().execute(async (trx) => {
    let done = 0;
    for (const [table, rows] of tables) {
      const before = done;
      const onChunk = (inserted: number) => options.onProgress?.({ table, done: before + inserted, total });
      if (table === 'event') await insertEventRows(trx, data.events, onChunk);
      else await insertRows(trx, table, rows, { onChunk });
      done += rows.length;
    }
    // Scores now, so lists, inbox priorities and explanations show fit and interest at once.
    await scoreLoadedLeads(trx, { workspaceId, now: options.now });
    // Touchpoints now rather than at the job's first run, so attribution reports tell their story at once.
    while ((await buildTouchpoints(trx, { workspaceId, now: options.now, batch: 10_000 })).more) {}
    await insertAudit(trx, {
      workspaceId,
      actorKind: 'system',
      actorId: null,
      action: 'demo.seeded',
      targetType: 'workspace',
      targetId: workspaceId,
      details: { events: data.events.length, leads: data.leads.length },
      at: options.now,
    });
  });

  if (options.dataDir) {
    for (const file of data.content.files)
      await storeAssetBytes(options.dataDir, { workspaceId, sha256: file.sha256, bytes: file.bytes });
  }

  return {
    workspace: { id: workspaceId, name: data.workspace.name, slug: data.workspace.slug },
    counts: {
      users: data.users.length,
      teams: data.teams.length,
      partners: 1,
      apiKeys: apiKeys.length,
      campaigns: data.campaigns.length,
      accounts: data.accounts.length,
      contacts: data.contacts.length,
      identities: data.identities.length,
      events: data.events.length,
      leads: data.leads.length,
      stageTransitions: data.transitions.length,
      activities: data.activities.length,
      opportunities: data.opportunities.length,
    },
    credentials: { ...demoCredentials, writeKey: keys.write.key, secretKey: keys.secret.key },
  };
}
