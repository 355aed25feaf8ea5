/**
 * The joint weekly report both teams receive: one set of numbers (goal, marketing's share of the
 * pipeline, the funnel, service levels both ways, why leads came back, the campaigns that
 * brought pipeline), rendered as a self-contained HTML email with inline SVG charts and a plain
 * text alternative. Pure: the data comes in, strings go out.
 */

export interface JointReportData {
  workspaceName: string;
  /** The week reported, [from, to). */
  from: Date;
  to: Date;
  currency: string;
  goal: {
    name: string;
    targetCents: number;
    wonCents: number;
    projectedCents: number;
    elapsedShare: number;
    onTrack: boolean;
    marketing: { label: string; actual: number; required: number | null }[];
    sales: { label: string; actual: number; required: number | null }[];
  } | null;
  pipeline: { totalCents: number; sourcedCents: number; influencedCents: number };
  /** Leads reaching each main stage in the week, in funnel order. */
  funnel: { stage: string; leads: number }[];
  attainment: {
    side: 'sales' | 'marketing';
    kind: string;
    met: number;
    breached: number;
    rate: number | null;
  }[];
  rejections: { reason: string; count: number }[];
  campaigns: { name: string; pipelineCents: number }[];
  /** Where the report opens in the app. */
  link: string;
}

export interface RenderedReport {
  subject: string;
  html: string;
  text: string;
}

const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Whole currency units with thousands separators: 123456789 cents, USD → "$1,234,568". */
export function money(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  }).format(cents / 100);
}

const percent = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)}%`);
const day = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Horizontal bars as an inline SVG: one row a label, a bar scaled to the largest value, and the
 * formatted value. Deterministic (fixed geometry, no fonts measured) so tests can compare output.
 */
export function svgBars(
  rows: readonly { label: string; value: number; display: string }[],
  options: { title: string; color?: string } = { title: '' },
): string {
  const width = 560;
  const rowHeight = 26;
  const labelWidth = 240;
  const valueWidth = 110;
  const barMax = width - labelWidth - valueWidth;
  const max = Math.max(0, ...rows.map((r) => r.value));
  const height = Math.max(1, rows.length) * rowHeight + 8;
  const color = options.color ?? '#0ca678';
  const body = rows
    .map((r, i) => {
      const y = 4 + i * rowHeight;
      const w = max > 0 ? Math.max(r.value > 0 ? 2 : 0, Math.round((r.value / max) * barMax)) : 0;
      const label = r.label.length > 36 ? `${r.label.slice(0, 35)}…` : r.label;
      return (
        `<text x="0" y="${y + 17}" font-size="13" fill="#343a40">${escapeHtml(label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="16" rx="3" fill="${color}"/>` +
        `<text x="${labelWidth + w + 6}" y="${y + 17}" font-size="13" fill="#495057">${escapeHtml(r.display)}</text>`
      );
    })
    .join('');
  const empty =
    rows.length === 0 ? '<text x="0" y="20" font-size="13" fill="#868e96">Nothing this week</text>' : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(options.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Arial, Helvetica, sans-serif">${body}${empty}</svg>`;
}

/** The funnel as centred bars that narrow stage by stage, with counts and step conversion. */
export function svgFunnel(stages: readonly { stage: string; leads: number }[]): string {
  const width = 560;
  const rowHeight = 34;
  const max = Math.max(1, ...stages.map((s) => s.leads));
  const height = stages.length * rowHeight + 4;
  const body = stages
    .map((s, i) => {
      const w = Math.max(4, Math.round((s.leads / max) * (width - 160)));
      const x = Math.round((width - 160 - w) / 2);
      const y = 2 + i * rowHeight;
      const previous = i > 0 ? stages[i - 1]!.leads : null;
      const step = previous ? ` (${percent(s.leads / previous)})` : '';
      return (
        `<rect x="${x}" y="${y}" width="${w}" height="26" rx="3" fill="#1c7ed6" opacity="${(1 - i * 0.1).toFixed(2)}"/>` +
        `<text x="${width - 150}" y="${y + 18}" font-size="13" fill="#343a40">${escapeHtml(s.stage)}: ${s.leads}${step}</text>`
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Funnel" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Arial, Helvetica, sans-serif">${body}</svg>`;
}

function section(title: string, content: string): string {
  return `<h2 style="font-size:16px;margin:24px 0 8px;color:#212529">${escapeHtml(title)}</h2>${content}`;
}

function paceRows(rows: readonly { label: string; actual: number; required: number | null }[]): string {
  return rows
    .map(
      (r) =>
        `<tr><td style="padding:2px 12px 2px 0">${escapeHtml(r.label)}</td><td style="padding:2px 12px 2px 0;text-align:right">${r.actual.toLocaleString('en-US')}</td><td style="padding:2px 0;text-align:right;color:#868e96">${r.required === null ? '—' : `of ${Math.ceil(r.required).toLocaleString('en-US')}`}</td></tr>`,
    )
    .join('');
}

/** The report as an email: subject, HTML (inline styles and SVG, no external resources) and text. */
export function renderJointReport(data: JointReportData): RenderedReport {
  const week = `${day(data.from)} – ${day(new Date(data.to.getTime() - 1))}`;
  const subject = `${data.workspaceName}: the joint revenue report, week of ${day(data.from)}`;
  const m = (cents: number) => money(cents, data.currency);
  const share = (part: number) => (data.pipeline.totalCents > 0 ? part / data.pipeline.totalCents : null);

  const goalHtml = data.goal
    ? `<p style="margin:0 0 8px">${escapeHtml(data.goal.name)}: <strong>${m(data.goal.wonCents)}</strong> won of ${m(data.goal.targetCents)}, ${m(data.goal.projectedCents)} projected with weighted pipeline; ${percent(data.goal.elapsedShare)} of the period gone — <strong>${data.goal.onTrack ? 'on track' : 'behind'}</strong>.</p><table style="font-size:14px;border-collapse:collapse"><tr><th colspan="3" style="text-align:left">Marketing</th></tr>${paceRows(data.goal.marketing)}<tr><th colspan="3" style="text-align:left;padding-top:8px">Sales</th></tr>${paceRows(data.goal.sales)}</table>`
    : '<p>No revenue goal covers this week. Set one under Goals.</p>';
  const attainmentRows = data.attainment.map((a) => ({
    label: `${a.side === 'sales' ? 'Sales' : 'Marketing'}: ${a.kind.replaceAll('_', ' ')}`,
    value: a.rate === null ? 0 : a.rate * 100,
    display: a.rate === null ? 'no clocks' : `${percent(a.rate)} (${a.met} met, ${a.breached} breached)`,
  }));
  const html = [
    '<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f8f9fa;font-family:Arial,Helvetica,sans-serif;color:#212529">',
    '<div style="max-width:600px;margin:0 auto;background:#fff;padding:24px;border-radius:8px">',
    `<h1 style="font-size:20px;margin:0 0 4px">The joint revenue report</h1><p style="margin:0;color:#868e96">${escapeHtml(data.workspaceName)} · ${week}</p>`,
    section('Goal', goalHtml),
    section(
      'Pipeline created this week',
      `<p style="margin:0 0 8px"><strong>${m(data.pipeline.totalCents)}</strong> in new pipeline; marketing sourced <strong>${m(data.pipeline.sourcedCents)}</strong> (${percent(share(data.pipeline.sourcedCents))}) and influenced ${m(data.pipeline.influencedCents)} (${percent(share(data.pipeline.influencedCents))}).</p>`,
    ),
    section('Funnel this week', svgFunnel(data.funnel)),
    section(
      'Service levels, both ways',
      svgBars(attainmentRows, { title: 'SLA attainment', color: '#f59f00' }),
    ),
    section(
      'Why leads came back',
      svgBars(
        data.rejections.map((r) => ({ label: r.reason, value: r.count, display: String(r.count) })),
        { title: 'Top rejection and recycle reasons', color: '#e03131' },
      ),
    ),
    section(
      'Campaigns that brought pipeline (W-shaped credit)',
      svgBars(
        data.campaigns.map((c) => ({ label: c.name, value: c.pipelineCents, display: m(c.pipelineCents) })),
        { title: 'Top campaigns' },
      ),
    ),
    `<p style="margin:24px 0 0"><a href="${escapeHtml(data.link)}" style="color:#0ca678">Open this report in Tandem</a></p>`,
    '</div></body></html>',
  ].join('');

  const lines = [
    `The joint revenue report — ${data.workspaceName}, ${week}`,
    '',
    data.goal
      ? `Goal "${data.goal.name}": ${m(data.goal.wonCents)} won of ${m(data.goal.targetCents)}, ${m(data.goal.projectedCents)} projected; ${data.goal.onTrack ? 'on track' : 'behind'}.`
      : 'No revenue goal covers this week.',
    `Pipeline created: ${m(data.pipeline.totalCents)}; marketing sourced ${m(data.pipeline.sourcedCents)} (${percent(share(data.pipeline.sourcedCents))}), influenced ${m(data.pipeline.influencedCents)}.`,
    `Funnel: ${data.funnel.map((s) => `${s.stage} ${s.leads}`).join(' → ')}.`,
    `Service levels: ${attainmentRows.map((a) => `${a.label} ${a.display}`).join('; ') || 'no clocks'}.`,
    `Why leads came back: ${data.rejections.map((r) => `${r.reason} (${r.count})`).join(', ') || 'none'}.`,
    `Top campaigns: ${data.campaigns.map((c) => `${c.name} ${m(c.pipelineCents)}`).join(', ') || 'none'}.`,
    '',
    `Open it in Tandem: ${data.link}`,
  ];
  return { subject, html, text: lines.join('\n') };
}
