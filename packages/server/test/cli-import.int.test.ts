import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../src/app/campaigns.js';
import { createWorkspace } from '../src/app/workspaces.js';
import { runCli } from '../src/cli/run.js';
import type { DbHandle } from '../src/store/db.js';
import { createTestDb } from './db.js';

describe('tandem import', () => {
  let handle: DbHandle & { url?: string };
  let dir: string;
  let campaignId: string;

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
        env: { TANDEM_DATA_DIR: dir, ...(handle.url ? { DATABASE_URL: handle.url } : {}) },
        openDatabase: async () => ({ ...handle, close: async () => {} }),
        clock: () => new Date('2031-01-01T00:00:00Z'),
      },
    );
    return { code, stdout: out.join(''), stderr: err.join('') };
  };

  beforeAll(async () => {
    handle = await createTestDb();
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-import-'));
    const ws = await createWorkspace(handle.db, { name: 'Acme', slug: 'acme' });
    const campaign = await createCampaign(handle.db, {
      workspaceId: ws.id,
      now: new Date('2031-01-01T00:00:00Z'),
      fields: {
        name: 'Newsletter',
        channel: 'email',
        ownerTeamId: null,
        startsOn: null,
        endsOn: null,
        costCents: 0,
        utmCampaign: null,
        utmSourcePattern: null,
        utmMediumPattern: null,
        requestedBySales: false,
      },
    });
    campaignId = campaign.id;
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks every row, imports nothing from a bad file, and imports the good rows when asked', async () => {
    const file = path.join(dir, 'costs.csv');
    writeFileSync(file, 'campaign,month,amount\nNewsletter,2031-01,100\nNewsletter,2031-02,-3\n');
    const preview = await cli(['import', 'campaign-costs', file, '--dry-run', '--json']);
    expect(preview.code, preview.stderr).toBe(0);
    expect(JSON.parse(preview.stdout)).toMatchObject({
      report: { totalRows: 2, goodRows: 1, badRows: 1 },
      committed: false,
    });

    const refused = await cli(['import', 'campaign-costs', file]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('line 3, amount: is not an amount');
    expect(refused.stdout).toContain('Nothing was imported');

    const partial = await cli(['import', 'campaign-costs', file, '--only-good-rows']);
    expect(partial.code, partial.stderr).toBe(0);
    expect(partial.stdout).toContain('Imported 1 campaign-costs, skipped 1 bad rows.');
    const costs = await handle.db
      .selectFrom('campaign_cost')
      .select('amount_cents')
      .where('campaign_id', '=', campaignId)
      .execute();
    expect(costs.map((c) => Number(c.amount_cents))).toEqual([10_000]);

    expect((await cli(['import', 'nothing', file])).code).toBe(2);
    expect((await cli(['import', 'contacts', path.join(dir, 'missing.csv')])).code).toBe(1);
  });
});
