import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { LeadContract, Signal } from '@tandem/contracts';
import type { InjectOptions, Response } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createApiKey, createUser, createWorkspace } from '../src/app/workspaces.js';
import { runCli } from '../src/cli/run.js';
import { exampleContract } from '../src/core/scoring/example-contract.js';
import { newId } from '../src/id.js';
import { createCatalog } from '../src/jobs/catalog.js';
import { contractActivationJob, rescoreChunkJob } from '../src/jobs/rescore-leads.job.js';
import { createJobRunner } from '../src/jobs/runner.js';
import { createTestApp, type TestApp } from './app.js';
import { insertActiveContract } from './contracts.js';
import { basicAuth } from './ingest-setup.js';

const day = 86_400_000;
const password = 'contract analysis password';
const base = '/api/v1/lead-contracts';
const copy = (): LeadContract => structuredClone(exampleContract);

describe('lead contract analysis: rescoring and backtests', () => {
  let nowMs = Date.parse('2026-03-02T10:00:00Z');
  const start = nowMs;
  let t: TestApp;
  let workspaceId: string;
  let writeKey: string;
  let n = 0;
  const sessions: Record<string, { token: string; csrf: string }> = {};

  const call = (who: string, method: InjectOptions['method'], url: string, payload?: unknown) => {
    const s = sessions[who]!;
    return t.app.inject({
      method,
      url,
      headers: { cookie: `tandem_session=${s.token}`, 'x-csrf-token': s.csrf },
      ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}),
    });
  };
  const ok = async (res: Promise<Response>, status = 200) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(status);
    return r.json();
  };
  const signed = async (document: LeadContract, extra = {}) => {
    const draft = await ok(call('author', 'POST', base, { document, ...extra }), 201);
    await ok(call('author', 'POST', `${base}/${draft.version}/submit`));
    await ok(call('marketer', 'POST', `${base}/${draft.version}/approve`, { side: 'marketing' }));
    return ok(call('manager', 'POST', `${base}/${draft.version}/approve`, { side: 'sales' }));
  };
  async function send(events: Array<Record<string, unknown>>) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { authorization: basicAuth(writeKey) },
      payload: {
        batch: events.map((e) => ({
          messageId: `ca-${++n}`,
          timestamp: new Date(nowMs).toISOString(),
          ...e,
        })),
      },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  const runner = (chunkSize: number) =>
    createJobRunner({
      db: t.handle.db,
      clock: () => new Date(nowMs),
      catalog: createCatalog([rescoreChunkJob({ chunkSize }), contractActivationJob]),
      worker: `test-${Math.random()}`,
      pollMs: 5,
      batch: 10,
      leaseMs: 60_000,
    });
  async function waitForBacktest(id: string, who = 'manager') {
    for (let i = 0; i < 400; i++) {
      const run = await ok(call(who, 'GET', `${base}/backtests/${id}`));
      if (run.status === 'done' || run.status === 'failed') return run;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('backtest did not finish');
  }

  beforeAll(async () => {
    t = await createTestApp({
      clock: () => new Date(nowMs),
      env: { TANDEM_SESSION_IDLE_MINUTES: '43200', TANDEM_SESSION_MAX_HOURS: '8760' },
    });
    const db = t.handle.db;
    workspaceId = (await createWorkspace(db, { name: 'Analysis' })).id;
    writeKey = (await createApiKey(db, { workspaceId, kind: 'write' })).key;
    const people = [
      ['author', 'marketing'],
      ['marketer', 'marketing'],
      ['manager', 'sales_manager'],
      ['rep', 'sales_rep'],
    ] as const;
    for (const [key, role] of people) {
      await createUser(db, { workspaceId, email: `${key}@analysis.test`, name: key, role, password });
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: `${key}@analysis.test`, password },
        remoteAddress: `10.2.0.${Object.keys(sessions).length + 1}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      sessions[key] = {
        token: res.cookies.find((c) => c.name === 'tandem_session')!.value,
        csrf: res.json().csrfToken,
      };
    }
    // Version 1, signed and in force before any event.
    await insertActiveContract(db, workspaceId, nowMs);
    // Twelve strong-fit leads who attended a webinar (15 interest: below v1's 40), one per hour.
    for (let i = 0; i < 12; i++) {
      const who = { userId: `p-${i}` };
      await send([
        { type: 'identify', ...who, traits: { email: `p${i}@bigco${i}.com`, title: 'VP Sales' } },
        {
          type: 'group',
          ...who,
          groupId: `bigco${i}.com`,
          traits: { industry: 'software', employees: 300, country: 'US' },
        },
      ]);
      nowMs += 60_000;
      await send([{ type: 'track', event: 'Webinar Attended', ...who }]);
      nowMs += 3_600_000;
    }
  });
  afterAll(async () => t?.close());

  it('answers 404 before any rescoring ran', async () => {
    const res = await call('rep', 'GET', `${base}/rescoring`);
    expect(res.statusCode).toBe(404);
  });

  it('rescores every open lead in chunks after a version comes into force, resuming after a restart', async () => {
    const leads = await t.handle.db
      .selectFrom('lead')
      .select(['stage'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(leads).toHaveLength(12);
    expect(leads.every((l) => l.stage === 'lead')).toBe(true);

    const doc = copy();
    doc.name = 'Lower bar';
    doc.mql.minInterest = 10;
    const v2 = await signed(doc);
    expect(v2.status).toBe('active');
    expect(await ok(call('rep', 'GET', `${base}/rescoring`))).toMatchObject({
      version: v2.version,
      status: 'running',
      progress: { done: 0, total: 12 },
      newMqls: 0,
    });

    // One chunk of five, then the process "restarts": a new runner picks the chain up.
    const first = runner(5);
    expect((await first.runOnce(new Date(nowMs))).done).toBe(1);
    await first.stop();
    expect(await ok(call('rep', 'GET', `${base}/rescoring`))).toMatchObject({
      status: 'running',
      progress: { done: 5, total: 12 },
    });
    const second = runner(5);
    for (let i = 0; i < 5; i++) await second.runOnce(new Date(nowMs));
    await second.stop();
    const run = await ok(call('rep', 'GET', `${base}/rescoring`));
    expect(run).toMatchObject({ status: 'done', progress: { done: 12, total: 12 }, newMqls: 12 });
    expect(run.finishedAt).not.toBeNull();

    const after = await t.handle.db
      .selectFrom('lead')
      .select(['stage', 'score_version', 'contract_version'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(after.every((l) => l.stage === 'mql' && l.score_version === v2.version)).toBe(true);
    expect(after.every((l) => l.contract_version === v2.version)).toBe(true);
    const transitions = await t.handle.db
      .selectFrom('stage_transition')
      .select(['to_stage', 'contract_version', 'cause'])
      .where('workspace_id', '=', workspaceId)
      .where('to_stage', '=', 'mql')
      .execute();
    expect(transitions).toHaveLength(12);
    expect(transitions.every((tr) => tr.contract_version === v2.version && tr.cause === 'rule')).toBe(true);
  });

  it('starts rescoring at a future effective time through a timer', async () => {
    const doc = copy();
    doc.name = 'Later';
    const effectiveAt = new Date(nowMs + 2 * day).toISOString();
    const v3 = await signed(doc, { effectiveAt });
    expect(v3.status).toBe('approved');
    const before = await ok(call('rep', 'GET', `${base}/rescoring`));
    expect(before.version).toBe(v3.version - 1);
    nowMs += 2 * day + 1000;
    const jobs = runner(100);
    await jobs.runOnce(new Date(nowMs));
    expect(await ok(call('rep', 'GET', `${base}/rescoring`))).toMatchObject({
      version: v3.version,
      status: 'running',
    });
    for (let i = 0; i < 3; i++) await jobs.runOnce(new Date(nowMs));
    await jobs.stop();
    expect(await ok(call('rep', 'GET', `${base}/rescoring`))).toMatchObject({
      version: v3.version,
      status: 'done',
      progress: { done: 12, total: 12 },
    });
  });

  it('backtests a stored draft and an unsaved YAML contract, with progress and a result', async () => {
    const doc = copy();
    doc.name = 'Draft to test';
    doc.mql.minInterest = 100;
    const draft = await ok(call('author', 'POST', base, { document: doc }), 201);
    const window = { from: new Date(start - day).toISOString(), to: new Date(nowMs).toISOString() };
    const queued = await ok(
      call('manager', 'POST', `${base}/backtests`, { version: draft.version, ...window }),
      202,
    );
    expect(queued).toMatchObject({ status: 'queued', result: null, error: null });
    const done = await waitForBacktest(queued.id);
    expect(done.status, done.error).toBe('done');
    expect(done.result).toMatchObject({
      candidateVersion: draft.version,
      leads: 12,
      candidate: { mqls: 0 },
      outcome: { stage: 'sql', withinDays: 90 },
      flips: { gainedCount: 0 },
    });
    expect(done.result.activeVersion).toBeGreaterThan(1);
    expect(done.progress.done).toBe(done.progress.total);
    expect(done.result.fitGrades.find((g: { grade: string }) => g.grade === 'A').count).toBe(12);

    const lower = copy();
    lower.mql.minInterest = 10;
    const unsaved = await ok(
      call('marketer', 'POST', `${base}/backtests`, { yaml: stringify(lower), ...window, withinDays: 30 }),
      202,
    );
    const result = (await waitForBacktest(unsaved.id, 'marketer')).result;
    expect(result).toMatchObject({
      candidateVersion: null,
      candidate: { mqls: 12 },
      outcome: { withinDays: 30 },
    });
    expect(result.flips.gainedCount).toBe(12);
    expect(result.flips.gained[0]).toMatchObject({ fitGrade: 'A', converted: false });
    expect(result.flips.gained[0].email).toMatch(/@bigco/);
    expect(result.mqlsPerWeek.reduce((s: number, w: { candidate: number }) => s + w.candidate, 0)).toBe(12);
  });

  it('refuses bad requests naming the field, and roles that may not run backtests', async () => {
    const window = { from: new Date(start).toISOString(), to: new Date(nowMs).toISOString() };
    const bad = copy() as unknown as { fit: { rules: Array<Record<string, unknown>> } };
    bad.fit.rules[3]!.op = 'regex';
    const cases: Array<[unknown, string]> = [
      [{ document: bad, ...window }, '/fit/rules/3/op'],
      [{ ...window }, '/version'],
      [{ version: 1, yaml: 'x: 1', ...window }, '/version'],
      [{ version: 1, from: window.to, to: window.from }, '/to'],
      [{ version: 1, ...window, outcome: 'mql' }, '/outcome'],
      [{ yaml: 'name: [unclosed', ...window }, '/yaml'],
    ];
    for (const [payload, field] of cases) {
      const res = await call('manager', 'POST', `${base}/backtests`, payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json(), JSON.stringify(payload)).toMatchObject({ code: 'validation_failed', field });
    }
    const missing = await call('manager', 'POST', `${base}/backtests`, { version: 999, ...window });
    expect(missing.statusCode).toBe(404);
    const rep = await call('rep', 'POST', `${base}/backtests`, { version: 1, ...window });
    expect(rep.statusCode).toBe(403);
    const unknown = await call('manager', 'GET', `${base}/backtests/${newId()}`);
    expect(unknown.statusCode).toBe(404);
  });

  it('runs from the CLI on a YAML file, as JSON for scripts and as a readable summary', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tandem-backtest-'));
    try {
      const lower = copy();
      lower.mql.minInterest = 10;
      const file = path.join(dir, 'contract.yaml');
      writeFileSync(file, stringify(lower));
      const cli = async (argv: string[]) => {
        const out: string[] = [];
        const err: string[] = [];
        const sink = (chunks: string[]) =>
          new Writable({
            write(chunk: Buffer | string, _encoding, done) {
              chunks.push(chunk.toString());
              done();
            },
          });
        const code = await runCli(
          argv,
          { stdin: Readable.from([]), stdout: sink(out), stderr: sink(err) },
          {
            env: { TANDEM_DEMO: 'false' },
            clock: () => new Date(nowMs),
            openDatabase: async () => ({ ...t.handle, close: async () => {} }),
          },
        );
        return { code, stdout: out.join(''), stderr: err.join('') };
      };
      const window = ['--from', new Date(start - day).toISOString(), '--to', new Date(nowMs).toISOString()];
      const json = await cli(['contract', 'backtest', file, ...window, '--within-days', '30', '--json']);
      expect(json.code, json.stderr).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject({
        candidateVersion: null,
        leads: 12,
        candidate: { mqls: 12 },
        outcome: { stage: 'sql', withinDays: 30 },
      });
      // No terminal: no progress bar on stderr.
      expect(json.stderr).toBe('');
      const text = await cli(['contract', 'backtest', file, ...window, '--outcome', 'won']);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toContain('Backtest of the contract in the file');
      expect(text.stdout).toMatch(/candidate\s+12/);
      const bad = await cli(['contract', 'backtest', path.join(dir, 'missing.yaml'), ...window]);
      expect(bad.code).toBe(1);
      const usage = await cli(['contract', 'backtest', file, ...window, '--outcome', 'mql']);
      expect(usage.code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('measures signal lift and turns chosen suggestions into a new draft', async () => {
    const db = t.handle.db;
    // Half the leads looked at pricing and read a case study; most of them reached SQL.
    for (let i = 0; i < 6; i++) {
      nowMs += 60_000;
      await send([
        { type: 'page', name: 'Pricing', properties: { path: '/pricing' }, userId: `p-${i}` },
        { type: 'track', event: 'Case Study Read', userId: `p-${i}` },
      ]);
    }
    const leads = await db
      .selectFrom('lead')
      .innerJoin('contact', (j) =>
        j.onRef('contact.workspace_id', '=', 'lead.workspace_id').onRef('contact.id', '=', 'lead.contact_id'),
      )
      .select(['lead.id', 'contact.email'])
      .where('lead.workspace_id', '=', workspaceId)
      .execute();
    const leadOf = (i: number) => leads.find((l) => l.email === `p${i}@bigco${i}.com`)!.id;
    for (const i of [0, 1, 2, 3, 4, 8]) {
      await db
        .insertInto('stage_transition')
        .values({
          workspace_id: workspaceId,
          id: newId(nowMs),
          lead_id: leadOf(i),
          from_stage: 'mql',
          to_stage: 'sql',
          at: new Date(nowMs + day),
          cause: 'user',
          actor_id: null,
          reason_code: null,
          note: null,
          contract_version: null,
        })
        .execute();
    }
    nowMs += 2 * day;
    const query = `from=${new Date(start - day).toISOString()}&to=${new Date(nowMs).toISOString()}&withinDays=30`;
    const lift = await ok(call('manager', 'GET', `${base}/signal-lift?${query}`));
    expect(lift).toMatchObject({ leads: 12, baseRate: 0.5, outcome: { stage: 'sql', withinDays: 30 } });
    const byKey = new Map((lift.signals as Signal[]).map((s) => [s.key, s]));
    const pricing = byKey.get('interest:pricing-page')!;
    expect(pricing).toMatchObject({
      kind: 'interest',
      ruleId: 'pricing-page',
      currentPoints: 10,
      withSignal: { leads: 6, converted: 5 },
      withoutSignal: { leads: 6, converted: 1 },
      lowSample: true,
    });
    expect(pricing.lift).toBeCloseTo(5 / 6 / 0.5);
    // 10 × 1.67 = 16.7, shrunk toward 10 by 6 ÷ (6 + 30).
    expect(pricing.suggestedPoints).toBe(11);
    expect(byKey.get('interest:webinar')).toMatchObject({
      withSignal: { leads: 12 },
      lift: 1,
      suggestedPoints: 15,
    });
    expect(byKey.get('interest:demo-request')).toMatchObject({ withSignal: { leads: 0 }, lift: null });
    const caseStudy = byKey.get('event:Case Study Read')!;
    expect(caseStudy).toMatchObject({
      kind: 'interest',
      ruleId: null,
      currentPoints: null,
      withSignal: { leads: 6 },
    });
    expect(caseStudy.suggestedPoints).toBeGreaterThan(0);
    expect(byKey.get('fit:exec-title')).toMatchObject({ kind: 'fit', withSignal: { leads: 12 } });
    expect(byKey.get('industry:software')).toMatchObject({ kind: 'fit', withSignal: { leads: 12 } });
    expect(byKey.has('title:vp')).toBe(true);

    const body = {
      from: new Date(start - day).toISOString(),
      to: new Date(nowMs).toISOString(),
      withinDays: 30,
      keys: ['interest:pricing-page', 'event:Case Study Read'],
    };
    const draft = await ok(call('marketer', 'POST', `${base}/signal-lift/draft`, body), 201);
    expect(draft.status).toBe('draft');
    const rules = draft.document.interest.rules as Array<{ id: string; event?: string; points: number }>;
    expect(rules.find((r) => r.id === 'pricing-page')!.points).toBe(11);
    expect(rules.find((r) => r.id === 'webinar')!.points).toBe(15);
    expect(rules.find((r) => r.event === 'Case Study Read')).toMatchObject({
      points: caseStudy.suggestedPoints,
    });
    const unknown = await call('marketer', 'POST', `${base}/signal-lift/draft`, {
      ...body,
      keys: ['event:Nope'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ field: '/keys' });
    const all = await ok(
      call('manager', 'POST', `${base}/signal-lift/draft`, { ...body, keys: undefined }),
      201,
    );
    const allRules = all.document.interest.rules as Array<{ id: string; event?: string; points: number }>;
    expect(allRules.find((r) => r.id === 'pricing-page')!.points).toBe(11);
    expect(allRules.some((r) => r.event === 'Case Study Read')).toBe(false);
    expect((await call('rep', 'GET', `${base}/signal-lift?${query}`)).statusCode).toBe(403);
    const badWindow = await call('manager', 'GET', `${base}/signal-lift?from=${body.to}&to=${body.from}`);
    expect(badWindow.statusCode).toBe(400);
    expect(badWindow.json()).toMatchObject({ field: '/to' });
  });
});
