import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { type Caller, expectStatus, json, workspaceWithUsers } from './closed-loop-helpers.js';

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(200, 7),
]);
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 0)]);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('asset library: uploads, sniffing, size limit and approval', () => {
  let t: TestApp;
  let as: Record<string, Caller>;
  let workspaceId: string;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-assets-'));
  const now = new Date('2031-05-04T09:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({
      clock: () => now,
      env: { TANDEM_DATA_DIR: dataDir, TANDEM_ASSET_MAX_BYTES: '2048' },
    });
    ({ as, workspaceId } = await workspaceWithUsers(t, [
      ['rep1', 'sales_rep', 'East'],
      ['rep2', 'sales_rep', 'East'],
      ['mkt', 'marketing', 'Demand'],
    ]));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const stored = () => {
    try {
      return readdirSync(path.join(dataDir, 'assets', workspaceId));
    } catch {
      return [];
    }
  };
  const upload = (who: Caller, id: string, body: Buffer | Readable, type: string, name = 'file.bin') =>
    who('PUT', `/api/v1/assets/${id}/file?filename=${encodeURIComponent(name)}`, body, {
      'content-type': type,
    });

  it('stores a file under its sha256, serves it with its sniffed type and nosniff', async () => {
    const asset = await json(
      as.mkt!('POST', '/api/v1/assets', {
        title: 'Product one-pager',
        stage: 'awareness',
        personas: ['CFO'],
        tags: ['pricing'],
      }),
      201,
    );
    expect(asset).toMatchObject({ status: 'draft', origin: 'marketing', currentVersion: 0, request: null });
    const version = await json(upload(as.mkt!, asset.id, png, 'image/png', 'one "pager".png'), 201);
    expect(version).toMatchObject({ version: 1, kind: 'file', mime: 'image/png', sizeBytes: png.length });
    expect(stored()).toEqual([version.sha256]);

    const file = await expectStatus(as.rep1!('GET', `/api/v1/assets/${asset.id}/file`), 404); // a draft: not for reps
    expect(file.json().code).toBe('not_found');
    const served = await expectStatus(as.mkt!('GET', `/api/v1/assets/${asset.id}/file?download=true`), 200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['content-disposition']).toMatch(/^attachment; filename="one pager.png"/);
    expect(served.rawPayload.equals(png)).toBe(true);

    const got = await json(as.mkt!('GET', `/api/v1/assets/${asset.id}`));
    expect(got).toMatchObject({ format: 'image', currentVersion: 1, versions: [{ version: 1 }] });
  });

  it('refuses a disguised executable and a file whose type is not allowed, keeping nothing', async () => {
    const asset = await json(as.mkt!('POST', '/api/v1/assets', { title: 'Logo', stage: 'awareness' }), 201);
    const before = stored();
    const disguised = await expectStatus(upload(as.mkt!, asset.id, exe, 'image/png', 'logo.png'), 415);
    expect(disguised.json()).toMatchObject({
      code: 'unsupported_media_type',
      field: 'file',
      detail: 'declared image/png but the content is a Windows executable',
    });
    const mismatch = await expectStatus(upload(as.mkt!, asset.id, pdf, 'image/png'), 415);
    expect(mismatch.json().detail).toBe('declared image/png but the content is application/pdf');
    const html = await expectStatus(
      upload(as.mkt!, asset.id, Buffer.from('<html><script>alert(1)</script>'), 'text/plain'),
      415,
    );
    expect(html.json().detail).toMatch(/HTML/);
    const svg = await expectStatus(upload(as.mkt!, asset.id, Buffer.from('<svg/>'), 'image/svg+xml'), 415);
    expect(svg.json()).toMatchObject({ code: 'unsupported_media_type', field: 'file' });
    expect(stored()).toEqual(before);
    expect((await json(as.mkt!('GET', `/api/v1/assets/${asset.id}`))).versions).toEqual([]);
  });

  it('refuses an oversized file with 413 without writing it, whether or not its length is declared', async () => {
    const asset = await json(
      as.mkt!('POST', '/api/v1/assets', { title: 'Big deck', stage: 'decision' }),
      201,
    );
    const before = stored();
    const big = Buffer.concat([pdf, Buffer.alloc(4000, 0x20)]);
    const declared = await expectStatus(upload(as.mkt!, asset.id, big, 'application/pdf'), 413);
    expect(declared.json()).toMatchObject({ code: 'payload_too_large', field: 'file' });
    // Streamed without a length: cut off while streaming, the partial file removed.
    const streamed = await expectStatus(
      upload(
        as.mkt!,
        asset.id,
        Readable.from([big.subarray(0, 1500), big.subarray(1500)]),
        'application/pdf',
      ),
      413,
    );
    expect(streamed.json()).toMatchObject({ code: 'payload_too_large', field: 'file' });
    expect(stored()).toEqual(before);
  });

  it('lets marketing approve and retire; reps suggest assets and edits as requests to marketing', async () => {
    const draft = await json(
      as.mkt!('POST', '/api/v1/assets', {
        title: 'ROI calculator',
        description: 'Model the payback period',
        stage: 'decision',
        products: ['Analytics'],
        industries: ['Retail'],
      }),
      201,
    );
    const noContent = await expectStatus(as.mkt!('POST', `/api/v1/assets/${draft.id}/approve`), 409);
    expect(noContent.json().field).toBe('/file');
    await json(
      as.mkt!('POST', `/api/v1/assets/${draft.id}/versions`, { url: 'https://roi.example.com/calc' }),
      201,
    );
    await expectStatus(as.rep1!('POST', `/api/v1/assets/${draft.id}/approve`), 403);
    const approved = await json(as.mkt!('POST', `/api/v1/assets/${draft.id}/approve`));
    expect(approved).toMatchObject({ status: 'approved', format: 'link', approvedBy: as.mkt!.userId });
    await expectStatus(as.mkt!('POST', `/api/v1/assets/${draft.id}/approve`), 409);
    await expectStatus(
      as.mkt!('POST', `/api/v1/assets/${draft.id}/versions`, { url: 'javascript:alert(1)' }),
      400,
    );

    // A rep's new asset is a draft plus a request to marketing; other reps do not see it.
    const suggested = await json(
      as.rep1!('POST', '/api/v1/assets', {
        title: 'Competitor battlecard',
        stage: 'consideration',
        url: 'https://wiki.example.com/battlecard',
      }),
      201,
    );
    expect(suggested).toMatchObject({ status: 'draft', origin: 'sales', format: 'link' });
    expect(suggested.request).toMatchObject({
      title: 'Asset suggested: Competitor battlecard',
      status: 'open',
    });
    const request = await t.handle.db
      .selectFrom('marketing_request')
      .select(['kind', 'requested_by'])
      .where('id', '=', suggested.request.id)
      .executeTakeFirstOrThrow();
    expect(request).toEqual({ kind: 'asset', requested_by: as.rep1!.userId });
    await expectStatus(as.rep2!('GET', `/api/v1/assets/${suggested.id}`), 404);
    expect(
      (await json(as.rep1!('GET', '/api/v1/assets?status=draft'))).items.map((a: { id: string }) => a.id),
    ).toEqual([suggested.id]);

    // An edit from a rep to marketing's asset is a suggestion; marketing edits directly.
    const edit = await json(as.rep1!('PATCH', `/api/v1/assets/${draft.id}`, { title: 'ROI model' }), 202);
    expect(edit.request.title).toBe('Edit suggested: ROI calculator');
    expect(edit.asset.title).toBe('ROI calculator');
    const edited = await json(
      as.mkt!('PATCH', `/api/v1/assets/${draft.id}`, { tags: ['roi', ' roi ', 'finance'] }),
    );
    expect(edited.tags).toEqual(['roi', 'finance']);

    // Search and filters.
    const ids = async (query: string) =>
      (await json(as.rep2!('GET', `/api/v1/assets?${query}`))).items.map((a: { title: string }) => a.title);
    expect(await ids('q=payback')).toEqual(['ROI calculator']);
    expect(await ids('q=finance')).toEqual(['ROI calculator']);
    expect(await ids('industry=Retail&type=link')).toEqual(['ROI calculator']);
    expect(await ids('stage=awareness')).toEqual([]);

    const retired = await json(as.mkt!('POST', `/api/v1/assets/${draft.id}/retire`));
    expect(retired.status).toBe('retired');
    expect(await ids('q=payback')).toEqual([]);
  });

  it('documents the content API in the OpenAPI document', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    for (const p of [
      '/api/v1/assets',
      '/api/v1/assets/{id}/file',
      '/api/v1/assets/{id}/shares',
      '/api/v1/reports/content',
    ])
      expect(paths).toContain(p);
  });
});
