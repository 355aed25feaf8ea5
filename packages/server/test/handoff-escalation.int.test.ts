import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handOffNewMqls } from '../src/app/hand-off.js';
import { setBusinessHours, setRoutingRules } from '../src/app/routing-settings.js';
import { createUser, createWorkspace } from '../src/app/workspaces.js';
import { loadConfig } from '../src/config.js';
import { exampleContract } from '../src/core/scoring/example-contract.js';
import { newId } from '../src/id.js';
import { createCatalog, defaultCatalog, type JobDefinition } from '../src/jobs/catalog.js';
import { createJobRunner, type JobRunner, startJobRunner } from '../src/jobs/runner.js';
import { slaJobs, slaReassignJob } from '../src/jobs/sla-clock.job.js';
import { type Db, type DbHandle, openDb } from '../src/store/db.js';
import { createTestDb, testDbKind } from './db.js';

const minute = 60_000;
const t0 = new Date('2026-04-06T08:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * minute);
const allDay = [{ start: '00:00', end: '24:00' }];
/** Only the clocks' own timers: notification deliveries are not what these tests count. */
const slaKinds = slaJobs.map((j) => j.kind);

/**
 * Escalation happens exactly once: two runners racing over the same clocks, and a worker killed
 * in the middle of a reassignment. The example contract: first touch 60 min, accept 240, warn at
 * 75 %, reassign 480 min after the breach; the team works round the clock.
 */
describe('SLA escalation exactly once', () => {
  let handle: DbHandle & { url?: string };
  let db: Db;
  let workspaceId: string;
  let reps: string[];

  beforeAll(async () => {
    handle = await createTestDb();
    db = handle.db;
    workspaceId = (await createWorkspace(db, { name: 'Escalation' })).id;
    reps = [];
    for (const name of ['ria', 'sam']) {
      const user = await createUser(db, {
        workspaceId,
        email: `${name}@esc.test`,
        name,
        role: 'sales_rep',
        team: 'Sales',
      });
      reps.push(user.id);
    }
    await createUser(db, {
      workspaceId,
      email: 'mo@esc.test',
      name: 'mo',
      role: 'sales_manager',
      team: 'Sales',
    });
    const teamId = (
      await db
        .selectFrom('team')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow()
    ).id;
    await setBusinessHours(db, {
      workspaceId,
      teamId,
      hours: {
        timeZone: 'UTC',
        week: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
      },
      now: t0,
    });
    await setRoutingRules(db, {
      workspaceId,
      funnel: 'default',
      rules: [
        { id: 'reps', kind: 'catch_all', target: { kind: 'user', userId: reps[0]! } },
        { id: 'rest', kind: 'catch_all', target: { kind: 'user', userId: reps[1]! } },
      ],
      userId: null,
      now: t0,
    });
    await db
      .insertInto('lead_contract')
      .values({
        workspace_id: workspaceId,
        id: newId(),
        version: 1,
        status: 'active',
        document: JSON.stringify(exampleContract),
        source_format: 'json',
        source: null,
        author_id: null,
        created_at: at(-100_000),
        updated_at: at(-100_000),
        submitted_at: at(-100_000),
        effective_at: at(-100_000),
        activated_at: at(-100_000),
      })
      .execute();
  });
  afterAll(async () => {
    await handle?.close();
  });

  /** n MQLs handed off at t0: each goes to the first rep with two clocks and their timers. */
  async function mqls(n: number): Promise<string[]> {
    const ids: string[] = [];
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < n; i++) {
        const contactId = newId();
        const leadId = newId();
        await trx
          .insertInto('contact')
          .values({
            workspace_id: workspaceId,
            id: contactId,
            email: `p${contactId}@x.test`,
            traits: '{}',
            consent: '{}',
            created_at: t0,
            updated_at: t0,
            first_name: null,
            last_name: null,
            title: null,
            phone: null,
            country: null,
            account_id: null,
            owner_id: null,
            partner_id: null,
          })
          .execute();
        await trx
          .insertInto('lead')
          .values({
            workspace_id: workspaceId,
            id: leadId,
            contact_id: contactId,
            stage: 'mql',
            owner_id: null,
            team_id: null,
            partner_id: null,
            source: null,
            fit_grade: 'A',
            interest_ref_at: null,
            contract_version: 1,
            mql_at: t0,
            created_at: t0,
            updated_at: t0,
          })
          .execute();
        ids.push(leadId);
      }
      await handOffNewMqls(trx, workspaceId, ids, t0);
    });
    return ids;
  }

  async function expectReassignedOnce(leadIds: readonly string[]) {
    const leads = await db.selectFrom('lead').select(['id', 'owner_id']).where('id', 'in', leadIds).execute();
    expect(leads.every((l) => l.owner_id === reps[1])).toBe(true);
    const clocks = await db.selectFrom('sla_clock').selectAll().where('subject_id', 'in', leadIds).execute();
    for (const id of leadIds) {
      const own = clocks.filter((c) => c.subject_id === id);
      // Two clocks for the first rep (stopped by the reassignment), two for the second: never a third pair.
      expect(own).toHaveLength(4);
      expect(own.filter((c) => c.escalation_level === 3)).toHaveLength(1);
      expect(own.filter((c) => c.assignee_id === reps[1] && c.stopped_at === null)).toHaveLength(2);
    }
  }

  it('two runners racing warn, escalate and reassign every lead exactly once', async () => {
    const leadIds = await mqls(20);
    const second =
      testDbKind() === 'postgres' ? await openDb({ databaseUrl: handle.url!, poolSize: 3 }) : handle;
    const runners: JobRunner[] = [db, second.db].map((runnerDb, i) =>
      startJobRunner({
        db: runnerDb,
        clock: () => at(600),
        catalog: defaultCatalog(loadConfig({})),
        worker: `racer-${i}`,
        pollMs: 5,
        batch: 7,
        leaseMs: 60_000,
      }),
    );
    // Per lead, five timers are due at 600 min: first-touch warning, breach and reassignment,
    // accept warning and breach (its reassignment, due at 720, is cancelled by the first one).
    try {
      const deadline = Date.now() + 40_000;
      for (;;) {
        const { n } = await db
          .selectFrom('timer')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('status', '=', 'done')
          .where('subject_type', '=', 'sla_clock')
          .executeTakeFirstOrThrow();
        if (Number(n) >= 100 || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
      if (second !== handle) await second.close();
    }
    const done = await db
      .selectFrom('timer')
      .select(['locked_by', 'kind'])
      .where('status', '=', 'done')
      .where('subject_type', '=', 'sla_clock')
      .execute();
    expect(done).toHaveLength(100);
    await expectReassignedOnce(leadIds);
    // A backlog shared by two runners may reach a clock's warning after the other runner's
    // reassignment stopped it: a stopped clock is never warned late, and no step repeats.
    const first = await db
      .selectFrom('sla_clock')
      .select(['escalation_level', 'stop_cause'])
      .where('subject_id', 'in', leadIds)
      .where('assignee_id', '=', reps[0]!)
      .execute();
    expect(first.every((c) => c.stop_cause === 'reassigned')).toBe(true);
  });

  it.runIf(testDbKind() === 'postgres')(
    'a worker killed mid-reassignment leaves nothing behind, and the survivor reassigns once',
    async () => {
      await db.updateTable('timer').set({ status: 'cancelled' }).where('status', '=', 'pending').execute();
      const [leadId] = await mqls(1);
      const crashing = await openDb({ databaseUrl: handle.url!, poolSize: 2 });
      let backendPid = 0;
      let reached!: () => void;
      const hanging = new Promise<void>((resolve) => {
        reached = resolve;
      });
      let unblock!: () => void;
      const never = new Promise<void>((resolve) => {
        unblock = resolve;
      });
      // The real reassignment runs, then the process "dies" before the commit.
      const doomedReassign: JobDefinition = {
        kind: slaReassignJob.kind,
        async handle(ctx) {
          await slaReassignJob.handle(ctx);
          backendPid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(ctx.db)).rows[0]!
            .pid;
          reached();
          await never;
        },
      };
      const doomed = createJobRunner({
        db: crashing.db,
        clock: () => at(600),
        catalog: createCatalog([...slaJobs.filter((j) => j.kind !== slaReassignJob.kind), doomedReassign]),
        kinds: slaKinds,
        worker: 'doomed',
        pollMs: 5,
        batch: 10,
        leaseMs: 60_000,
      });
      const doomedRun = doomed.runOnce(at(600));
      await hanging;
      await sql`select pg_terminate_backend(${backendPid})`.execute(db);
      // The warning and breach committed; the reassignment rolled back with the connection.
      expect(
        await db.selectFrom('sla_clock').select('id').where('subject_id', '=', leadId!).execute(),
      ).toHaveLength(2);
      const survivor = createJobRunner({
        db,
        clock: () => at(601),
        catalog: defaultCatalog(loadConfig({})),
        kinds: slaKinds,
        worker: 'survivor',
        pollMs: 5,
        batch: 10,
        leaseMs: 60_000,
      });
      expect(await survivor.runOnce(at(600.5))).toMatchObject({ claimed: 0 });
      expect(await survivor.runOnce(at(601))).toMatchObject({ done: 1 });
      unblock();
      // Its warning and breach steps had committed before the kill; the reassignment had not.
      expect(await doomedRun).toMatchObject({ done: 4 });
      await crashing.close();
      await expectReassignedOnce([leadId!]);
    },
  );
});
