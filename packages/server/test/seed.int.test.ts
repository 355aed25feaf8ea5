import { type LeadStage, leadStages } from '@tandem/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyApiKey } from '../src/app/api-keys.js';
import { activeContract } from '../src/app/lead-contract-queries.js';
import { verifyPassword } from '../src/app/passwords.js';
import {
  type DemoSummary,
  demoCredentials,
  demoSizes,
  generateDemoData,
  isDatabaseEmpty,
  seedDemo,
} from '../src/app/seed-demo.js';
import { exampleContract } from '../src/core/scoring/example-contract.js';
import { AppError } from '../src/errors.js';
import type { DbHandle } from '../src/store/db.js';
import { createTestDb } from './db.js';

const now = new Date('2026-03-02T15:30:00Z');
const day = 86_400_000;

describe('demo data', () => {
  let handle: DbHandle;
  let summary: DemoSummary;
  let emptyBefore: boolean;

  beforeAll(async () => {
    handle = await createTestDb();
    emptyBefore = await isDatabaseEmpty(handle.db);
    summary = await seedDemo(handle.db, { now });
  }, 240_000);
  afterAll(async () => handle?.close());

  const count = async (table: 'account' | 'contact' | 'campaign' | 'opportunity' | 'event' | 'lead') => {
    const row = await handle.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', summary.workspace.id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('loads the documented sizes into an empty database', async () => {
    expect(emptyBefore).toBe(true);
    expect(await isDatabaseEmpty(handle.db)).toBe(false);
    expect(summary.workspace).toMatchObject({ name: 'Acme Analytics', slug: 'demo' });
    expect(summary.counts).toMatchObject({
      users: 7,
      teams: 2,
      partners: 1,
      apiKeys: 2,
      campaigns: demoSizes.campaigns,
      accounts: demoSizes.accounts,
      contacts: demoSizes.contacts,
      opportunities: demoSizes.opportunities,
    });
    expect(await count('account')).toBe(300);
    expect(await count('contact')).toBe(2000);
    expect(await count('campaign')).toBe(8);
    expect(await count('opportunity')).toBe(40);
    // Tens of thousands of events, and leads for most contacts.
    expect(await count('event')).toBe(summary.counts.events);
    expect(summary.counts.events).toBeGreaterThan(20_000);
    expect(await count('lead')).toBe(summary.counts.leads);
    expect(summary.counts.leads).toBeGreaterThan(1_500);
    expect(summary.counts.leads).toBeLessThan(2_000);
  });

  it('has leads in every stage', async () => {
    const rows = await handle.db
      .selectFrom('lead')
      .select(['stage', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workspace_id', '=', summary.workspace.id)
      .groupBy('stage')
      .execute();
    const byStage = new Map(rows.map((r) => [r.stage, Number(r.n)]));
    for (const stage of leadStages) expect(byStage.get(stage) ?? 0, stage).toBeGreaterThan(0);
    expect((byStage.get('opportunity') ?? 0) + (byStage.get('won') ?? 0) + (byStage.get('lost') ?? 0)).toBe(
      40,
    );
  });

  it('logs in every demo user with the documented password', async () => {
    expect(demoCredentials.password).toBe('tandem-demo-2026');
    expect(demoCredentials.users.map((u) => u.email)).toEqual([
      'admin@demo.tandem.test',
      'marketing@demo.tandem.test',
      'manager@demo.tandem.test',
      'rep1@demo.tandem.test',
      'rep2@demo.tandem.test',
      'rep3@demo.tandem.test',
      'partner@demo.tandem.test',
    ]);
    const users = await handle.db
      .selectFrom('app_user')
      .leftJoin('team', (j) =>
        j.onRef('team.workspace_id', '=', 'app_user.workspace_id').onRef('team.id', '=', 'app_user.team_id'),
      )
      .leftJoin('partner', (j) =>
        j
          .onRef('partner.workspace_id', '=', 'app_user.workspace_id')
          .onRef('partner.id', '=', 'app_user.partner_id'),
      )
      .select([
        'app_user.email',
        'app_user.role',
        'app_user.password_hash',
        'team.name as team',
        'partner.name as partner',
      ])
      .where('app_user.workspace_id', '=', summary.workspace.id)
      .execute();
    expect(users).toHaveLength(demoCredentials.users.length);
    for (const expected of demoCredentials.users) {
      const user = users.find((u) => u.email === expected.email);
      expect(user?.role, expected.email).toBe(expected.role);
      expect(await verifyPassword(user?.password_hash, demoCredentials.password), expected.email).toBe(true);
    }
    const team = (email: string) => users.find((u) => u.email === email)?.team;
    for (const email of ['manager', 'rep1', 'rep2', 'rep3'])
      expect(team(`${email}@demo.tandem.test`)).toBe('Inbound Sales');
    expect(users.find((u) => u.role === 'partner')?.partner).toBe('Northwind Partners');
  });

  it('creates a write key and a secret key that verify', async () => {
    expect((await verifyApiKey(handle.db, summary.credentials.writeKey, 'write'))?.workspaceId).toBe(
      summary.workspace.id,
    );
    expect((await verifyApiKey(handle.db, summary.credentials.secretKey, 'secret'))?.workspaceId).toBe(
      summary.workspace.id,
    );
  });

  it('keeps every lead consistent with its stage transitions', async () => {
    const leads = await handle.db
      .selectFrom('lead')
      .select(['id', 'stage', 'mql_at', 'created_at', 'owner_id'])
      .where('workspace_id', '=', summary.workspace.id)
      .execute();
    const transitions = await handle.db
      .selectFrom('stage_transition')
      .select(['lead_id', 'from_stage', 'to_stage', 'at', 'cause', 'actor_id', 'reason_code'])
      .where('workspace_id', '=', summary.workspace.id)
      .orderBy('lead_id')
      .orderBy('at')
      .execute();
    expect(transitions).toHaveLength(summary.counts.stageTransitions);
    const byLead = new Map<string, typeof transitions>();
    for (const t of transitions) byLead.set(t.lead_id, [...(byLead.get(t.lead_id) ?? []), t]);
    // Returns give reasons the contract lists, so they read with its labels.
    const listed = new Set(
      [...exampleContract.reasons.reject, ...exampleContract.reasons.recycle].map((r) => r.code),
    );
    for (const t of transitions) if (t.reason_code) expect(listed, t.reason_code).toContain(t.reason_code);
    for (const lead of leads) {
      const path = byLead.get(lead.id) ?? [];
      expect(path.length, lead.id).toBeGreaterThan(0);
      expect(path[0]).toMatchObject({ from_stage: null, to_stage: 'lead' });
      expect(path[0]!.at.getTime()).toBe(lead.created_at.getTime());
      for (let i = 1; i < path.length; i++) expect(path[i]!.from_stage).toBe(path[i - 1]!.to_stage);
      expect(path.at(-1)!.to_stage).toBe(lead.stage);
      const lastMql = path.findLast((t) => t.to_stage === 'mql');
      expect(lead.mql_at?.getTime() ?? null).toBe(lastMql?.at.getTime() ?? null);
      for (const t of path) {
        expect(t.at.getTime()).toBeLessThanOrEqual(now.getTime());
        if (t.to_stage === 'recycled' || t.to_stage === 'disqualified') expect(t.reason_code).not.toBeNull();
        if (t.cause === 'user') expect(t.actor_id).not.toBeNull();
      }
    }
  });

  it('scores every open lead under the contract in force, without moving any', async () => {
    const leads = await handle.db
      .selectFrom('lead')
      .select(['stage', 'score_state', 'score_version', 'fit_grade'])
      .where('workspace_id', '=', summary.workspace.id)
      .where('stage', 'not in', ['won', 'lost', 'disqualified'])
      .execute();
    expect(leads.length).toBeGreaterThan(500);
    for (const lead of leads) {
      expect(lead.score_state, lead.stage).not.toBeNull();
      expect(lead.score_version).toBe(1);
    }
    expect(leads.filter((l) => l.fit_grade !== null).length).toBeGreaterThan(leads.length / 2);
  });

  it('has the example contract in force, signed by marketing and the sales manager, recorded by every MQL', async () => {
    const active = await activeContract(handle.db, summary.workspace.id, now);
    expect(active).toMatchObject({ version: 1, status: 'active', document: exampleContract });
    expect(active?.signatures.map((s) => [s.side, s.name, s.decision])).toEqual([
      ['marketing', 'Maya Chen', 'approve'],
      ['sales', 'Sam Rivera', 'approve'],
    ]);
    const firstTransition = await handle.db
      .selectFrom('stage_transition')
      .select((eb) => eb.fn.min('at').as('at'))
      .where('workspace_id', '=', summary.workspace.id)
      .executeTakeFirstOrThrow();
    expect(active!.effectiveAt!.getTime()).toBeLessThan(new Date(firstTransition.at).getTime());
    const leads = await handle.db
      .selectFrom('lead')
      .select(['mql_at', 'contract_version'])
      .where('workspace_id', '=', summary.workspace.id)
      .execute();
    expect(leads.filter((l) => l.mql_at !== null).length).toBeGreaterThan(100);
    for (const lead of leads) expect(lead.contract_version).toBe(lead.mql_at === null ? null : 1);
    const mqls = await handle.db
      .selectFrom('stage_transition')
      .select(['to_stage', 'contract_version'])
      .where('workspace_id', '=', summary.workspace.id)
      .execute();
    for (const t of mqls) expect(t.contract_version).toBe(t.to_stage === 'mql' ? 1 : null);
  });

  it('ties each opportunity to the lead that became it', async () => {
    const rows = await handle.db
      .selectFrom('opportunity')
      .innerJoin('lead', (j) =>
        j
          .onRef('lead.workspace_id', '=', 'opportunity.workspace_id')
          .onRef('lead.id', '=', 'opportunity.source_lead_id'),
      )
      .select(['opportunity.status', 'opportunity.amount_cents', 'opportunity.account_id', 'lead.stage'])
      .where('opportunity.workspace_id', '=', summary.workspace.id)
      .execute();
    expect(rows).toHaveLength(40);
    const expectedStage: Record<string, LeadStage> = { open: 'opportunity', won: 'won', lost: 'lost' };
    for (const row of rows) {
      expect(row.stage).toBe(expectedStage[row.status]);
      expect(row.amount_cents).toBeGreaterThan(0);
      expect(row.account_id).not.toBeNull();
    }
  });

  it('spreads 90 days of events, some attributed to campaigns', async () => {
    const row = await handle.db
      .selectFrom('event')
      .select((eb) => [
        eb.fn.min('occurred_at').as('first'),
        eb.fn.max('occurred_at').as('last'),
        eb.fn.count<number>('campaign_id').as('withCampaign'),
        eb.fn.count<number>('contact_id').as('known'),
      ])
      .where('workspace_id', '=', summary.workspace.id)
      .executeTakeFirstOrThrow();
    expect(new Date(row.first).getTime()).toBeGreaterThanOrEqual(now.getTime() - 90 * day);
    expect(new Date(row.last).getTime()).toBeLessThanOrEqual(now.getTime());
    expect(Number(row.withCampaign)).toBeGreaterThan(1_000);
    expect(Number(row.known)).toBeLessThan(summary.counts.events);
    const pages = await handle.db
      .selectFrom('event')
      .select('name')
      .distinct()
      .where('workspace_id', '=', summary.workspace.id)
      .where('type', '=', 'track')
      .execute();
    expect(pages.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Demo Requested', 'Webinar Registered']),
    );
  });

  it('generates the same data for the same moment', () => {
    const a = generateDemoData(now);
    const b = generateDemoData(now);
    expect(b.leads).toEqual(a.leads);
    expect(b.events.slice(0, 500)).toEqual(a.events.slice(0, 500));
    expect(b.events.length).toBe(a.events.length);
    expect(a.events.length).toBe(summary.counts.events);
  });

  it('has two nurture programs with history: sends, opens, clicks and suppressions', async () => {
    const db = handle.db;
    const ws = summary.workspace.id;
    const programs = await db
      .selectFrom('nurture_program')
      .select(['name', 'status'])
      .where('workspace_id', '=', ws)
      .execute();
    expect(programs).toHaveLength(2);
    expect(programs.every((p) => p.status === 'active')).toBe(true);
    const sends = await db
      .selectFrom('nurture_send')
      .select(['opened_at', 'clicked_at', 'links', 'created_at'])
      .where('workspace_id', '=', ws)
      .execute();
    expect(sends.length).toBeGreaterThan(20);
    expect(sends.filter((s) => s.opened_at).length).toBeGreaterThan(0);
    expect(sends.filter((s) => s.clicked_at).length).toBeGreaterThan(0);
    for (const s of sends) {
      expect(s.links.length).toBeGreaterThan(0);
      expect(s.created_at.getTime()).toBeLessThanOrEqual(now.getTime());
      if (s.clicked_at) expect(s.opened_at).not.toBeNull();
    }
    const enrollments = await db
      .selectFrom('nurture_enrollment')
      .select(['id', 'status'])
      .where('workspace_id', '=', ws)
      .execute();
    const active = enrollments.filter((e) => e.status === 'active').map((e) => e.id);
    const timers = await db
      .selectFrom('timer')
      .select('subject_id')
      .where('workspace_id', '=', ws)
      .where('kind', '=', 'nurture.step')
      .where('status', '=', 'pending')
      .execute();
    expect(timers.map((t) => t.subject_id).sort()).toEqual(active.sort());
    const a = generateDemoData(now).nurture;
    expect(generateDemoData(now).nurture).toEqual(a);
  });

  it('refuses to seed twice and changes nothing', async () => {
    const before = await count('event');
    const error = await seedDemo(handle.db, { now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'conflict', field: 'slug' });
    expect((error as Error).message).toContain('already exists');
    expect(await count('event')).toBe(before);
  });
});
