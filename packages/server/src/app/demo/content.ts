import { createHash } from 'node:crypto';
import type { AssetFormat, AssetStage } from '../../core/content/asset.js';
import type { DemoContext, Row } from './context.js';
import { chance, day, hour, intBetween, minute } from './random.js';

interface AssetSpec {
  title: string;
  stage: AssetStage;
  format: AssetFormat;
  personas: string[];
  products: string[];
  industries: string[];
  tags: string[];
  /** External link, or the text of a one-page PDF generated here. */
  url?: string;
  pdf?: string;
  status?: 'draft' | 'approved' | 'retired';
  /** A rep's suggestion (origin sales). */
  suggestedBy?: 'rep1' | 'rep2' | 'rep3';
  /** Shared this often over the demo's history. */
  shares: number;
}

const site = 'https://acme-analytics.example.com';

/** The demo library: ~15 assets over the three stages, two of them small PDFs stored with the demo. */
const assetSpecs: readonly AssetSpec[] = [
  {
    title: 'The state of product analytics 2026',
    stage: 'awareness',
    format: 'link',
    url: `${site}/reports/state-2026`,
    personas: ['VP Product'],
    products: ['Analytics'],
    industries: [],
    tags: ['report'],
    shares: 6,
  },
  {
    title: 'Five dashboards every CFO asks for',
    stage: 'awareness',
    format: 'link',
    url: `${site}/blog/cfo-dashboards`,
    personas: ['CFO'],
    products: ['Dashboards'],
    industries: [],
    tags: ['blog', 'finance'],
    shares: 3,
  },
  {
    title: 'Analytics maturity self-assessment',
    stage: 'awareness',
    format: 'link',
    url: `${site}/assessment`,
    personas: ['Head of Data'],
    products: ['Analytics'],
    industries: [],
    tags: ['interactive'],
    shares: 2,
  },
  {
    title: 'Webinar: from events to revenue',
    stage: 'awareness',
    format: 'link',
    url: `${site}/webinars/events-to-revenue`,
    personas: ['VP Marketing'],
    products: ['Attribution'],
    industries: [],
    tags: ['webinar', 'video'],
    shares: 0,
  },
  {
    title: 'Retail analytics playbook',
    stage: 'consideration',
    format: 'pdf',
    pdf: 'Retail analytics playbook - Acme Analytics',
    personas: ['Head of Data'],
    products: ['Analytics'],
    industries: ['Retail'],
    tags: ['playbook'],
    shares: 5,
  },
  {
    title: 'Buyer’s guide to analytics platforms',
    stage: 'consideration',
    format: 'link',
    url: `${site}/guides/buyers-guide`,
    personas: ['VP Product', 'CTO'],
    products: ['Analytics'],
    industries: [],
    tags: ['guide', 'comparison'],
    shares: 8,
  },
  {
    title: 'Customer story: Northwind Retail',
    stage: 'consideration',
    format: 'link',
    url: `${site}/customers/northwind`,
    personas: ['VP Product'],
    products: ['Analytics'],
    industries: ['Retail'],
    tags: ['case study'],
    shares: 4,
  },
  {
    title: 'Customer story: Globex Health',
    stage: 'consideration',
    format: 'link',
    url: `${site}/customers/globex`,
    personas: ['CTO'],
    products: ['Analytics'],
    industries: ['Healthcare'],
    tags: ['case study'],
    shares: 0,
  },
  {
    title: 'Product tour video',
    stage: 'consideration',
    format: 'link',
    url: `${site}/tour`,
    personas: ['VP Product'],
    products: ['Analytics', 'Dashboards'],
    industries: [],
    tags: ['video', 'demo'],
    shares: 3,
  },
  {
    title: 'Security and compliance overview',
    stage: 'decision',
    format: 'pdf',
    pdf: 'Security and compliance overview - Acme Analytics',
    personas: ['CTO', 'CISO'],
    products: ['Platform'],
    industries: [],
    tags: ['security', 'SOC 2'],
    shares: 6,
  },
  {
    title: 'ROI calculator',
    stage: 'decision',
    format: 'link',
    url: `${site}/roi`,
    personas: ['CFO'],
    products: ['Analytics'],
    industries: [],
    tags: ['pricing', 'roi'],
    shares: 4,
  },
  {
    title: 'Implementation plan template',
    stage: 'decision',
    format: 'link',
    url: `${site}/resources/implementation-plan`,
    personas: ['Head of Data'],
    products: ['Platform'],
    industries: [],
    tags: ['onboarding'],
    shares: 2,
  },
  {
    title: 'Pricing one-pager 2025',
    stage: 'decision',
    format: 'link',
    url: `${site}/pricing-2025`,
    personas: ['CFO'],
    products: ['Analytics'],
    industries: [],
    tags: ['pricing'],
    status: 'retired',
    shares: 2,
  },
  {
    title: 'Competitor comparison (rep notes)',
    stage: 'decision',
    format: 'link',
    url: 'https://docs.example.com/acme-vs-others',
    personas: ['VP Product'],
    products: ['Analytics'],
    industries: [],
    tags: ['competitive'],
    status: 'draft',
    suggestedBy: 'rep2',
    shares: 3,
  },
  {
    title: 'Healthcare data residency FAQ',
    stage: 'consideration',
    format: 'link',
    url: 'https://docs.example.com/residency-faq',
    personas: ['CISO'],
    products: ['Platform'],
    industries: ['Healthcare'],
    tags: ['faq'],
    status: 'draft',
    suggestedBy: 'rep1',
    shares: 1,
  },
];

/** A valid one-page PDF showing one line of text (Helvetica), with a correct cross-reference table. */
export function tinyPdf(text: string): Buffer {
  const safe = text.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 18 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export interface DemoContent {
  assets: Row<'asset'>[];
  versions: Row<'asset_version'>[];
  shares: Row<'share_link'>[];
  views: Row<'share_view'>[];
  /** Bytes of the stored files, by sha256 (written to the data directory by the seed). */
  files: Array<{ sha256: string; bytes: Buffer }>;
}

/**
 * The content library, the reps' share links to contacts of their own leads and the view sessions
 * of those links. Drawn last from the seeded generator, so the rest of the demo is unchanged.
 */
export function generateContent(
  ctx: DemoContext,
  input: { leads: ReadonlyArray<Row<'lead'>>; contacts: ReadonlyArray<Row<'contact'>> },
): DemoContent {
  const { f } = ctx;
  const ws = ctx.workspaceId;
  const created = ctx.startMs - 20 * day;
  const contactById = new Map(input.contacts.map((c) => [c.id!, c]));
  const reps = ['rep1', 'rep2', 'rep3'] as const;
  const prospects = new Map(
    reps.map((rep) => [
      rep,
      input.leads
        .filter((l) => l.owner_id === ctx.users[rep])
        .map((l) => contactById.get(l.contact_id))
        .filter((c): c is Row<'contact'> => c?.email != null),
    ]),
  );
  const content: DemoContent = { assets: [], versions: [], shares: [], views: [], files: [] };
  assetSpecs.forEach((spec, i) => {
    const at = new Date(created + i * hour);
    const id = ctx.id(at.getTime());
    const status = spec.status ?? 'approved';
    const author = spec.suggestedBy ? ctx.users[spec.suggestedBy] : ctx.users.marketing;
    content.assets.push({
      workspace_id: ws,
      id,
      title: spec.title,
      description: `${spec.title}, for ${spec.personas.join(' and ')}.`,
      stage: spec.stage,
      personas: spec.personas,
      products: spec.products,
      industries: spec.industries,
      tags: spec.tags,
      status,
      format: spec.format,
      current_version: 1,
      origin: spec.suggestedBy ? 'sales' : 'marketing',
      created_by: author,
      request_id: null,
      approved_by: status === 'draft' ? null : ctx.users.marketing,
      approved_at: status === 'draft' ? null : at,
      retired_at: status === 'retired' ? new Date(ctx.nowMs - 10 * day) : null,
      created_at: at,
      updated_at: at,
    });
    const file = spec.pdf ? tinyPdf(spec.pdf) : null;
    const sha256 = file ? createHash('sha256').update(file).digest('hex') : null;
    if (file && sha256) content.files.push({ sha256, bytes: file });
    content.versions.push({
      workspace_id: ws,
      id: ctx.id(at.getTime()),
      asset_id: id,
      version: 1,
      kind: file ? 'file' : 'url',
      url: spec.url ?? null,
      file_name: file ? `${spec.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.pdf` : null,
      mime: file ? 'application/pdf' : null,
      size_bytes: file ? file.length : null,
      sha256,
      note: null,
      created_by: author,
      created_at: at,
    });
    for (let s = 0; s < spec.shares; s++) {
      const rep = spec.suggestedBy ?? reps[intBetween(f, 0, reps.length - 1)]!;
      const pool = prospects.get(rep) ?? [];
      const contact = pool[intBetween(f, 0, Math.max(0, pool.length - 1))];
      if (!contact) continue;
      const sharedAt = ctx.nowMs - intBetween(f, 2, 80) * day + intBetween(f, 9, 17) * hour;
      const shareId = ctx.id(sharedAt);
      content.shares.push({
        workspace_id: ws,
        id: shareId,
        // The demo's links are for reports only: their tokens were never known to anyone.
        token_hash: createHash('sha256').update(`demo-share:${shareId}`).digest('hex'),
        asset_id: id,
        contact_id: contact.id!,
        account_id: contact.account_id ?? null,
        rep_id: ctx.users[rep],
        email_gate: false,
        expires_at: null,
        revoked_at: null,
        created_at: new Date(sharedAt),
      });
      const visits = chance(f, 0.25) ? 0 : intBetween(f, 1, 3);
      for (let v = 0; v < visits; v++) {
        const startedAt = sharedAt + intBetween(f, 10, 60 * 48) * minute;
        if (startedAt >= ctx.nowMs) break;
        const seconds = intBetween(f, 8, 420);
        content.views.push({
          workspace_id: ws,
          id: ctx.id(startedAt),
          share_id: shareId,
          asset_id: id,
          viewer_email: null,
          started_at: new Date(startedAt),
          last_ping_at: new Date(startedAt + seconds * 1000),
          seconds,
          downloads: file && chance(f, 0.4) ? 1 : 0,
        });
      }
    }
  });
  return content;
}
